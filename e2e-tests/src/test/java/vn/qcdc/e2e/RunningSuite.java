package vn.qcdc.e2e;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import vn.qcdc.infra.FreePorts;

/**
 * The whole suite as a user runs it: the launcher of {@code ./suite.sh} in its own process, with a data folder and
 * free ports of the test's choosing, so that tests see exactly what {@code ./suite.sh --no-build} does.
 */
final class RunningSuite implements AutoCloseable {

    static final Path HOME = Path.of("..").toAbsolutePath().normalize();

    final Path dataDir;
    final int dbPort = FreePorts.find();
    final int kafkaPort = FreePorts.find();
    final int inspectionPort = FreePorts.find();
    final int modelPort = FreePorts.find();
    final int notificationPort = FreePorts.find();
    final int inspectionManagementPort = FreePorts.find();
    final int modelManagementPort = FreePorts.find();
    final int notificationManagementPort = FreePorts.find();
    /** The web console (public site): not an API, so apart from {@link #apiPorts}. */
    final int webPort = FreePorts.find();
    List<Integer> webPorts = List.of(webPort);
    List<Integer> webManagementPorts = List.of(FreePorts.find());
    final Map<String, String> extraEnv = new HashMap<>();
    /** Brokers' ports ({@link #rehearseCluster}): the first is {@link #kafkaPort}. */
    List<Integer> kafkaPorts = List.of(kafkaPort);
    /** API and management ports of every replica, by module ({@link #rehearseCluster}). */
    final Map<String, List<Integer>> apiPorts = new java.util.LinkedHashMap<>();
    final Map<String, List<Integer>> replicaManagementPorts = new java.util.LinkedHashMap<>();
    /** Launcher arguments {@link #rehearseCluster} adds to {@link #start}'s. */
    private final List<String> clusterArgs = new java.util.ArrayList<>();
    /** The launcher, or the shell that started it in the background ({@link #startInBackgroundOfScript}). */
    private Process launcher;
    private Path log;
    /** Where that shell writes the launcher's pid ($!). */
    private Path scriptPidFile;

    /** Whether {@link #close} deletes {@link #dataDir}: a temporary folder this suite made ({@link #temporary}). */
    private boolean ownsDataDir;

    /**
     * A suite in a new temporary data folder, deleted by {@link #close} (each run of the tests left ~450 MB of
     * databases and logs behind in the system's temporary folder). {@code -Dqcdc.e2e.keep-data=true} keeps it, to
     * read its logs after a failure.
     */
    static RunningSuite temporary(String prefix) throws IOException {
        RunningSuite suite = new RunningSuite(Files.createTempDirectory(prefix));
        suite.ownsDataDir = !Boolean.getBoolean("qcdc.e2e.keep-data");
        return suite;
    }

    RunningSuite(Path dataDir) {
        this.dataDir = dataDir;
        apiPorts.put("inspection-service", List.of(inspectionPort));
        apiPorts.put("model-registry-service", List.of(modelPort));
        apiPorts.put("notification-service", List.of(notificationPort));
        replicaManagementPorts.put("inspection-service", List.of(inspectionManagementPort));
        replicaManagementPorts.put("model-registry-service", List.of(modelManagementPort));
        replicaManagementPorts.put("notification-service", List.of(notificationManagementPort));
    }

    /**
     * The launcher's multi-node rehearsal ({@code --brokers N --replicas N}) on free ports: the first broker and the
     * first replicas keep the ports above, the others get their own, passed as the launcher's port lists.
     */
    void rehearseCluster(int brokers, int replicas) {
        List<Integer> kafka = new java.util.ArrayList<>(List.of(kafkaPort));
        while (kafka.size() < brokers) {
            kafka.add(FreePorts.find());
        }
        kafkaPorts = List.copyOf(kafka);
        extraEnv.put("QCDC_KAFKA_PORT", join(kafkaPorts));
        for (String module : List.copyOf(apiPorts.keySet())) {
            List<Integer> api = new java.util.ArrayList<>(apiPorts.get(module).subList(0, 1));
            List<Integer> management = new java.util.ArrayList<>(replicaManagementPorts.get(module).subList(0, 1));
            while (api.size() < replicas) {
                api.add(FreePorts.find());
                management.add(FreePorts.find());
            }
            apiPorts.put(module, List.copyOf(api));
            replicaManagementPorts.put(module, List.copyOf(management));
            String prefix = "QCDC_"
                    + module.replace("-service", "").replace('-', '_').toUpperCase(java.util.Locale.ROOT);
            extraEnv.put(prefix + "_PORT", join(api));
            extraEnv.put(prefix + "_MANAGEMENT_PORT", join(management));
        }
        List<Integer> web = new java.util.ArrayList<>(List.of(webPort));
        List<Integer> webManagement = new java.util.ArrayList<>(webManagementPorts.subList(0, 1));
        while (web.size() < replicas) {
            web.add(FreePorts.find());
            webManagement.add(FreePorts.find());
        }
        webPorts = List.copyOf(web);
        webManagementPorts = List.copyOf(webManagement);
        extraEnv.put("QCDC_WEB_CONSOLE_PORT", join(webPorts));
        extraEnv.put("QCDC_WEB_CONSOLE_MANAGEMENT_PORT", join(webManagementPorts));
        clusterArgs.clear();
        clusterArgs.addAll(List.of("--brokers", String.valueOf(brokers), "--replicas", String.valueOf(replicas)));
    }

