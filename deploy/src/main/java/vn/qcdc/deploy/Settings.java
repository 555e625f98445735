package vn.qcdc.deploy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import vn.qcdc.infra.DevTokens;

/**
 * What the launcher does, read from the command line and environment once, so that the launcher can be tested with
 * a made-up environment (free ports, a temporary data folder) instead of the real one.
 *
 * @param home repository root: where {@code <service>/target/quarkus-app/quarkus-run.jar} are looked up
 * @param dataDir {@code QCDC_DATA_DIR}, default {@code ./data}
 * @param dbHost {@code QCDC_DB_HOST}: null means "start our own PostgreSQL"
 * @param dbPort {@code QCDC_DB_PORT}: 5432 for an external server, 5433 for ours (0 = any free port)
 * @param kafkaBootstrap {@code QCDC_KAFKA_BOOTSTRAP}: null means "start our own broker"
 * @param kafkaPorts {@code QCDC_KAFKA_PORT}: one port per broker, default 9092 (then 9093, 9094 for the other
 *        brokers of a local cluster); 0 = any free port
 * @param services every replica of every service, each with its own ports
 * @param demo {@code --demo}: passed to the services as {@code QCDC_DEMO_DATA=true}
 * @param readyTimeoutSeconds how long services may take to report ready
 * @param bindAddress {@code --bind} or {@code QCDC_BIND_ADDRESS}: where the services' API ports listen, default
 *        {@code 127.0.0.1}; anything but loopback needs a real key ({@link #jwtKeyLocation})
 * @param jwtKeyLocation {@code MP_JWT_VERIFY_PUBLICKEY_LOCATION} when it is a real key (a file or JWKS URL of the
 *        province's identity provider); null means the committed dev key, with which dev tokens work
 */
