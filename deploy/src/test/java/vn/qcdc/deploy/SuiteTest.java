package vn.qcdc.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher's infrastructure part, for real: with no service jars built it must start PostgreSQL and Kafka, say
 * what to build, and stop both again (no server left running, ports released).
 */
class SuiteTest {

    @TempDir
    Path home;

    @Test
    void missingServiceJarsFailClearlyAndStopTheInfrastructure() throws Exception {
        Path data = home.resolve("data");
        Settings settings = new Settings(home, data, null, 0, "postgres", "", null, 0, false, Settings.SERVICES, 5,
                Settings.LOOPBACK, null);

        assertEquals(1, new Suite(settings).run());

        assertTrue(Files.isRegularFile(data.resolve("postgres/pgdata/PG_VERSION")), "database cluster created");
        assertTrue(Files.isRegularFile(data.resolve("kafka/kafka-logs/meta.properties")), "broker storage formatted");
        assertTrue(Files.isRegularFile(data.resolve("keys/dev-public-key.pem")));
        assertFalse(Files.exists(data.resolve("postgres/pgdata/postmaster.pid")), "PostgreSQL stopped");
        assertTrue(ProcessHandle.current().children().noneMatch(ProcessHandle::isAlive), "no child process left");
    }

    @Test
    void settingsFromEnvironment() {
        Settings local = Settings.from(java.util.Map.of(), home, false);
        assertEquals(5433, local.dbPort());
        assertEquals(9092, local.kafkaPort());
        assertEquals(home.resolve("data").toAbsolutePath(), local.dataDir());

        Settings external = Settings.from(java.util.Map.of("QCDC_DB_HOST", "db.example", "QCDC_KAFKA_BOOTSTRAP",
                "k:9092", "QCDC_DATA_DIR", home.resolve("elsewhere").toString()), home, true);
        assertEquals(5432, external.dbPort());
        assertEquals("k:9092", external.kafkaBootstrap());
        assertEquals(home.resolve("elsewhere"), external.dataDir());
        assertTrue(external.demo());
    }
}