    private static String join(List<Integer> ports) {
        return String.join(",", ports.stream().map(String::valueOf).toList());
    }

    /** {@code 127.0.0.1:<port>,...} of the launcher's brokers. */
    String bootstrapServers() {
        return String.join(",", kafkaPorts.stream().map(p -> "127.0.0.1:" + p).toList());
    }

    List<Integer> servicePorts() {
        return List.of(inspectionPort, modelPort, notificationPort);
    }

    /** Health and metrics ports (Quarkus' management interface), in the order of {@link #servicePorts()}. */
    List<Integer> managementPorts() {
        return List.of(inspectionManagementPort, modelManagementPort, notificationManagementPort);
    }

    void start(String... args) throws IOException {
        Path jar = HOME.resolve("deploy/target/deploy.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("The launcher is not built: " + jar);
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new java.util.ArrayList<>(List.of(java, "-Xmx256m", "-Dqcdc.home=" + HOME, "-cp",
                jar + ":" + HOME.resolve("deploy/target/lib") + "/*", "vn.qcdc.deploy.Suite"));
        command.addAll(List.of(args));
        command.addAll(clusterArgs);
        launcher = processBuilder(command).start();
    }

    /**
     * Starts the suite as a non-interactive script does: {@code ./suite.sh --no-build} as a background job of
     * {@code bash -c}, which therefore inherits SIGINT ignored (what suite.sh must undo for Ctrl-C handling to work).
     */
    void startInBackgroundOfScript() throws IOException {
        Files.createDirectories(dataDir);
        scriptPidFile = dataDir.resolve("launcher-" + System.nanoTime() + ".pid");
        ProcessBuilder pb = processBuilder(List.of("bash", "-c",
                "./suite.sh --no-build & echo $! > \"$LAUNCHER_PID_FILE\"; wait $!"));
        pb.environment().put("LAUNCHER_PID_FILE", scriptPidFile.toString());
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        launcher = pb.start();
    }

    private ProcessBuilder processBuilder(List<String> command) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(command).directory(HOME.toFile()).redirectErrorStream(true);
        Files.createDirectories(dataDir);
        log = dataDir.resolve("launcher-" + System.nanoTime() + ".log");
        pb.redirectOutput(log.toFile());
        Map<String, String> env = pb.environment();
        env.put("QCDC_DATA_DIR", dataDir.toString());
        env.put("QCDC_DB_PORT", String.valueOf(dbPort));
        env.put("QCDC_KAFKA_PORT", String.valueOf(kafkaPort));
        env.put("QCDC_INSPECTION_PORT", String.valueOf(inspectionPort));
        env.put("QCDC_MODEL_REGISTRY_PORT", String.valueOf(modelPort));
        env.put("QCDC_NOTIFICATION_PORT", String.valueOf(notificationPort));
        env.put("QCDC_INSPECTION_MANAGEMENT_PORT", String.valueOf(inspectionManagementPort));
        env.put("QCDC_MODEL_REGISTRY_MANAGEMENT_PORT", String.valueOf(modelManagementPort));
        env.put("QCDC_NOTIFICATION_MANAGEMENT_PORT", String.valueOf(notificationManagementPort));
        env.put("QCDC_WEB_CONSOLE_PORT", join(webPorts));
        env.put("QCDC_WEB_CONSOLE_MANAGEMENT_PORT", join(webManagementPorts));
        // The services run on the test's own Java: on a Java 25 found under /usr/lib/jvm the launcher would first
        // record a start-up cache (half a minute per build); ServiceJvmTest and bench/startup cover that path.
        env.put("QCDC_SERVICE_JAVA", Path.of(System.getProperty("java.home"), "bin", "java").toString());
        env.putAll(extraEnv);
        return pb;
    }

