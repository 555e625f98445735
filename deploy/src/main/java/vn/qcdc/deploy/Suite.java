package vn.qcdc.deploy;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.ProcessBuilder.Redirect;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;

import vn.qcdc.infra.DevTokens;
import vn.qcdc.infra.FreePorts;
import vn.qcdc.infra.LocalKafka;
import vn.qcdc.infra.LocalPostgres;

/**
 * The local launcher behind {@code ./suite.sh}: the whole suite on one machine with one command, kept running.
 *
 * <p>
 * Order matters both ways. Up: PostgreSQL, Kafka, then the services (each needs both to become ready). Down, on
 * Ctrl-C or SIGTERM: services first (so they finish requests and flush their outbox while the database and the broker
 * are still there), then Kafka, then PostgreSQL. Every child runs in its own session (setsid) so that Ctrl-C in the
 * terminal reaches only this process, which then applies that order; the broker additionally exits by itself if this
 * process is killed outright.
 *
 * <p>
 * Supervision: once everything is up, a part that stops on its own (a crash, an OOM kill, kill -9) is started again
 * on the same port and data, after a pause that doubles from 1 s up to 30 s while it keeps failing and is reset once
 * it has stayed up for a minute. The other parts keep running (the services ride out a broker or database restart by
 * themselves: their clients reconnect, the outbox holds events meanwhile). Only a signal stops the suite.
 *
 * <p>
 * Exposure: the services' API ports listen on loopback unless told otherwise, and never elsewhere while they accept
 * the committed dev key (see {@link Settings}); health and metrics are on each service's management port, always on
 * loopback here.
 *
 * <p>
 * State lives in the data folder ({@code ./data}), so the next start finds the same databases and topics. Deleting the
 * folder resets everything.
 *
 * <p>
 * Multi-node rehearsal ({@code --multi-node}, or {@code --brokers 3 --replicas 2}): what a cluster does, on this
 * machine: three Kafka brokers (each a controller voter; replication factor 3, {@code min.insync.replicas=2}, data in
 * {@code kafka-cluster/}) and two processes of each service on their own ports, sharing their service's database.
 * Each broker and each replica is supervised and restarted on its own.
 */
public final class Suite {

    private static final PrintStream OUT = System.out;
    static final Duration FIRST_BACKOFF = Duration.ofSeconds(1);
    static final Duration MAX_BACKOFF = Duration.ofSeconds(30);
    /**
     * JVM options of every service process on this one machine (issue 11, start-up and memory; figures in
     * bench/startup): a bounded heap that starts small and grows only as needed, the serial collector (G1's remembered
     * sets cost memory for nothing at this heap size), smaller thread stacks, and the quick compiler only. Four service
     * JVMs share this machine's cores with PostgreSQL and the broker (which runs the same way): without the optimising
     * compiler a service is ready about a quarter sooner, holds 45-70 MB less under load and serves up to twice the
     * requests in its first seconds, at about four fifths of the steady rate. A cluster's pods keep the optimising compiler
     * (deploy/kubernetes).
     */
    static final String SERVICE_JVM_OPTIONS = "-Xmx256m -Xms16m -XX:+UseSerialGC -Xss512k -XX:TieredStopAtLevel=1";
    /** A part that stayed up this long before dying starts over at the first backoff. */
    static final Duration STABLE_AFTER = Duration.ofSeconds(60);

    private final Settings settings;
    private final ServiceJvm jvm;
    /** Recording runs of the start-up caches, stopped with everything if a signal comes first. */
    private final List<Process> recordings = new CopyOnWriteArrayList<>();
    // Read by the signal and restart threads while the main thread fills them.
    private final List<ServiceChild> services = new CopyOnWriteArrayList<>();
    private final List<Child> children = new CopyOnWriteArrayList<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private LocalPostgres postgres;
    /** The brokers the launcher started: one, or the nodes of a local cluster; empty with an external Kafka. */
    private final List<LocalKafka> kafkas = new CopyOnWriteArrayList<>();
    private Path publicKey;
    private volatile boolean stopping;
    private volatile Thread mainThread;

    Suite(Settings settings) {
        this(settings, ServiceJvm.from(Map.of()));
    }

    Suite(Settings settings, ServiceJvm jvm) {
        this.settings = settings;
        this.jvm = jvm;
    }

    public static void main(String[] args) {
        System.exit(launch(args, System.getenv(), Path.of(System.getProperty("qcdc.home", ".")), System.err));
    }

