package vn.qcdc.infra;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.lang.ProcessBuilder.Redirect;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.Uuid;

/**
 * A real Kafka broker (KRaft, combined broker and controller) running in a child JVM: alone, or one node of a local
 * cluster of several ({@link #startCluster}) that rehearses what a production cluster does on one machine.
 *
 * <p>
 * Why a child process and not an in-JVM broker: the suites must prove that a broker outage delays events but loses
 * none, which means stopping the broker and starting it again on the same ports with the same log directory, exactly
 * like a real outage. A separate process can be stopped (SIGTERM, Kafka's controlled shutdown) and restarted cleanly;
 * an embedded broker would share the test's JVM, class loaders and static state.
 *
 * <p>
 * Layout of {@code dataDir}: {@code server.properties}, {@code kafka-logs/} (the topic data, formatted once with
 * {@code kafka.tools.StorageTool format}), {@code broker.log} (everything the broker prints), {@code lib/} (the slf4j
 * binding of the child) and {@code broker.args} (the child's command line as a java argument file, because a full
 * test classpath can exceed the kernel's 128 KiB limit for a single argument).
 *
 * <p>
 * The broker listens on loopback (127.0.0.1) only and has no authentication: it is for one developer machine or a test run.
 * Topics are never auto-created ({@code auto.create.topics.enable=false}) so that a missing topic declaration shows
 * up locally, as it would against a production cluster.
 *
 * <p>
 * A cluster of three is what a province's production cluster runs: every node a voter of the controller quorum
 * (which survives one node down), topics replicated three times by default (internal topics too) and
 * {@code min.insync.replicas=2}, so that an {@code acks=all} write is on two nodes before it is acknowledged.
 */