    /** Pid of the launcher JVM itself (in the script case, the background job's $!). */
    long launcherPid() throws Exception {
        if (scriptPidFile == null) {
            return launcher.pid();
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            if (Files.exists(scriptPidFile)) {
                String pid = Files.readString(scriptPidFile).trim();
                if (!pid.isEmpty()) {
                    return Long.parseLong(pid);
                }
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("The script did not start the launcher");
    }

    /** Ctrl-C as a script sends it: SIGINT to the launcher only. Returns the exit code of what {@link #start}ed. */
    int interrupt() throws Exception {
        Process kill = new ProcessBuilder("kill", "-INT", Long.toString(launcherPid())).inheritIO().start();
        if (kill.waitFor() != 0) {
            throw new IllegalStateException("kill -INT failed");
        }
        if (!launcher.waitFor(90, TimeUnit.SECONDS)) {
            return -1;
        }
        return launcher.exitValue();
    }

    /** Waits until every service answers ready (the launcher prints its table only then). */
    void awaitReady(Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        HttpClient http = HttpClient.newHttpClient();
        List<Integer> ready = new java.util.ArrayList<>(
                replicaManagementPorts.values().stream().flatMap(List::stream).toList());
        ready.addAll(webManagementPorts);
        for (int port : ready) {
            while (true) {
                if (!launcher.isAlive()) {
                    throw new IllegalStateException("The launcher exited with " + launcher.exitValue() + ":\n"
                            + Files.readString(log));
                }
                try {
                    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                            + "/q/health/ready")).timeout(Duration.ofSeconds(5)).build(),
                            HttpResponse.BodyHandlers.ofString());
                    if (r.statusCode() == 200) {
                        break;
                    }
                } catch (IOException notYet) {
                    // starting
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("Not ready in time: port " + port + "\n" + Files.readString(log));
                }
                Thread.sleep(500);
            }
        }
    }

    /**
     * Another replica of notification-service on the suite's database and broker, as a second pod would run: its own
     * process and port, the same configuration as the launcher gives the first one.
     */
    Process startNotificationReplica(int port, int managementPort) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-Xmx256m", "-jar",
                HOME.resolve("notification-service/target/quarkus-app/quarkus-run.jar").toString())
                .redirectErrorStream(true);
        pb.redirectOutput(
                dataDir.resolve("logs/notification-replica-" + port + "-" + System.nanoTime() + ".log").toFile());
        Map<String, String> env = pb.environment();
        env.putAll(extraEnv);
        env.put("QUARKUS_HTTP_HOST", "127.0.0.1");
        env.put("QUARKUS_HTTP_PORT", String.valueOf(port));
        env.put("QUARKUS_MANAGEMENT_HOST", "127.0.0.1");
        env.put("QUARKUS_MANAGEMENT_PORT", String.valueOf(managementPort));
        env.put("QUARKUS_DATASOURCE_JDBC_URL", "jdbc:postgresql://localhost:" + dbPort + "/notification");
        env.put("QUARKUS_DATASOURCE_USERNAME", "postgres");
        env.put("QUARKUS_DATASOURCE_PASSWORD", "postgres");
        env.put("KAFKA_BOOTSTRAP_SERVERS", "localhost:" + kafkaPort);
        env.put("MP_JWT_VERIFY_PUBLICKEY_LOCATION", dataDir.resolve("keys/dev-public-key.pem").toString());
        env.put("MP_JWT_VERIFY_ISSUER", vn.qcdc.infra.DevTokens.DEV_ISSUER);
        env.put("QCDC_SECURITY_DEV_KEYS_ALLOWED", "true");
        return pb.start();
    }

    /** Waits until the service whose management port is {@code managementPort} answers ready. */
    static void awaitReady(int managementPort, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        HttpClient http = HttpClient.newHttpClient();
        while (System.nanoTime() < deadline) {
            try {
                if (http.send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + managementPort + "/q/health/ready"))
                                .timeout(Duration.ofSeconds(5)).build(),
                        HttpResponse.BodyHandlers.discarding())
                        .statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // starting
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("Not ready in time: management port " + managementPort);
    }

    String launcherLog() throws IOException {
        return Files.readString(log);
    }

    /** Every process the launcher started that is still its descendant (services, the broker). */
    List<ProcessHandle> children() {
        return launcher.descendants().toList();
    }

    /** The running child whose command line contains {@code marker} (a module name, "KafkaBrokerMain"). */
    ProcessHandle child(String marker) {
        List<ProcessHandle> found = launcher.descendants().filter(ProcessHandle::isAlive)
                .filter(p -> p.info().arguments().map(a -> String.join(" ", a)).orElse("").contains(marker))
                .toList();
        if (found.size() != 1) {
            throw new IllegalStateException("Expected one child running " + marker + ", found " + found);
        }
        return found.get(0);
    }

    Optional<Long> postgresPid() throws IOException {
        Path pid = dataDir.resolve("postgres/pgdata/postmaster.pid");
        if (!Files.exists(pid)) {
            return Optional.empty();
        }
        return Optional.of(Long.parseLong(Files.readAllLines(pid).get(0).trim()));
    }

    /** Stops the suite as Ctrl-C would (SIGTERM to the launcher) and returns its exit code. */
    int stop() throws InterruptedException {
        launcher.destroy();
        if (!launcher.waitFor(90, TimeUnit.SECONDS)) {
            launcher.destroyForcibly();
            return -1;
        }
        return launcher.exitValue();
    }

    @Override
    public void close() throws InterruptedException {
        if (launcher != null && launcher.isAlive()) {
            List<ProcessHandle> left = children();
            if (scriptPidFile != null) {
                // SIGTERM to the shell would leave its background job running: stop the launcher itself.
                left.stream().filter(p -> p.parent().map(pp -> pp.pid() == launcher.pid()).orElse(false))
                        .forEach(ProcessHandle::destroy);
            }
            stop();
            left.forEach(ProcessHandle::destroyForcibly);
        }
        if (ownsDataDir) {
            deleteDataDir();
        }
    }

    private void deleteDataDir() {
        try (var files = Files.walk(dataDir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException e) {
            System.err.println("[e2e] could not delete " + dataDir + ": " + e);
        }
    }
}
