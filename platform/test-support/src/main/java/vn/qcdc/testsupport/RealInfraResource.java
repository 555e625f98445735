package vn.qcdc.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import vn.qcdc.infra.DevTokens;
import vn.qcdc.infra.LocalKafka;
import vn.qcdc.infra.LocalPostgres;

/**
 * Gives a {@code @QuarkusTest} a real PostgreSQL and a real Kafka broker, and makes the application trust dev tokens.
 *
 * <p>
 * Usage: {@code @QuarkusTestResource(value = RealInfraResource.class, initArgs = @ResourceArg(name = "database",
 * value = "inspection"))} (or {@code @WithTestResource}). Machines that build this project have no Docker, so Quarkus
 * Dev Services cannot help; this starts the same servers the local launcher uses.
 *
 * <p>
 * One PostgreSQL and one broker per test JVM: starting them costs seconds, and Quarkus may call {@link #start()}
 * several times (once per test profile). They are static singletons that later calls reuse; each call only makes
 * sure its database exists. They are stopped by {@link #stop()} (and, whatever happens, by shutdown hooks when the
 * JVM exits). Because they live in temporary directories, every test run starts from empty servers.
 *
 * <p>
 * Config returned: {@code quarkus.datasource.jdbc.url/username/password}, {@code kafka.bootstrap.servers},
 * {@code mp.jwt.verify.publickey.location} (the dev public key written to a temporary file) and
 * {@code mp.jwt.verify.issuer} ({@link DevTokens#DEV_ISSUER}), and Hibernate's statement inspector
 * ({@link SqlStatements}).
 */
public class RealInfraResource implements QuarkusTestResourceLifecycleManager {

    public static final String DATABASE_ARG = "database";
    public static final String DEFAULT_DATABASE = "app";

    private static final Object LOCK = new Object();
    private static Path root;
    private static LocalPostgres postgres;
    private static LocalKafka kafka;
    private static Path publicKey;

    private String database = DEFAULT_DATABASE;

    @Override
    public void init(Map<String, String> initArgs) {
        database = initArgs.getOrDefault(DATABASE_ARG, DEFAULT_DATABASE);
    }

    @Override
    public Map<String, String> start() {
        synchronized (LOCK) {
            try {
                if (root == null) {
                    root = Files.createTempDirectory("qcdc-test-infra-");
                }
                if (postgres == null) {
                    postgres = LocalPostgres.start(root.resolve("postgres"), 0);
                }
                if (kafka == null) {
                    kafka = LocalKafka.start(root.resolve("kafka"), 0);
                } else {
                    kafka.start(); // a test may have left it stopped; no-op when it runs
                }
                if (publicKey == null) {
                    publicKey = DevTokens.writePublicKey(root.resolve("keys"));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            postgres.ensureDatabase(database);
            return Map.of(
                    // Also the key itself: in test mode Quarkus generates a throw-away key pair and sets
                    // mp.jwt.verify.publickey when the application configures no key at build time, and that
                    // inline key would win over any location.
                    "mp.jwt.verify.publickey", DevTokens.publicKeyPem(),
                    "quarkus.datasource.jdbc.url", postgres.jdbcUrl(database),
                    "quarkus.datasource.reactive.url", postgres.jdbcUrl(database).substring("jdbc:".length()),
                    "quarkus.datasource.username", postgres.username(),
                    "quarkus.datasource.password", postgres.password(),
                    "kafka.bootstrap.servers", kafka.bootstrapServers(),
                    // smallrye-jwt reads "file:<path>" from the file system (a bare path would be tried there too)
                    "mp.jwt.verify.publickey.location", "file:" + publicKey,
                    "mp.jwt.verify.issuer", DevTokens.DEV_ISSUER,
                    // Every statement Hibernate sends passes SqlStatements, which a test can ask to record.
                    "quarkus.hibernate-orm.unsupported-properties.\"hibernate.session_factory.statement_inspector\"",
                    SqlStatements.class.getName());
        }
    }

    @Override
    public void stop() {
        synchronized (LOCK) {
            try {
                if (kafka != null) {
                    kafka.close();
                }
            } finally {
                kafka = null;
                try {
                    if (postgres != null) {
                        postgres.close();
                    }
                } finally {
                    postgres = null;
                    publicKey = null;
                    deleteQuietly(root);
                    root = null;
                }
            }
        }
    }

    /** The running broker, so a test can {@code stop()} and {@code start()} it to simulate an outage. */
    public static LocalKafka kafka() {
        synchronized (LOCK) {
            if (kafka == null) {
                throw new IllegalStateException("RealInfraResource has not been started");
            }
            return kafka;
        }
    }

    public static LocalPostgres postgres() {
        synchronized (LOCK) {
            if (postgres == null) {
                throw new IllegalStateException("RealInfraResource has not been started");
            }
            return postgres;
        }
    }

    private static void deleteQuietly(Path dir) {
        if (dir == null) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | RuntimeException e) {
            // a temporary directory that survives is harmless
        }
    }
}
