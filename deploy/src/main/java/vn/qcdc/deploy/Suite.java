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
import java.util.concurrent.TimeUnit;

import vn.qcdc.infra.DevTokens;
import vn.qcdc.infra.FreePorts;
import vn.qcdc.infra.LocalKafka;
import vn.qcdc.infra.LocalPostgres;

/**
 * The local launcher behind {@code ./suite.sh}: the whole suite on one machine with one command.
 *
 * <p>
 * Order matters both ways. Up: PostgreSQL, Kafka, then the services (each needs both to become ready). Down, on
 * Ctrl-C or SIGTERM: services first (so they finish requests and flush their outbox while the database and the broker
 * are still there), then Kafka, then PostgreSQL. Every child runs in its own session (setsid) so that Ctrl-C in the
 * terminal reaches only this process, which then applies that order; the broker additionally exits by itself if this
 * process is killed outright.
 *
 * <p>
 * State lives in the data folder ({@code ./data}), so the next start finds the same databases and topics. Deleting the
 * folder resets everything.
 */
public final class Suite {

    private static final PrintStream OUT = System.out;

    private final Settings settings;
    private final List<Running> services = new ArrayList<>();
    private LocalPostgres postgres;
    private LocalKafka kafka;
    private volatile boolean stopping;
    private volatile Thread mainThread;

    /** A started service process. */
    private record Running(Settings.Service service, Process process, Path log) {
    }