public final class LocalKafka implements AutoCloseable {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);
    private static final String HEAP = "-Xmx384m";
    /** Both listeners bind to loopback only: an unauthenticated broker must not be reachable from the network. */
    private static final String LOOPBACK = "127.0.0.1";

    private final Path dataDir;
    private final int port;
    private final int controllerPort;
    /** This node's id, and the controller quorum ({@code id@host:port,...}) it belongs to. */
    private final int nodeId;
    private final String voters;
    /** Nodes in the cluster: the default replication factor (at most 3) and min.insync.replicas follow from it. */
    private final int clusterSize;
    /** Every node of a cluster is formatted with the same cluster id; null: a new one for a single broker. */
    private final String clusterId;
    private final Thread shutdownHook;
    private Process process;
    private boolean closed;

    private LocalKafka(Path dataDir, int port, int controllerPort) {
        this(dataDir, port, controllerPort, 1, "1@" + LOOPBACK + ":" + controllerPort, 1, null);
    }

    private LocalKafka(Path dataDir, int port, int controllerPort, int nodeId, String voters, int clusterSize,
            String clusterId) {
        this.dataDir = dataDir;
        this.port = port;
        this.controllerPort = controllerPort;
        this.nodeId = nodeId;
        this.voters = voters;
        this.clusterSize = clusterSize;
        this.clusterId = clusterId;
        this.shutdownHook = new Thread(this::stopQuietly, "local-kafka-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /**
     * Starts a broker whose data lives in {@code dataDir} on {@code port} (0 picks a free one) and returns once it
     * answers an admin request. The controller port is chosen free (reusing the previous one of this data directory
     * when it is still free).
     */
    public static LocalKafka start(Path dataDir, int port) {
        Path dir = dataDir.toAbsolutePath().normalize();
        int brokerPort = port == 0 ? FreePorts.find() : port;
        int controllerPort = previousControllerPort(dir)
                .filter(p -> p != brokerPort && FreePorts.isFree(p))
                .orElseGet(() -> {
                    int p;
                    do {
                        p = FreePorts.find();
                    } while (p == brokerPort);
                    return p;
                });
        LocalKafka kafka = new LocalKafka(dir, brokerPort, controllerPort);
        try {
            kafka.start();
        } catch (RuntimeException e) {
            kafka.close();
            throw e;
        }
        return kafka;
    }

    /**
     * Starts a cluster of {@code ports.size()} brokers (each also a controller voter), one per port (0 picks a free
     * one), with their data in {@code dataDir/broker-<n>}, and returns once every one answers. A node of the cluster
     * that is stopped or killed comes back with {@link #start()} on the same ports and data while the others run.
     * The cluster id and controller ports are kept in {@code dataDir}, so the next start finds the same cluster.
     */
    public static List<LocalKafka> startCluster(Path dataDir, List<Integer> ports) {
        Path dir = dataDir.toAbsolutePath().normalize();
        int n = ports.size();
        List<Integer> brokerPorts = new ArrayList<>();
        for (int p : ports) {
            int chosen = p;
            while (chosen == 0 || brokerPorts.contains(chosen)) {
                chosen = FreePorts.find();
            }
            brokerPorts.add(chosen);
        }
        List<Integer> controllerPorts = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Optional<Integer> previous = previousControllerPort(dir.resolve("broker-" + (i + 1)))
                    .filter(p -> !brokerPorts.contains(p) && !controllerPorts.contains(p) && FreePorts.isFree(p));
            int chosen = previous.orElse(0);
            while (chosen == 0 || brokerPorts.contains(chosen) || controllerPorts.contains(chosen)) {
                chosen = FreePorts.find();
            }
            controllerPorts.add(chosen);
        }
        StringBuilder voters = new StringBuilder();
        for (int i = 0; i < n; i++) {
            voters.append(i > 0 ? "," : "").append(i + 1).append('@').append(LOOPBACK).append(':')
                    .append(controllerPorts.get(i));
        }
        String clusterId;
        try {
            Files.createDirectories(dir);
            Path idFile = dir.resolve("cluster.id");
            if (Files.isRegularFile(idFile)) {
                clusterId = Files.readString(idFile, StandardCharsets.US_ASCII).trim();
            } else {
                clusterId = Uuid.randomUuid().toString();
                Files.writeString(idFile, clusterId, StandardCharsets.US_ASCII);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not prepare the Kafka cluster in " + dir, e);
        }
        List<LocalKafka> nodes = new ArrayList<>();
        try {
            for (int i = 0; i < n; i++) {
                nodes.add(new LocalKafka(dir.resolve("broker-" + (i + 1)), brokerPorts.get(i),
                        controllerPorts.get(i), i + 1, voters.toString(), n, clusterId));
            }
            // All processes first: none is ready before a majority of the controller quorum runs.
            for (LocalKafka node : nodes) {
                node.launch();
            }
            for (LocalKafka node : nodes) {
                node.awaitReady();
            }
        } catch (RuntimeException e) {
            nodes.forEach(LocalKafka::close);
            throw e;
        }
        return List.copyOf(nodes);
    }

    /** {@code 127.0.0.1:<port>,...} of every broker, for {@code bootstrap.servers}. */
    public static String bootstrapServers(List<LocalKafka> brokers) {
        return String.join(",", brokers.stream().map(LocalKafka::bootstrapServers).toList());
    }

    /** This broker's node id (1 for a single broker). */
    public int nodeId() {
        return nodeId;
    }

    /** {@code 127.0.0.1:<port>}, for {@code bootstrap.servers}. */
    public String bootstrapServers() {
        return LOOPBACK + ":" + port;
    }

    public int port() {
        return port;
    }

    public Path dataDir() {
        return dataDir;
    }

    /** The file the broker's output goes to, for showing it when something fails. */
    public Path logFile() {
        return dataDir.resolve("broker.log");
    }

    public synchronized boolean isRunning() {
        return process != null && process.isAlive();
    }

    /** Pid of the broker process while it runs, for tests that simulate a crash. */
    public synchronized Optional<Long> pid() {
        return isRunning() ? Optional.of(process.pid()) : Optional.empty();
    }

    /**
     * The exit code of a broker process that ended without {@link #stop} (it crashed or was killed: 137 for SIGKILL),
     * empty while it runs or after a requested stop.
     */
    public synchronized Optional<Integer> exitCode() {
        return process != null && !process.isAlive() ? Optional.of(process.exitValue()) : Optional.empty();
    }

    /**
     * Starts the broker (again, after {@link #stop}) on the same ports with the same log directory, and waits until
     * it serves requests. Does nothing if it is running.
     */
    public synchronized void start() {
        if (isRunning()) {
            return;
        }
        launch();
        awaitReady();
    }

    /** Starts the process without waiting for it to serve (a cluster's nodes wait for each other). */
    private synchronized void launch() {
        if (closed) {
            throw new IllegalStateException("LocalKafka was closed");
        }
        if (isRunning()) {
            return;
        }
        if (!FreePorts.isFree(port)) {
            throw new IllegalStateException("Port " + port + " is already in use, so the Kafka broker cannot listen "
                    + "on it. Stop what uses it (another Kafka?) or choose another port.");
        }
        try {
            Files.createDirectories(dataDir);
            Path props = writeServerProperties();
            Path argFile = writeArgFile();
            if (!Files.exists(dataDir.resolve("kafka-logs").resolve("meta.properties"))) {
                format(argFile, props);
            }
            List<String> command = javaCommand(argFile);
            command.add(KafkaBrokerMain.class.getName());
            command.add(Long.toString(ProcessHandle.current().pid()));
            command.add(props.toString());
            process = newProcess(command).start();
            process.getOutputStream().close();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the Kafka broker in " + dataDir, e);
        }
    }

    /**
     * Stops the broker gracefully (SIGTERM, which runs Kafka's controlled shutdown), waiting up to 30 s before
     * killing it. The log directory stays, so {@link #start()} brings the same topics and records back.
     */
    public synchronized void stop() {
        if (process == null) {
            return;
        }
        Process p = process;
        process = null;
        if (!p.isAlive()) {
            return;
        }
        p.destroy();
        try {
            if (!p.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                p.destroyForcibly();
                p.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Kills the broker outright (SIGKILL, no controlled shutdown): the crash a fault test needs. {@link #start()}
     * brings it back with the same log directory.
     */
    public synchronized void kill() {
        if (process == null) {
            return;
        }
        Process p = process;
        process = null;
        p.destroyForcibly();
        try {
            p.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** {@link #stop()} then {@link #start()}: a broker outage and its recovery. */
    public synchronized void restart() {
        stop();
        start();
    }

    /** Stops the broker for good; the data directory is kept. */
    @Override
    public synchronized void close() {
        stop();
        closed = true;
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // the JVM is already shutting down: the hook is running or has run
        }
    }

    private void stopQuietly() {
        try {
            stop();
        } catch (RuntimeException e) {
            // best effort while the JVM exits
        }
    }

    private Path writeServerProperties() throws IOException {
        // One broker: everything replicated once. A cluster: three copies (fewer if it is smaller), and an acks=all
        // write needs two of them in sync, so one node may be down without losing an acknowledged write.
        String replicas = Integer.toString(Math.min(3, clusterSize));
        String minInSync = clusterSize >= 3 ? "2" : "1";
        Properties p = new Properties();
        p.putAll(Map.ofEntries(
                Map.entry("process.roles", "broker,controller"),
                Map.entry("node.id", Integer.toString(nodeId)),
                Map.entry("controller.quorum.voters", voters),
                Map.entry("listeners",
                        "PLAINTEXT://" + LOOPBACK + ":" + port + ",CONTROLLER://" + LOOPBACK + ":" + controllerPort),
                Map.entry("advertised.listeners", "PLAINTEXT://" + LOOPBACK + ":" + port),
                Map.entry("controller.listener.names", "CONTROLLER"),
                Map.entry("inter.broker.listener.name", "PLAINTEXT"),
                Map.entry("listener.security.protocol.map", "CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT"),
                Map.entry("log.dirs", dataDir.resolve("kafka-logs").toString()),
                Map.entry("num.partitions", "1"),
                Map.entry("auto.create.topics.enable", "false"),
                Map.entry("default.replication.factor", replicas),
                Map.entry("offsets.topic.replication.factor", replicas),
                Map.entry("offsets.topic.num.partitions", "5"),
                Map.entry("transaction.state.log.replication.factor", replicas),
                Map.entry("transaction.state.log.min.isr", minInSync),
                Map.entry("transaction.state.log.num.partitions", "5"),
                Map.entry("share.coordinator.state.topic.replication.factor", replicas),
                Map.entry("share.coordinator.state.topic.min.isr", minInSync),
                Map.entry("group.initial.rebalance.delay.ms", "0"),
                // A node killed outright comes back with a new incarnation, and the controller refuses to register it
                // until the dead one's session has expired: 9 s by default, so each restart after a crash took ~12 s.
                // Here the nodes talk over loopback, so 4 s with a heartbeat every second is still 4 missed beats.
                Map.entry("broker.session.timeout.ms", "4000"),
                Map.entry("broker.heartbeat.interval.ms", "1000"),
                Map.entry("unclean.leader.election.enable", "false"),
                Map.entry("min.insync.replicas", minInSync)));
        Path file = dataDir.resolve("server.properties");
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            p.store(w, "Written by vn.qcdc.infra.LocalKafka on every start; edits are overwritten");
        }
        return file;
    }

    private Path writeArgFile() throws IOException {
        List<String> classpath = ChildClasspath.build(dataDir.resolve("lib"));
        String cp = String.join(File.pathSeparator, classpath);
        List<String> lines = new ArrayList<>();
        lines.add("-cp");
        lines.add(quote(cp));
        Path file = dataDir.resolve("broker.args");
        Files.write(file, lines, StandardCharsets.UTF_8);
        return file;
    }

    /** Quoting rules of java argument files: inside double quotes, backslash escapes. */
    private static String quote(String arg) {
        return "\"" + arg.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private List<String> javaCommand(Path argFile) {
        List<String> command = new ArrayList<>();
        // setsid puts the child in its own session: Ctrl-C in the launcher's terminal reaches only the launcher,
        // which then stops services, broker and database in order instead of all of them dying at once.
        if (Files.isExecutable(Path.of("/usr/bin/setsid"))) {
            command.add("/usr/bin/setsid");
        }
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add(HEAP);
        command.add("-Xms64m");
        command.add("-XX:+UseSerialGC");
        command.add("-XX:TieredStopAtLevel=1");
        command.add("-Djava.awt.headless=true");
        // Explicit, because system properties win over a simplelogger.properties the parent's classpath may carry.
        command.add("-Dorg.slf4j.simpleLogger.defaultLogLevel=info");
        command.add("-Dorg.slf4j.simpleLogger.log.org.apache.kafka=info");
        command.add("-Dorg.slf4j.simpleLogger.log.kafka=info");
        command.add("-Dorg.slf4j.simpleLogger.showThreadName=false");
        command.add("-Dorg.slf4j.simpleLogger.showDateTime=true");
        command.add("-Dorg.slf4j.simpleLogger.dateTimeFormat=yyyy-MM-dd HH:mm:ss.SSS");
        command.add("-Dorg.slf4j.simpleLogger.log.org.apache.kafka.clients=warn");
        command.add("@" + argFile);
        return command;
    }

    private ProcessBuilder newProcess(List<String> command) {
        return new ProcessBuilder(command)
                .directory(dataDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(Redirect.appendTo(logFile().toFile()));
    }

    private void format(Path argFile, Path props) throws IOException {
        List<String> command = javaCommand(argFile);
        command.addAll(List.of("kafka.tools.StorageTool", "format", "--cluster-id",
                clusterId != null ? clusterId : Uuid.randomUuid().toString(),
                "--config", props.toString(), "--ignore-formatted"));
        Process p = newProcess(command).start();
        p.getOutputStream().close();
        try {
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("Formatting Kafka storage timed out; see " + logFile());
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while formatting Kafka storage", e);
        }
        if (p.exitValue() != 0) {
            throw new IllegalStateException("Formatting Kafka storage failed (exit " + p.exitValue() + "):\n"
                    + tail(logFile(), 30));
        }
    }

    private void awaitReady() {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        Map<String, Object> config = Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 3000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5000,
                AdminClientConfig.RECONNECT_BACKOFF_MS_CONFIG, 100,
                AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 500);
        try (Admin admin = Admin.create(config)) {
            Exception last = null;
            while (System.nanoTime() < deadline) {
                if (Thread.currentThread().isInterrupted()) {
                    throw new IllegalStateException("Interrupted while waiting for the Kafka broker");
                }
                if (!process.isAlive()) {
                    throw new IllegalStateException("The Kafka broker exited with code " + process.exitValue()
                            + " while starting:\n" + tail(logFile(), 40));
                }
                try {
                    admin.describeCluster(new DescribeClusterOptions().timeoutMs(3000)).nodes()
                            .get(5, TimeUnit.SECONDS);
                    return;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("Interrupted while waiting for the Kafka broker", e);
                } catch (Exception e) {
                    last = e;
                    sleep(200);
                }
            }
            stop();
            throw new IllegalStateException("The Kafka broker did not become ready within " + READY_TIMEOUT
                    + " (last error: " + last + "):\n" + tail(logFile(), 40));
        }
    }

    private static java.util.Optional<Integer> previousControllerPort(Path dir) {
        Path file = dir.resolve("server.properties");
        if (!Files.isRegularFile(file)) {
            return java.util.Optional.empty();
        }
        Properties p = new Properties();
        try (var r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
            // this node's entry of the quorum: "<node.id>@host:port" among the comma-separated voters
            String id = p.getProperty("node.id", "1").trim();
            for (String voter : p.getProperty("controller.quorum.voters", "").split(",")) {
                if (voter.trim().startsWith(id + "@")) {
                    return java.util.Optional.of(Integer.parseInt(voter.substring(voter.lastIndexOf(':') + 1).trim()));
                }
            }
            return java.util.Optional.empty();
        } catch (IOException | RuntimeException e) {
            return java.util.Optional.empty();
        }
    }

    static String tail(Path file, int lines) {
        try {
            List<String> all = Files.readAllLines(file, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException | RuntimeException e) {
            return "(no log at " + file + ")";
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return "LocalKafka[" + bootstrapServers() + ", dataDir=" + dataDir + "]";
    }
}
