package vn.qcdc.deploy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What the launcher does, read from the command line and environment once, so that the launcher can be tested with
 * a made-up environment (free ports, a temporary data folder) instead of the real one.
 *
 * @param home repository root: where {@code <service>/target/quarkus-app/quarkus-run.jar} are looked up
 * @param dataDir {@code QCDC_DATA_DIR}, default {@code ./data}
 * @param dbHost {@code QCDC_DB_HOST}: null means "start our own PostgreSQL"
 * @param dbPort {@code QCDC_DB_PORT}: 5432 for an external server, 5433 for ours (0 = any free port)
 * @param kafkaBootstrap {@code QCDC_KAFKA_BOOTSTRAP}: null means "start our own broker"
 * @param kafkaPort {@code QCDC_KAFKA_PORT}, default 9092 (0 = any free port)
 * @param demo {@code --demo}: passed to the services as {@code QCDC_DEMO_DATA=true}
 * @param readyTimeoutSeconds how long services may take to report ready
 */
record Settings(Path home, Path dataDir, String dbHost, int dbPort, String dbUser, String dbPassword,
        String kafkaBootstrap, int kafkaPort, boolean demo, List<Service> services, int readyTimeoutSeconds) {

    /** A service of the suite: its Maven module, HTTP port and database. */
    record Service(String module, int port, String database) {
    }

    static final List<Service> SERVICES = List.of(
            new Service("inspection-service", 8081, "inspection"),
            new Service("model-registry-service", 8082, "model_registry"),
            new Service("notification-service", 8083, "notification"));

    static Settings from(Map<String, String> env, Path home, boolean demo) {
        String dbHost = blankToNull(env.get("QCDC_DB_HOST"));
        Path dataDir = env.containsKey("QCDC_DATA_DIR") && !env.get("QCDC_DATA_DIR").isBlank()
                ? Path.of(env.get("QCDC_DATA_DIR"))
                : home.resolve("data");
        return new Settings(home.toAbsolutePath().normalize(), dataDir.toAbsolutePath().normalize(), dbHost,
                intOr(env.get("QCDC_DB_PORT"), dbHost == null ? 5433 : 5432, "QCDC_DB_PORT"),
                env.getOrDefault("QCDC_DB_USER", "postgres"), env.getOrDefault("QCDC_DB_PASSWORD", ""),
                blankToNull(env.get("QCDC_KAFKA_BOOTSTRAP")),
                intOr(env.get("QCDC_KAFKA_PORT"), 9092, "QCDC_KAFKA_PORT"),
                demo, servicesWithPorts(env), 180);
    }

    /** Service ports can be moved ({@code QCDC_INSPECTION_PORT}, …), e.g. for a test beside a running suite. */
    static List<Service> servicesWithPorts(Map<String, String> env) {
        return SERVICES.stream().map(s -> {
            String name = "QCDC_" + s.module().replace("-service", "").replace('-', '_').toUpperCase() + "_PORT";
            return new Service(s.module(), intOr(env.get(name), s.port(), name), s.database());
        }).toList();
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    private static int intOr(String value, int fallback, String name) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a port number, not '" + value + "'");
        }
    }
}