    Suite(Settings settings) {
        this.settings = settings;
    }

    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("token")) {
            System.exit(TokenCommand.run(args));
        }
        boolean demo = false;
        for (String arg : args) {
            switch (arg) {
                case "--demo" -> demo = true;
                case "--no-build" -> {
                    // handled by suite.sh
                }
                case "-h", "--help" -> {
                    usage(OUT);
                    System.exit(0);
                }
                default -> {
                    System.err.println("Unknown argument: " + arg);
                    usage(System.err);
                    System.exit(2);
                }
            }
        }
        Settings settings;
        try {
            settings = Settings.from(System.getenv(), Path.of(System.getProperty("qcdc.home", ".")), demo);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        Suite suite = new Suite(settings);
        suite.installSignalHandlers();
        int code = suite.run();
        System.exit(code);
    }

    static void usage(PrintStream out) {
        out.println("""
                Usage: ./suite.sh [--no-build] [--demo]
                       ./suite.sh token <role> [--unit CODE] [--org ORG_TYPE] [--ttl-minutes N]

                Starts PostgreSQL, Kafka and the three services on this machine; Ctrl-C stops everything.
                Environment: QCDC_DATA_DIR, QCDC_DB_HOST/PORT/USER/PASSWORD, QCDC_KAFKA_BOOTSTRAP, QCDC_KAFKA_PORT
                (see deploy/README.md).""");
    }

    /**
     * Starts everything, waits for readiness, then watches the services until one dies or a signal arrives.
     *
     * @return the process exit code: 0 after a requested stop, 1 if something failed
     */
    int run() {
        mainThread = Thread.currentThread();
        try {
            Files.createDirectories(settings.dataDir().resolve("logs"));
            stopLeftoverServices();
            startDatabase();
            startKafka();
            Path publicKey = DevTokens.writePublicKey(settings.dataDir().resolve("keys"));

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
                if (!FreePorts.isFree(s.port())) {
                    System.err.println("Port " + s.port() + " for " + s.module() + " is already in use. Stop what "
                            + "uses it (an earlier ./suite.sh or quarkus:dev?) and try again.");
                    return 1;
                }
            }
            for (Settings.Service s : settings.services()) {
                services.add(startService(s, publicKey));
            }
            writePidFile();
            if (!awaitReady()) {
                return 1;
            }
            printSummary();
            return watch();
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

    private void startDatabase() {
        List<String> databases = settings.services().stream().map(Settings.Service::database).toList();
        if (settings.dbHost() != null) {
            step("PostgreSQL: using " + settings.dbHost() + ":" + settings.dbPort() + " (QCDC_DB_HOST)");
            createExternalDatabases(databases);
            return;
        }
        long t0 = System.nanoTime();
        postgres = LocalPostgres.start(settings.dataDir().resolve("postgres"), settings.dbPort());
        databases.forEach(postgres::ensureDatabase);
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
        kafka = LocalKafka.start(settings.dataDir().resolve("kafka"), settings.kafkaPort());
        step("Kafka broker on " + kafka.bootstrapServers() + " ready in " + millis(t0) + " ms");
    }

    private String bootstrapServers() {
        return settings.kafkaBootstrap() != null ? settings.kafkaBootstrap() : kafka.bootstrapServers();
    }

    private String jdbcUrl(String database) {
        return settings.dbHost() != null
                ? "jdbc:postgresql://" + settings.dbHost() + ":" + settings.dbPort() + "/" + database
                : postgres.jdbcUrl(database);
    }

    private Path jar(Settings.Service s) {
        return settings.home().resolve(s.module()).resolve("target/quarkus-app/quarkus-run.jar");
    }

    private Running startService(Settings.Service s, Path publicKey) throws IOException {
        Path log = settings.dataDir().resolve("logs").resolve(s.module() + ".log");
        List<String> command = new ArrayList<>();
        if (Files.isExecutable(Path.of("/usr/bin/setsid"))) {
            command.add("/usr/bin/setsid"); // own session: Ctrl-C reaches only the launcher, which stops in order
        }
        command.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
                "-jar", jar(s).toString()));
        ProcessBuilder pb = new ProcessBuilder(command)
                .directory(settings.home().resolve(s.module()).toFile())
                .redirectErrorStream(true)
                .redirectOutput(Redirect.appendTo(log.toFile()));
        // The whole environment of the launcher (QCDC_* included) is inherited; these win over application.properties.
        Map<String, String> env = pb.environment();
        env.put("QUARKUS_HTTP_PORT", Integer.toString(s.port()));
        env.put("QUARKUS_DATASOURCE_JDBC_URL", jdbcUrl(s.database()));
        env.put("QUARKUS_DATASOURCE_USERNAME", postgres != null ? postgres.username() : settings.dbUser());
        env.put("QUARKUS_DATASOURCE_PASSWORD", postgres != null ? postgres.password() : settings.dbPassword());
        env.put("KAFKA_BOOTSTRAP_SERVERS", bootstrapServers());
        env.put("MP_JWT_VERIFY_PUBLICKEY_LOCATION", publicKey.toString());
        env.put("MP_JWT_VERIFY_ISSUER", DevTokens.DEV_ISSUER);
        // The services refuse the committed dev key unless told this is the local dev suite (DevKeyGuard).
        env.put("QCDC_SECURITY_DEV_KEYS_ALLOWED", "true");
        if (settings.demo()) {
            env.put("QCDC_DEMO_DATA", "true");
        }
        Files.writeString(log, "\n===== " + java.time.LocalDateTime.now() + " starting " + s.module() + " =====\n",
                StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.CREATE,
                java.nio.file.StandardOpenOption.APPEND);
        Process p = pb.start();
        p.getOutputStream().close();
        step(s.module() + " starting (pid " + p.pid() + ", log " + display(log) + ")");
        return new Running(s, p, log);
    }

    private Path pidFile() {
        return settings.dataDir().resolve("services.pid");
    }

    /** Remembers the service pids so that a launcher killed with SIGKILL does not leave them running forever. */
    private void writePidFile() throws IOException {
        StringBuilder sb = new StringBuilder();
        services.forEach(r -> sb.append(r.process().pid()).append(' ').append(r.service().module()).append('\n'));
        Files.writeString(pidFile(), sb.toString(), StandardCharsets.UTF_8);
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

    private boolean awaitReady() throws InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long t0 = System.nanoTime();
        long deadline = t0 + TimeUnit.SECONDS.toNanos(settings.readyTimeoutSeconds());
        List<Running> pending = new ArrayList<>(services);
        while (!pending.isEmpty()) {
            for (Running r : List.copyOf(pending)) {
                if (!r.process().isAlive()) {
                    reportDeath(r);
                    return false;
                }
                if (isReady(http, r.service())) {
                    step(r.service().module() + " ready in " + millis(t0) + " ms");
                    pending.remove(r);
                }
            }
            if (!pending.isEmpty() && System.nanoTime() > deadline) {
                for (Running r : pending) {
                    System.err.println("\n" + r.service().module() + " did not become ready within "
                            + settings.readyTimeoutSeconds() + " s. Last lines of " + display(r.log()) + ":");
                    System.err.println(tail(r.log(), 40));
                }
                return false;
            }
            Thread.sleep(500);
        }
        return true;
    }

    private static boolean isReady(HttpClient http, Settings.Service s) throws InterruptedException {
        try {
            HttpResponse<Void> response = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + s.port()
                    + "/q/health/ready")).timeout(Duration.ofSeconds(3)).GET().build(),
                    HttpResponse.BodyHandlers.discarding());
            return response.statusCode() == 200;
        } catch (IOException e) {
            return false;
        }
    }

    /** Blocks until a service dies (exit 1) or a signal asks us to stop (exit 0). */
    private int watch() throws InterruptedException {
        while (!stopping) {
            for (Running r : services) {
                if (!r.process().isAlive()) {
                    if (stopping) {
                        return 0;
                    }
                    reportDeath(r);
                    return 1;
                }
            }
            if (kafka != null && !kafka.isRunning() && !stopping) {
                System.err.println("\nThe Kafka broker stopped unexpectedly; see " + display(kafka.logFile()));
                return 1;
            }
            Thread.sleep(1000);
        }
        return 0;
    }

    private void reportDeath(Running r) {
        System.err.println("\n" + r.service().module() + " exited unexpectedly (code " + r.process().exitValue()
                + "). Last lines of " + display(r.log()) + ":");
        System.err.println(tail(r.log(), 40));
        System.err.println("Stopping everything.");
    }

    private void printSummary() {
        OUT.println();
        OUT.println("QCDC suite is running. Press Ctrl-C to stop everything.");
        OUT.println();
        String format = "  %-24s %-32s %s%n";
        OUT.printf(format, "SERVICE", "API", "OPENAPI / SWAGGER UI / HEALTH / METRICS");
        for (Settings.Service s : settings.services()) {
            String base = "http://localhost:" + s.port();
            OUT.printf(format, s.module(), base + "/api/v1",
                    base + "/q/openapi  " + base + "/q/swagger-ui  " + base + "/q/health  " + base + "/q/metrics");
        }
        OUT.println();
        OUT.println("  PostgreSQL   " + (postgres != null
                ? "localhost:" + postgres.port() + " user " + postgres.username() + " (local trust)"
                : settings.dbHost() + ":" + settings.dbPort()));
        OUT.println("  Kafka        " + bootstrapServers());
        OUT.println("  Data folder  " + settings.dataDir() + "   (logs in " + display(settings.dataDir()
                .resolve("logs")) + "; delete the folder to reset)");
        OUT.println();
        OUT.println("  Dev token (DEV-ONLY key, never valid in production):");
        OUT.println("    ./suite.sh token steering --unit 06");
        OUT.println("    curl -H \"Authorization: Bearer $(./suite.sh token admin)\" http://localhost:8081/api/v1/...");
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
                // signal not available on this platform; the shutdown hook below still stops everything
            }
        }
        Runtime.getRuntime().addShutdownHook(new Thread(this::stopAll, "suite-shutdown"));
    }

    /** Services (SIGTERM, up to 20 s each, then killed), then Kafka, then PostgreSQL. Idempotent. */
    synchronized void stopAll() {
        stopping = true;
        // The signal handler interrupts the main thread to end its waits; the stop below must wait properly.
        boolean interrupted = Thread.interrupted();
        for (Running r : services) {
            if (r.process().isAlive()) {
                r.process().destroy();
            }
        }
        for (Running r : services) {
            try {
                if (!r.process().waitFor(20, TimeUnit.SECONDS)) {
                    System.err.println(r.service().module() + " did not stop within 20 s; killing it");
                    r.process().destroyForcibly();
                    r.process().waitFor(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                r.process().destroyForcibly();
            }
        }
        if (!services.isEmpty()) {
            step("services stopped");
        }
        services.clear();
        try {
            Files.deleteIfExists(pidFile());
        } catch (IOException e) {
            // harmless: the next start checks the pids before using them
        }
        if (kafka != null) {
            kafka.close();
            kafka = null;
            step("Kafka stopped");
        }
        if (postgres != null) {
            postgres.close();
            postgres = null;
            step("PostgreSQL stopped");
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
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