    /** Parses the command line and environment, then runs the suite until a signal; returns the exit code. */
    static int launch(String[] args, Map<String, String> env, Path home, PrintStream err) {
        if (args.length > 0 && args[0].equals("token")) {
            return TokenCommand.run(args);
        }
        boolean demo = false;
        String bind = null;
        int brokers = 1;
        int replicas = 1;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--demo" -> demo = true;
                case "--no-build", "--build" -> {
                    // handled by suite.sh
                }
                case "--bind" -> {
                    if (i + 1 >= args.length) {
                        err.println("--bind needs an address, e.g. --bind 0.0.0.0");
                        return 2;
                    }
                    bind = args[++i];
                }
                case "--multi-node" -> {
                    brokers = Settings.MULTI_NODE_BROKERS;
                    replicas = Settings.MULTI_NODE_REPLICAS;
                }
                case "--brokers", "--replicas" -> {
                    if (i + 1 >= args.length || !args[i + 1].matches("[0-9]{1,2}")) {
                        err.println(args[i] + " needs a number, e.g. " + args[i] + " 3");
                        return 2;
                    }
                    int n = Integer.parseInt(args[++i]);
                    if (args[i - 1].equals("--brokers")) {
                        brokers = n;
                    } else {
                        replicas = n;
                    }
                }
                case "-h", "--help" -> {
                    usage(OUT);
                    return 0;
                }
                default -> {
                    if (args[i].startsWith("--bind=")) {
                        bind = args[i].substring("--bind=".length());
                    } else {
                        err.println("Unknown argument: " + args[i]);
                        usage(err);
                        return 2;
                    }
                }
            }
        }
        Settings settings;
        ServiceJvm jvm;
        try {
            settings = Settings.from(env, home, demo, bind, brokers, replicas);
            jvm = ServiceJvm.from(env);
        } catch (IllegalArgumentException e) {
            err.println("suite: " + e.getMessage());
            return 2;
        }
        Suite suite = new Suite(settings, jvm);
        suite.installSignalHandlers();
        return suite.run();
    }

    static void usage(PrintStream out) {
        out.println("""
                Usage: ./suite.sh [--no-build | --build] [--demo] [--bind ADDRESS]
                                  [--multi-node | --brokers N --replicas N]
                       ./suite.sh token <role> [--unit CODE] [--org ORG_TYPE] [--ttl-minutes N]

                Starts PostgreSQL, Kafka and the three services on this machine and keeps them running (a part that
                stops is restarted); Ctrl-C stops everything. The services listen on 127.0.0.1; --bind (or
                QCDC_BIND_ADDRESS) moves their API ports elsewhere, only with a real key
                (MP_JWT_VERIFY_PUBLICKEY_LOCATION), never with the dev key.
                --multi-node rehearses a cluster: 3 Kafka brokers (replication factor 3, min.insync.replicas 2) and
                2 replicas of each service (second replicas on API port + 10: 8091, 8092, 8093; management 9091-9093).
                The build is skipped when no file changed since the last one (--build forces it). On Java 25+ the
                services start from an ahead-of-time cache, recorded once per build (QCDC_SERVICE_JAVA: their Java).
                Environment: QCDC_DATA_DIR, QCDC_DB_HOST/PORT/USER/PASSWORD, QCDC_KAFKA_BOOTSTRAP, QCDC_KAFKA_PORT,
                QCDC_<SERVICE>_PORT, QCDC_<SERVICE>_MANAGEMENT_PORT, QCDC_SERVICE_JAVA (see deploy/README.md).""");
    }

    /**
     * Starts everything, waits for readiness, then supervises until a signal arrives.
     *
     * @return the process exit code: 0 after a requested stop, 1 if the first start failed
     */
    int run() {
        mainThread = Thread.currentThread();
        try {
            Files.createDirectories(settings.dataDir().resolve("logs"));
            stopLeftoverServices();
            startDatabaseAndKafka();
            publicKey = DevTokens.writePublicKey(settings.dataDir().resolve("keys"));

            List<String> missing = settings.services().stream()
                    .filter(s -> !Files.isRegularFile(jar(s)))
                    .map(s -> "  " + settings.home().relativize(jar(s)))
                    .toList();
            if (!missing.isEmpty()) {
                System.err.println("\nCannot start the services: these application jars are missing:");
                missing.forEach(System.err::println);
                System.err.println("Build them first: ./mvnw -DskipTests install   (or run ./suite.sh without "
                        + "--no-build)");
                return 1;
            }
            for (Settings.Service s : settings.services()) {
                for (int port : List.of(s.port(), s.managementPort())) {
                    if (!FreePorts.isFree(port)) {
                        System.err.println("Port " + port + " for " + s.name() + " is already in use. Stop what "
                                + "uses it (an earlier ./suite.sh or quarkus:dev?) and try again.");
                        return 1;
                    }
                }
            }
            if (jvm.aot()) {
                recordStartupCaches();
            }
            for (Settings.Service s : settings.services()) {
                ServiceChild child = new ServiceChild(s);
                child.launch();
                services.add(child);
            }
            children.addAll(services);
            writePidFile();
            if (!awaitReady()) {
                return 1;
            }
            printSummary();
            return supervise();
        } catch (InterruptedException e) {
            return stopping ? 0 : 1;
        } catch (Exception e) {
            if (stopping) {
                return 0;
            }
            System.err.println("\nStartup failed: " + e.getMessage());
            return 1;
        } finally {
            stopAll();
        }
    }

    /**
     * PostgreSQL and Kafka start side by side (neither needs the other; one after the other took the sum of both);
     * the services start once both are ready. Should either fail, or Ctrl-C come, this waits for the other to finish
     * starting before it returns, so that the stop that follows finds everything that was started.
     */
    private void startDatabaseAndKafka() throws InterruptedException {
        FutureTask<Void> kafka = new FutureTask<>(this::startKafka, null);
        Thread starter = new Thread(kafka, "kafka-start");
        starter.setDaemon(true);
        starter.start();
        RuntimeException failure = null;
        try {
            startDatabase();
        } catch (RuntimeException e) {
            failure = e;
        }
        boolean interrupted = false;
        while (true) {
            try {
                kafka.get();
                break;
            } catch (InterruptedException e) {
                interrupted = true; // Ctrl-C while the broker starts: let it finish, so that the stop finds it
            } catch (ExecutionException e) {
                RuntimeException kafkaFailure = e.getCause() instanceof RuntimeException r
                        ? r
                        : new IllegalStateException(e.getCause());
                if (failure == null) {
                    failure = kafkaFailure;
                } else {
                    failure.addSuppressed(kafkaFailure);
                }
                break;
            }
        }
        if (interrupted) {
            throw new InterruptedException("stopped while PostgreSQL and Kafka were starting");
        }
        if (failure != null) {
            throw failure;
        }
    }

    private void startDatabase() {
        List<String> databases = settings.databases();
        if (settings.dbHost() != null) {
            step("PostgreSQL: using " + settings.dbHost() + ":" + settings.dbPort() + " (QCDC_DB_HOST)");
            createExternalDatabases(databases);
            return;
        }
        long t0 = System.nanoTime();
        postgres = LocalPostgres.start(settings.dataDir().resolve("postgres"), settings.dbPort());
        databases.forEach(postgres::ensureDatabase);
        children.add(new PostgresChild());
        step("PostgreSQL " + "on port " + postgres.port() + " ready in " + millis(t0) + " ms (databases "
                + String.join(", ", databases) + ")");
    }

    private void createExternalDatabases(List<String> databases) {
        String url = "jdbc:postgresql://" + settings.dbHost() + ":" + settings.dbPort() + "/postgres";
        try (Connection c = DriverManager.getConnection(url, settings.dbUser(), settings.dbPassword())) {
            for (String db : databases) {
                try (PreparedStatement q = c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
                    q.setString(1, db);
                    try (ResultSet rs = q.executeQuery()) {
                        if (rs.next()) {
                            continue;
                        }
                    }
                }
                try (Statement s = c.createStatement()) {
                    s.execute("CREATE DATABASE " + db);
                    step("  created database " + db);
                } catch (SQLException e) {
                    System.err.println("  Could not create database " + db + " (" + e.getMessage().trim()
                            + "). Ask the database administrator to create it for user " + settings.dbUser() + ".");
                }
            }
        } catch (SQLException e) {
            System.err.println("  Could not connect to " + url + " as " + settings.dbUser() + " to check the "
                    + "databases (" + e.getMessage().trim() + "); the services will try themselves.");
        }
    }

    private void startKafka() {
        if (settings.kafkaBootstrap() != null) {
            step("Kafka: using " + settings.kafkaBootstrap() + " (QCDC_KAFKA_BOOTSTRAP)");
            return;
        }
        long t0 = System.nanoTime();
        if (settings.brokers() == 1) {
            LocalKafka kafka = LocalKafka.start(settings.dataDir().resolve("kafka"), settings.kafkaPort());
            kafkas.add(kafka);
            children.add(new KafkaChild(kafka, "Kafka broker"));
            step("Kafka broker on " + kafka.bootstrapServers() + " ready in " + millis(t0) + " ms");
            return;
        }
        // A cluster keeps its data apart from the single broker's: its topics are replicated, that one's are not.
        kafkas.addAll(LocalKafka.startCluster(settings.dataDir().resolve("kafka-cluster"), settings.kafkaPorts()));
        kafkas.forEach(k -> children.add(new KafkaChild(k, "Kafka broker " + k.nodeId())));
        step("Kafka cluster of " + kafkas.size() + " brokers on " + LocalKafka.bootstrapServers(kafkas)
                + " (replication factor " + replicationFactor() + ", min.insync.replicas "
                + (kafkas.size() >= 3 ? 2 : 1) + ") ready in " + millis(t0) + " ms");
    }

    private String bootstrapServers() {
        return settings.kafkaBootstrap() != null ? settings.kafkaBootstrap() : LocalKafka.bootstrapServers(kafkas);
    }

    /** Copies of each event the services' topics keep: one per broker the launcher started, at most three. */
    private int replicationFactor() {
        return Math.min(3, kafkas.size());
    }

    private String jdbcUrl(String database) {
        return settings.dbHost() != null
                ? "jdbc:postgresql://" + settings.dbHost() + ":" + settings.dbPort() + "/" + database
                : postgres.jdbcUrl(database);
    }

    private Path jar(Settings.Service s) {
        return settings.home().resolve(s.module()).resolve("target/quarkus-app/quarkus-run.jar");
    }

    private Path pidFile() {
        return settings.dataDir().resolve("services.pid");
    }

    /** Remembers the service pids so that a launcher killed with SIGKILL does not leave them running forever. */
    private synchronized void writePidFile() {
        StringBuilder sb = new StringBuilder();
        services.forEach(c -> c.pid().ifPresent(pid -> sb.append(pid).append(' ').append(c.name).append('\n')));
        try {
            Files.writeString(pidFile(), sb.toString(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            System.err.println("Could not write " + pidFile() + ": " + e.getMessage());
        }
    }

    /**
     * Stops services a previous launcher left behind (it was killed outright, so its Ctrl-C handling never ran);
     * otherwise they would hold the ports. Only processes still running one of our application jars are touched.
     */
    private void stopLeftoverServices() throws IOException {
        if (!Files.isRegularFile(pidFile())) {
            return;
        }
        for (String line : Files.readAllLines(pidFile(), StandardCharsets.UTF_8)) {
            String[] parts = line.trim().split(" ", 2);
            if (parts.length < 2) {
                continue;
            }
            try {
                ProcessHandle.of(Long.parseLong(parts[0]))
                        .filter(ProcessHandle::isAlive)
                        .filter(p -> p.info().arguments().map(a -> String.join(" ", a)).orElse("")
                                .contains("quarkus-run.jar"))
                        .ifPresent(p -> {
                            step("stopping " + parts[1] + " left running by an earlier launcher (pid " + p.pid() + ")");
                            p.destroy();
                            try {
                                p.onExit().get(20, TimeUnit.SECONDS);
                            } catch (Exception e) {
                                p.destroyForcibly();
                            }
                        });
            } catch (NumberFormatException e) {
                // not ours
            }
        }
        Files.deleteIfExists(pidFile());
    }

    /** First start: every service ready within the timeout, or the start fails (exit 1) with the reason shown. */
    private boolean awaitReady() throws InterruptedException {
        long t0 = System.nanoTime();
        long deadline = t0 + TimeUnit.SECONDS.toNanos(settings.readyTimeoutSeconds());
        List<ServiceChild> pending = new ArrayList<>(services);
        while (!pending.isEmpty()) {
            for (ServiceChild c : List.copyOf(pending)) {
                if (!c.isAlive()) {
                    System.err.println("\n" + c.name + " exited while starting (" + c.exitDescription()
                            + "). Last lines of " + display(c.log) + ":");
                    System.err.println(tail(c.log, 40));
                    System.err.println("Stopping everything.");
                    return false;
                }
                if (isReady(c.service)) {
                    step(c.name + " ready in " + millis(t0) + " ms");
                    c.upSince = System.nanoTime();
                    pending.remove(c);
                }
            }
            if (!pending.isEmpty() && System.nanoTime() > deadline) {
                for (ServiceChild c : pending) {
                    System.err.println("\n" + c.name + " did not become ready within "
                            + settings.readyTimeoutSeconds() + " s. Last lines of " + display(c.log) + ":");
                    System.err.println(tail(c.log, 40));
                }
                return false;
            }
            Thread.sleep(500);
        }
        return true;
    }

    /** One time-boxed readiness request to the service's management port (health lives there, on loopback). */
    private boolean isReady(Settings.Service s) throws InterruptedException {
        try {
            HttpResponse<Void> response = http.send(HttpRequest.newBuilder(URI.create("http://" + Settings.LOOPBACK
                    + ":" + s.managementPort() + "/q/health/ready")).timeout(Duration.ofSeconds(3)).GET().build(),
                    HttpResponse.BodyHandlers.discarding());
            return response.statusCode() == 200;
        } catch (IOException e) {
            return false;
        }
    }

    /** Watches every part until a signal asks us to stop; a part that died is restarted by its own thread. */
    private int supervise() throws InterruptedException {
        while (!stopping) {
            for (Child c : children) {
                if (!stopping) {
                    c.checkAlive();
                }
            }
            Thread.sleep(250);
        }
        return 0;
    }

    /**
     * A part of the suite the launcher keeps running. When it is found dead, a thread of its own waits the backoff,
     * starts it again and waits until it serves, retrying with a doubled pause while that fails; the other parts are
     * watched meanwhile.
     */
    private abstract class Child {
        final String name;
        volatile long upSince = System.nanoTime();
        private Thread restarter; // guarded by this
        private int restarts; // guarded by this
        private Duration backoff = FIRST_BACKOFF; // guarded by this

        Child(String name) {
            this.name = name;
        }

        /** Starts it again (same port, same data) and returns once it serves; throws if it does not. */
        abstract void startAndAwaitReady() throws Exception;

        abstract boolean isAlive();

        /** How it ended, for the launcher's line: "code 137", … */
        abstract String exitDescription();

        /** Extra lines worth showing when it died (the end of its log), or empty. */
        String deathDetails() {
            return "";
        }

        synchronized void checkAlive() {
            if (restarter != null || isAlive()) {
                return;
            }
            long downAt = System.nanoTime();
            if (Duration.ofNanos(downAt - upSince).compareTo(STABLE_AFTER) >= 0) {
                backoff = FIRST_BACKOFF; // it had been fine for a while: this is a new incident
            }
            String why = "exited (" + exitDescription() + ")";
            String details = deathDetails();
            if (!details.isEmpty()) {
                System.err.println(details);
            }
            restarter = new Thread(() -> restartLoop(why, downAt), "restart-" + name);
            restarter.setDaemon(true);
            restarter.start();
        }

        private void restartLoop(String firstReason, long downAt) {
            String why = firstReason;
            try {
                while (!stopping) {
                    Duration delay;
                    int attempt;
                    synchronized (this) {
                        delay = backoff;
                        attempt = ++restarts;
                        backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0
                                ? MAX_BACKOFF
                                : backoff.multipliedBy(2);
                    }
                    step(name + " " + why + " - restarting in " + delay.toSeconds() + " s (restart #" + attempt
                            + ")");
                    Thread.sleep(delay.toMillis());
                    if (stopping) {
                        return;
                    }
                    try {
                        startAndAwaitReady();
                        upSince = System.nanoTime();
                        step(name + " ready again after " + String.format(java.util.Locale.ROOT, "%.1f",
                                (System.nanoTime() - downAt) / 1e9) + " s");
                        return;
                    } catch (InterruptedException e) {
                        throw e;
                    } catch (Exception e) {
                        if (stopping) {
                            return;
                        }
                        why = "did not come back (" + e.getMessage().lines().findFirst().orElse("") + ")";
                    }
                }
            } catch (InterruptedException e) {
                // the suite is stopping
            } finally {
                synchronized (this) {
                    restarter = null;
                }
            }
        }

        /** Ends a restart in progress (the suite is stopping), waiting a little for it to notice. */
        void cancelRestart() {
            Thread t;
            synchronized (this) {
                t = restarter;
            }
            if (t != null) {
                t.interrupt();
                try {
                    t.join(10_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    private final class PostgresChild extends Child {
        PostgresChild() {
            super("PostgreSQL");
        }

        @Override
        void startAndAwaitReady() {
            synchronized (Suite.this) { // not while stopAll() runs
                if (stopping) {
                    throw new IllegalStateException("stopping");
                }
                postgres.restart();
            }
        }

        @Override
        boolean isAlive() {
            return postgres == null || postgres.isRunning();
        }

        @Override
        String exitDescription() {
            return "server process gone; log " + display(postgres.dataDir().resolve("postgres.log"));
        }
    }

    private final class KafkaChild extends Child {
        private final LocalKafka kafka;

        KafkaChild(LocalKafka kafka, String name) {
            super(name);
            this.kafka = kafka;
        }

        @Override
        void startAndAwaitReady() {
            synchronized (Suite.this) {
                if (stopping) {
                    throw new IllegalStateException("stopping");
                }
                kafka.start(); // same port, same log directory; a cluster's other nodes keep serving meanwhile
            }
        }

        @Override
        boolean isAlive() {
            return stopping || kafka.isRunning();
        }

        @Override
        String exitDescription() {
            return kafka.exitCode().map(c -> "code " + c).orElse("stopped") + "; log " + display(kafka.logFile());
        }
    }

    /** A service process: {@code java -jar <module>/target/quarkus-app/quarkus-run.jar} with the suite's settings. */
    private final class ServiceChild extends Child {
        final Settings.Service service;
        final Path log;
        private volatile Process process;

        ServiceChild(Settings.Service service) {
            super(service.name());
            this.service = service;
            this.log = settings.dataDir().resolve("logs").resolve(service.name() + ".log");
        }

        Optional<Long> pid() {
            Process p = process;
            return p == null ? Optional.empty() : Optional.of(p.pid());
        }

        void launch() throws IOException {
            synchronized (Suite.this) { // never a new process once stopAll() has begun
                if (stopping) {
                    throw new IllegalStateException("stopping");
                }
                process = startService(service, log, false);
            }
            writePidFile();
            step(name + " starting (pid " + process.pid() + ", log " + display(log) + ")");
        }

        @Override
        void startAndAwaitReady() throws Exception {
            launch();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(settings.readyTimeoutSeconds());
            while (!isReady(service)) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("exited with code " + process.exitValue() + " while starting; see "
                            + display(log));
                }
                if (System.nanoTime() > deadline) {
                    process.destroyForcibly();
                    throw new IllegalStateException("not ready within " + settings.readyTimeoutSeconds() + " s; see "
                            + display(log));
                }
                Thread.sleep(500);
            }
        }

        @Override
        boolean isAlive() {
            Process p = process;
            return p != null && p.isAlive();
        }

        @Override
        String exitDescription() {
            return "code " + process.exitValue();
        }

        @Override
        String deathDetails() {
            int code = process.exitValue();
            // 137/143: killed or stopped by a signal from outside, its log says nothing more about it.
            return code == 137 || code == 143
                    ? ""
                    : "Last lines of " + display(log) + ":\n" + tail(log, 20);
        }
    }

    /**
     * Java 25+: records the ahead-of-time cache of each application whose cache is missing or older than its jar
     * ({@link ServiceJvm}). Each is started once as it will run, against the real database and broker, on its own
     * ports; once ready it is asked for its OpenAPI document (or the web console for its home page), so the request
     * path is recorded too, then stopped: the JVM writes the cache as it exits. The applications are recorded one
     * after another (80–100 s for all four on two cores, once per build). An application whose recording fails starts
     * without a cache, as before.
     */
    private void recordStartupCaches() throws IOException, InterruptedException {
        List<Settings.Service> stale = settings.services().stream()
                .filter(s -> s.replica() == 1 && !ServiceJvm.isFresh(jar(s).getParent())).toList();
        if (stale.isEmpty()) {
            return;
        }
        step("recording the start-up cache of " + String.join(", ", stale.stream().map(Settings.Service::module)
                .toList()) + " (Java " + jvm.feature() + " ahead-of-time cache; once per build, one to two minutes)");
        long t0 = System.nanoTime();
        List<String> failed = new ArrayList<>();
        // One at a time: a recording started beside the others waits longer for its turn to be exercised and
        // stopped, and a cache trained longer came out ~15 MB bigger (130 against 115 MB) and mapped that much more
        // private memory per service at ready (216-218 against 196 MB), starting no faster. Four in turn take ~43 s
        // on 2 cores, against ~34 s side by side (bench/startup/results.md).
        for (Settings.Service s : stale) {
            Path app = jar(s).getParent();
            Files.deleteIfExists(app.resolve(ServiceJvm.AOT_CACHE));
            Path log = settings.dataDir().resolve("logs").resolve(s.name() + ".log");
            Process p;
            synchronized (this) {
                if (stopping) {
                    throw new InterruptedException("stopping");
                }
                p = startService(s, log, true);
                recordings.add(p);
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(settings.readyTimeoutSeconds());
            while (p.isAlive() && !isReady(s) && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            if (p.isAlive() && isReady(s)) {
                exercise(s);
            }
            p.destroy();
            // the JVM writes the cache as it exits (a second JVM assembles it): allow for that
            if (!p.waitFor(180, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                p.waitFor(10, TimeUnit.SECONDS);
            }
            recordings.remove(p);
            if (!ServiceJvm.isFresh(app)) {
                failed.add(s.module());
            }
        }
        step("start-up caches recorded in " + millis(t0) + " ms" + (failed.isEmpty()
                ? ""
                : "; none for " + String.join(", ", failed) + " (it starts without one; see its log)"));
    }

    /** One request along the application's usual path, so that its recording covers serving too. */
    private void exercise(Settings.Service s) throws InterruptedException {
        String path = s.web() ? "/" : "/q/openapi";
        try {
            http.send(HttpRequest.newBuilder(URI.create("http://" + Settings.LOOPBACK + ":" + s.port() + path))
                    .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.discarding());
        } catch (IOException e) {
            // a recording without this request is still a recording of the start
        }
    }

    private Process startService(Settings.Service s, Path log, boolean recording) throws IOException {
        List<String> command = new ArrayList<>();
        if (Files.isExecutable(Path.of("/usr/bin/setsid"))) {
            command.add("/usr/bin/setsid"); // own session: Ctrl-C reaches only the launcher, which stops in order
        }
        // -Dqcdc.instance names the replica in process lists (ps, a test's ProcessHandle); nothing reads it.
        command.add(jvm.java().toString());
        command.addAll(List.of(SERVICE_JVM_OPTIONS.split(" ")));
        Path app = jar(s).getParent();
        command.addAll(recording ? ServiceJvm.recordingOptions() : jvm.cacheOptions(app));
        command.addAll(List.of("-Dqcdc.instance=" + s.name(), "-jar", jar(s).getFileName().toString()));
        ProcessBuilder pb = new ProcessBuilder(command)
                .directory(app.toFile())
                .redirectErrorStream(true)
                .redirectOutput(Redirect.appendTo(log.toFile()));
        // The whole environment of the launcher (QCDC_* included) is inherited; these win over application.properties.
        Map<String, String> env = pb.environment();
        env.put("QUARKUS_HTTP_HOST", settings.bindAddress());
        env.put("QUARKUS_HTTP_PORT", Integer.toString(s.port()));
        // Health and metrics: the management interface, on loopback whatever the API binds to.
        env.put("QUARKUS_MANAGEMENT_HOST", Settings.LOOPBACK);
        env.put("QUARKUS_MANAGEMENT_PORT", Integer.toString(s.managementPort()));
        if (s.web()) {
            // The web console has no database or broker: it reads the services' APIs, the replica with its own
            // number where there is one, else the first.
            for (Settings.Service other : settings.services()) {
                String key = switch (other.module()) {
                    case "inspection-service" -> "QCDC_WEB_INSPECTION_URL";
                    case "model-registry-service" -> "QCDC_WEB_MODEL_REGISTRY_URL";
                    case "notification-service" -> "QCDC_WEB_NOTIFICATION_URL";
                    default -> null;
                };
                if (key != null && (other.replica() == 1 || other.replica() == s.replica())) {
                    env.put(key, "http://" + Settings.LOOPBACK + ":" + other.port());
                }
            }
        } else {
            env.put("QUARKUS_SWAGGER_UI_ENABLED", "true");
            env.put("QUARKUS_DATASOURCE_JDBC_URL", jdbcUrl(s.database()));
            if (s.module().equals("inspection-service")) {
                // its list and GET read through the reactive client: the same database, its own URL form
                env.put("QUARKUS_DATASOURCE_REACTIVE_URL", jdbcUrl(s.database()).substring("jdbc:".length()));
            }
            env.put("QUARKUS_DATASOURCE_USERNAME", postgres != null ? postgres.username() : settings.dbUser());
            env.put("QUARKUS_DATASOURCE_PASSWORD", postgres != null ? postgres.password() : settings.dbPassword());
            env.put("KAFKA_BOOTSTRAP_SERVERS", bootstrapServers());
            if (!kafkas.isEmpty()) {
                // the topics a service creates get as many copies as there are brokers here (at most three)
                env.put("QCDC_EVENTS_REPLICATION_FACTOR", Integer.toString(replicationFactor()));
            }
        }
        if (settings.devKeys()) {
            env.put("MP_JWT_VERIFY_PUBLICKEY_LOCATION", publicKey.toString());
            env.put("MP_JWT_VERIFY_ISSUER", DevTokens.DEV_ISSUER);
            // The services refuse the committed dev key unless told this is the local dev suite (DevKeyGuard).
            env.put("QCDC_SECURITY_DEV_KEYS_ALLOWED", "true");
        } else {
            // A real key (inherited MP_JWT_* variables): the dev key must stay refused.
            env.remove("QCDC_SECURITY_DEV_KEYS_ALLOWED");
        }
        if (settings.demo()) {
            env.put("QCDC_DEMO_DATA", "true");
        }
        Files.writeString(log, "\n===== " + java.time.LocalDateTime.now() + " starting " + s.module()
                + (recording ? " to record its start-up cache" : "") + " =====\n",
                StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.CREATE,
                java.nio.file.StandardOpenOption.APPEND);
        Process p = pb.start();
        p.getOutputStream().close();
        return p;
    }

    private void printSummary() {
        String bind = settings.bindAddress();
        boolean exposed = !Settings.isLoopback(bind);
        // localhost reaches 127.0.0.1 and the wildcard addresses; any other address is shown as given.
        String host = List.of(Settings.LOOPBACK, "localhost", "0.0.0.0", "::").contains(bind)
                ? "localhost"
                : bind.contains(":") ? "[" + bind + "]" : bind;
        OUT.println();
        OUT.println("QCDC suite is running" + (exposed
                ? " (API ports on " + settings.bindAddress() + ")"
                : " on this machine only (127.0.0.1)") + ". Press Ctrl-C to stop everything;");
        OUT.println("a part that stops on its own is restarted.");
        OUT.println();
        String format = "  %-24s %-37s %-38s %s%n";
        OUT.printf(format, "SERVICE", "API", "OPENAPI", "SWAGGER UI");
        for (Settings.Service s : settings.services()) {
            String base = "http://" + host + ":" + s.port();
            if (!s.web()) {
                OUT.printf(format, s.name(), base + "/api/v1", base + "/q/openapi", base + "/q/swagger-ui");
            }
        }
        for (Settings.Service s : settings.services()) {
            if (s.web()) {
                OUT.printf(format, s.name(), "http://" + host + ":" + s.port() + "/", "(public site, no login)", "");
            }
        }
        OUT.println();
        OUT.printf(format, "SERVICE (management)", "HEALTH (live)", "READY", "METRICS");
        for (Settings.Service s : settings.services()) {
            String base = "http://localhost:" + s.managementPort();
            OUT.printf(format, s.name(), base + "/q/health/live", base + "/q/health/ready", base + "/q/metrics");
        }
        OUT.println();
        OUT.println("  PostgreSQL   " + (postgres != null
                ? "localhost:" + postgres.port() + " user " + postgres.username() + " (local trust)"
                : settings.dbHost() + ":" + settings.dbPort()));
        OUT.println("  Kafka        " + bootstrapServers() + (kafkas.size() > 1
                ? "   (" + kafkas.size() + " brokers, replication factor " + replicationFactor() + ")"
                : ""));
        OUT.println("  Data folder  " + settings.dataDir() + "   (logs in " + display(settings.dataDir()
                .resolve("logs")) + "; delete the folder to reset)");
        OUT.println();
        if (settings.devKeys()) {
            OUT.println("  Dev token (DEV-ONLY key, never valid in production):");
            OUT.println("    ./suite.sh token steering --unit 06");
            OUT.println("    curl -H \"Authorization: Bearer $(./suite.sh token admin)\" http://localhost:"
                    + settings.services().get(0).port() + "/api/v1/...");
        } else {
            OUT.println("  Tokens: from the identity provider of MP_JWT_VERIFY_PUBLICKEY_LOCATION (dev tokens are "
                    + "refused).");
        }
        OUT.println();
    }

    /** Signals stop the suite in order; JVM shutdown hooks alone would stop everything at once. */
    @SuppressWarnings("restriction")
    void installSignalHandlers() {
        for (String name : List.of("INT", "TERM", "HUP")) {
            try {
                sun.misc.Signal.handle(new sun.misc.Signal(name), sig -> {
                    if (stopping) {
                        return;
                    }
                    OUT.println("\nSIG" + name + " received: stopping services, then Kafka, then PostgreSQL...");
                    stopping = true;
                    Thread main = mainThread;
                    if (main != null) {
                        main.interrupt();
                    }
                });
            } catch (IllegalArgumentException e) {
                // SIGINT is ignored when started as a background job of a script without env --default-signal
                // (suite.sh does that); the shutdown hook below still stops everything on SIGTERM.
                if (name.equals("INT")) {
                    System.err.println("[suite] SIGINT is ignored in this process (started in the background?): "
                            + "stop the suite with SIGTERM (kill " + ProcessHandle.current().pid() + ").");
                }
            }
        }
        Runtime.getRuntime().addShutdownHook(new Thread(this::stopAll, "suite-shutdown"));
    }

    /** Services (SIGTERM, up to 20 s each, then killed), then Kafka, then PostgreSQL. Idempotent. */
    void stopAll() {
        stopping = true;
        // The signal handler interrupts the main thread to end its waits; the stop below must wait properly.
        boolean interrupted = Thread.interrupted();
        List<Child> all;
        synchronized (this) {
            all = List.copyOf(children);
        }
        // A restart in progress ends first (it checks "stopping" under this lock before starting anything).
        all.forEach(Child::cancelRestart);
        synchronized (this) {
            stopInOrder();
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private void stopInOrder() {
        for (Process p : recordings) {
            p.destroyForcibly();
        }
        List<Process> running = services.stream().map(c -> c.process).filter(p -> p != null && p.isAlive())
                .toList();
        running.forEach(Process::destroy);
        for (ServiceChild c : services) {
            Process p = c.process;
            if (p == null) {
                continue;
            }
            try {
                if (!p.waitFor(20, TimeUnit.SECONDS)) {
                    System.err.println(c.name + " did not stop within 20 s; killing it");
                    p.destroyForcibly();
                    p.waitFor(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                p.destroyForcibly();
            }
        }
        if (!services.isEmpty()) {
            step("services stopped");
        }
        services.clear();
        children.clear();
        try {
            Files.deleteIfExists(pidFile());
        } catch (IOException e) {
            // harmless: the next start checks the pids before using them
        }
        if (!kafkas.isEmpty()) {
            // A cluster's brokers stop together: one by one, the last ones would wait for a quorum already gone.
            List<Thread> stops = kafkas.stream().map(k -> new Thread(k::close, "stop-" + k.nodeId())).toList();
            stops.forEach(Thread::start);
            for (Thread t : stops) {
                try {
                    t.join();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            kafkas.clear();
            step("Kafka stopped");
        }
        if (postgres != null) {
            postgres.close();
            postgres = null;
            step("PostgreSQL stopped");
        }
    }

    private String display(Path p) {
        Path cwd = Path.of("").toAbsolutePath();
        return p.startsWith(cwd) ? cwd.relativize(p).toString() : p.toString();
    }

    private static long millis(long t0) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
    }

    private static void step(String message) {
        OUT.println("[suite] " + message);
    }

    /** Last lines of a log file, read leniently (a log may hold anything). */
    static String tail(Path file, int lines) {
        try {
            byte[] bytes = Files.readAllBytes(file);
            int from = Math.max(0, bytes.length - 64 * 1024);
            String[] all = new String(bytes, from, bytes.length - from, StandardCharsets.UTF_8).split("\\R");
            return String.join("\n", java.util.Arrays.asList(all).subList(Math.max(0, all.length - lines),
                    all.length));
        } catch (IOException | RuntimeException e) {
            return "(could not read " + file + ")";
        }
    }
}