record Settings(Path home, Path dataDir, String dbHost, int dbPort, String dbUser, String dbPassword,
        String kafkaBootstrap, List<Integer> kafkaPorts, boolean demo, List<Service> services,
        int readyTimeoutSeconds, String bindAddress, String jwtKeyLocation) {

    /** A local multi-node rehearsal of a cluster ({@code --multi-node}): three brokers, two replicas per service. */
    static final int MULTI_NODE_BROKERS = 3;
    static final int MULTI_NODE_REPLICAS = 2;
    /** The API ports of a service's further replicas follow its first one by this step: 8081, 8091, 8101, ... */
    static final int REPLICA_PORT_STEP = 10;

    /** Loopback: only this machine reaches the services. */
    static final String LOOPBACK = "127.0.0.1";

    /**
     * A service of the suite (one replica of it): its Maven module, replica number (1, 2, ...), API port, management
     * port (health and metrics) and database (shared by its replicas; null for the web console, which has none and
     * reads the services' APIs).
     */
    record Service(String module, int replica, int port, int managementPort, String database) {

        Service(String module, int port, int managementPort, String database) {
            this(module, 1, port, managementPort, database);
        }

        /** {@code inspection-service} for the first replica, {@code inspection-service-2} for the second, ... */
        String name() {
            return replica == 1 ? module : module + "-" + replica;
        }

        /** Whether it is the web face (no database, no broker: it talks to the other services' APIs). */
        boolean web() {
            return database == null;
        }

        /** Prefix of its environment variables: {@code QCDC_INSPECTION}, {@code QCDC_MODEL_REGISTRY}, … */
        String envPrefix() {
            return "QCDC_" + module.replace("-service", "").replace('-', '_').toUpperCase(Locale.ROOT);
        }
    }

    /** The management port of each service is its API port + 1000, as in the services' application.properties. */
    static final List<Service> SERVICES = List.of(
            new Service("inspection-service", 8081, 9081, "inspection"),
            new Service("model-registry-service", 8082, 9082, "model_registry"),
            new Service("notification-service", 8083, 9083, "notification"),
            new Service("web-console", 8084, 9084, null));

    /** Thrown when the settings are wrong or unsafe; the launcher prints the message and exits with code 2. */
    static final class Refused extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        Refused(String message) {
            super(message);
        }
    }

    static Settings from(Map<String, String> env, Path home, boolean demo) {
        return from(env, home, demo, null);
    }

    /**
     * @param bindOption the {@code --bind} argument, or null; it wins over {@code QCDC_BIND_ADDRESS}
     * @throws Refused if a value is malformed, or if the services would be reachable from other machines while
     *         accepting tokens signed with the committed dev key
     */
    static Settings from(Map<String, String> env, Path home, boolean demo, String bindOption) {
        return from(env, home, demo, bindOption, 1, 1);
    }

    /**
     * @param brokers Kafka brokers to start (1, or 3 for a local cluster); ignored with {@code QCDC_KAFKA_BOOTSTRAP}
     * @param replicas processes per service, each on its own ports
     */
    static Settings from(Map<String, String> env, Path home, boolean demo, String bindOption, int brokers,
            int replicas) {
        if (brokers < 1 || brokers > 9) {
            throw new Refused("--brokers must be between 1 and 9, not " + brokers);
        }
        if (replicas < 1 || replicas > 9) {
            throw new Refused("--replicas must be between 1 and 9, not " + replicas);
        }
        String dbHost = blankToNull(env.get("QCDC_DB_HOST"));
        Path dataDir = env.containsKey("QCDC_DATA_DIR") && !env.get("QCDC_DATA_DIR").isBlank()
                ? Path.of(env.get("QCDC_DATA_DIR"))
                : home.resolve("data");
        String bind = bindOption != null
                ? bindOption.trim()
                : blankToNull(env.get("QCDC_BIND_ADDRESS")) != null ? env.get("QCDC_BIND_ADDRESS").trim() : LOOPBACK;
        String key = blankToNull(env.get("MP_JWT_VERIFY_PUBLICKEY_LOCATION"));
        String realKey = key == null || isDevKey(key) ? null : key;
        if (!isLoopback(bind) && realKey == null) {
            throw new Refused("Refusing to listen on " + bind + ": the services would accept tokens signed with the "
                    + "DEV-ONLY key committed in this repository, so anyone who can reach this machine could mint an "
                    + "admin token.\nKeep the default (" + LOOPBACK + ", this machine only), or configure a real key "
                    + "first: MP_JWT_VERIFY_PUBLICKEY_LOCATION=<JWKS URL or public key file of your identity "
                    + "provider> and MP_JWT_VERIFY_ISSUER=<its issuer>.");
        }
        return new Settings(home.toAbsolutePath().normalize(), dataDir.toAbsolutePath().normalize(), dbHost,
                intOr(env.get("QCDC_DB_PORT"), dbHost == null ? 5433 : 5432, "QCDC_DB_PORT"),
                env.getOrDefault("QCDC_DB_USER", "postgres"), env.getOrDefault("QCDC_DB_PASSWORD", ""),
                blankToNull(env.get("QCDC_KAFKA_BOOTSTRAP")),
                ports(env.get("QCDC_KAFKA_PORT"), 9092, 1, brokers, "QCDC_KAFKA_PORT"),
                demo, servicesWithPorts(env, replicas), 180, bind, realKey);
    }

    /** The first broker's port. */
    int kafkaPort() {
        return kafkaPorts.get(0);
    }

    /** How many brokers the launcher starts (when it starts its own). */
    int brokers() {
        return kafkaPorts.size();
    }

    /** Replicas per service. */
    int replicas() {
        return services.stream().mapToInt(Service::replica).max().orElse(1);
    }

    /** The services' databases, each once. */
    List<String> databases() {
        return services.stream().map(Service::database).filter(java.util.Objects::nonNull).distinct().toList();
    }

    /** Whether dev tokens work: no real key was configured. */
    boolean devKeys() {
        return jwtKeyLocation == null;
    }

    /**
     * Service ports can be moved ({@code QCDC_INSPECTION_PORT}, {@code QCDC_INSPECTION_MANAGEMENT_PORT}, …), e.g.
     * for a test beside a running suite. The management port follows the API port (+ 1000) unless set. With several
     * replicas, either variable may list one port per replica ({@code 18081,18091}); a single API port is followed
     * by the others at steps of {@value #REPLICA_PORT_STEP}.
     */
    static List<Service> servicesWithPorts(Map<String, String> env, int replicas) {
        List<Service> all = new java.util.ArrayList<>();
        for (Service s : SERVICES) {
            String name = s.envPrefix() + "_PORT";
            List<Integer> ports = ports(env.get(name), s.port(), REPLICA_PORT_STEP, replicas, name);
            String managementName = s.envPrefix() + "_MANAGEMENT_PORT";
            String management = env.get(managementName);
            List<Integer> managementPorts = management == null || management.isBlank()
                    ? ports.stream().map(p -> p + 1000).toList()
                    : ports(management, 0, REPLICA_PORT_STEP, replicas, managementName);
            for (int r = 0; r < replicas; r++) {
                all.add(new Service(s.module(), r + 1, ports.get(r), managementPorts.get(r), s.database()));
            }
        }
        return List.copyOf(all);
    }

    /**
     * {@code count} ports from {@code value}: a list of exactly {@code count} ports, or one port followed by the others
     * at {@code step} (0 stays 0: each picks a free port); {@code fallback} when unset.
     */
    static List<Integer> ports(String value, int fallback, int step, int count, String name) {
        List<Integer> given = value == null || value.isBlank()
                ? List.of(fallback)
                : java.util.Arrays.stream(value.split(",")).map(v -> intOr(v, fallback, name)).toList();
        if (given.size() == count) {
            return given;
        }
        if (given.size() != 1) {
            throw new Refused(name + " lists " + given.size() + " ports for " + count + " processes: give one port, or "
                    + "one per process");
        }
        int first = given.get(0);
        List<Integer> ports = new java.util.ArrayList<>();
        for (int i = 0; i < count; i++) {
            ports.add(first == 0 ? 0 : first + i * step);
        }
        return List.copyOf(ports);
    }

    /** True for 127.0.0.0/8, ::1 and names that resolve only to those (localhost). */
    static boolean isLoopback(String address) {
        try {
            InetAddress[] all = InetAddress.getAllByName(address);
            for (InetAddress a : all) {
                if (!a.isLoopbackAddress()) {
                    return false;
                }
            }
            return all.length > 0;
        } catch (UnknownHostException | SecurityException e) {
            throw new Refused("Cannot bind to '" + address + "': not an address of this machine (" + e.getMessage()
                    + ")");
        }
    }

    /**
     * Whether {@code location} (a file path, {@code file:} URL or remote URL) holds the committed dev key. A remote
     * URL is the identity provider's JWKS, never the dev key; an unreadable file is refused rather than guessed.
     */
    static boolean isDevKey(String location) {
        Path file;
        if (location.startsWith("http://") || location.startsWith("https://")) {
            return false;
        } else if (location.startsWith("file:")) {
            file = Path.of(URI.create(location));
        } else {
            file = Path.of(location);
        }
        try {
            return keyBody(Files.readString(file, StandardCharsets.US_ASCII)).equals(
                    keyBody(DevTokens.publicKeyPem()));
        } catch (IOException | RuntimeException e) {
            throw new Refused("MP_JWT_VERIFY_PUBLICKEY_LOCATION=" + location + " cannot be read (" + e + ")");
        }
    }

    /** The base64 body of a PEM, without its armour lines and line breaks, so formatting does not matter. */
    private static String keyBody(String pem) {
        return pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
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
            throw new Refused(name + " must be a port number, not '" + value + "'");
        }
    }
}
