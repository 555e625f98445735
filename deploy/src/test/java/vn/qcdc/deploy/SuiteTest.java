package vn.qcdc.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import vn.qcdc.infra.DevTokens;

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
        Settings settings = new Settings(home, data, null, 0, "postgres", "", null, List.of(0), false,
                Settings.SERVICES, 5,
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

    @Test
    void theMultiNodeRehearsalGivesEveryBrokerAndReplicaItsOwnPorts() {
        Settings multi = Settings.from(Map.of(), home, false, null, Settings.MULTI_NODE_BROKERS,
                Settings.MULTI_NODE_REPLICAS);
        assertEquals(List.of(9092, 9093, 9094), multi.kafkaPorts());
        assertEquals(List.of("inspection-service", "inspection-service-2", "model-registry-service",
                "model-registry-service-2", "notification-service", "notification-service-2", "web-console",
                "web-console-2"),
                multi.services().stream().map(Settings.Service::name).toList());
        assertEquals(List.of(8081, 8091, 8082, 8092, 8083, 8093, 8084, 8094),
                multi.services().stream().map(Settings.Service::port).toList());
        assertEquals(List.of(9081, 9091, 9082, 9092, 9083, 9093, 9084, 9094),
                multi.services().stream().map(Settings.Service::managementPort).toList());
        assertEquals(List.of("inspection", "model_registry", "notification"), multi.databases(),
                "replicas share their service's database");
        assertEquals(2, multi.replicas());

        Settings listed = Settings.from(Map.of("QCDC_INSPECTION_PORT", "18081,18085", "QCDC_KAFKA_PORT", "0"), home,
                false, null, 3, 2);
        assertEquals(List.of(0, 0, 0), listed.kafkaPorts(), "each broker on a free port");
        assertEquals(List.of(18081, 18085), listed.services().stream()
                .filter(s -> s.module().equals("inspection-service")).map(Settings.Service::port).toList());
        assertEquals(19085, listed.services().get(1).managementPort());

        assertThrows(Settings.Refused.class, () -> Settings.from(Map.of("QCDC_NOTIFICATION_PORT", "1,2,3"), home,
                false, null, 1, 2));
        assertThrows(Settings.Refused.class, () -> Settings.from(Map.of(), home, false, null, 0, 1));
    }

    @Test
    void servicesListenOnLoopbackWithManagementPortsBesideTheirApiPorts() {
        Settings local = Settings.from(Map.of(), home, false);
        assertEquals(Settings.LOOPBACK, local.bindAddress());
        assertTrue(local.devKeys());
        assertEquals(List.of(9081, 9082, 9083, 9084), local.services().stream().map(Settings.Service::managementPort)
                .toList());

        Settings moved = Settings.from(Map.of("QCDC_INSPECTION_PORT", "18081", "QCDC_NOTIFICATION_MANAGEMENT_PORT",
                "18999"), home, false);
        assertEquals(18081, moved.services().get(0).port());
        assertEquals(19081, moved.services().get(0).managementPort(), "follows the API port");
        assertEquals(18999, moved.services().get(2).managementPort());

        assertEquals("localhost", Settings.from(Map.of(), home, false, "localhost").bindAddress(),
                "loopback by name is fine with the dev key");
    }

    @Test
    void exposingTheDevKeyBeyondLoopbackIsRefusedBeforeAnythingStarts() throws Exception {
        Path devKeyCopy = Files.writeString(home.resolve("copy-of-dev-key.pem"),
                DevTokens.publicKeyPem().replace("\n", "\r\n"));
        Path data = home.resolve("data");
        List<Map<String, String>> envs = List.of(
                Map.of("QCDC_DATA_DIR", data.toString()),
                Map.of("QCDC_DATA_DIR", data.toString(), "MP_JWT_VERIFY_PUBLICKEY_LOCATION", devKeyCopy.toString()));
        for (Map<String, String> env : envs) {
            for (String[] args : List.of(new String[]{"--no-build", "--bind", "0.0.0.0"},
                    new String[]{"--bind=192.0.2.10"})) {
                ByteArrayOutputStream err = new ByteArrayOutputStream();
                int code = Suite.launch(args, env, home, new PrintStream(err, true, StandardCharsets.UTF_8));
                String message = err.toString(StandardCharsets.UTF_8);
                assertEquals(2, code, message);
                assertTrue(message.contains("Refusing to listen on"), message);
                assertTrue(message.contains("DEV-ONLY key"), message);
                assertTrue(message.contains("MP_JWT_VERIFY_PUBLICKEY_LOCATION"), message);
            }
            Map<String, String> viaEnv = new HashMap<>(env);
            viaEnv.put("QCDC_BIND_ADDRESS", "0.0.0.0");
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            assertEquals(2, Suite.launch(new String[]{"--no-build"}, viaEnv, home,
                    new PrintStream(err, true, StandardCharsets.UTF_8)));
            assertTrue(err.toString(StandardCharsets.UTF_8).contains("Refusing to listen on 0.0.0.0"));
        }
        assertFalse(Files.exists(data), "nothing was started");
        assertTrue(ProcessHandle.current().children().noneMatch(ProcessHandle::isAlive));
    }

    @Test
    void aRealKeyAllowsAnotherBindAddressAndTurnsDevTokensOff() throws Exception {
        KeyPairGenerator gen = KeyPairGenerator.getInstance("RSA");
        gen.initialize(2048);
        Path realKey = Files.writeString(home.resolve("province-key.pem"), "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder().encodeToString(gen.generateKeyPair().getPublic().getEncoded())
                + "\n-----END PUBLIC KEY-----\n");
        Settings file = Settings.from(Map.of("MP_JWT_VERIFY_PUBLICKEY_LOCATION", realKey.toString()), home, false,
                "0.0.0.0");
        assertEquals("0.0.0.0", file.bindAddress());
        assertFalse(file.devKeys());

        Settings jwks = Settings.from(Map.of("QCDC_BIND_ADDRESS", "0.0.0.0", "MP_JWT_VERIFY_PUBLICKEY_LOCATION",
                "https://sso.backan.example.vn/realms/qcdc/protocol/openid-connect/certs"), home, false);
        assertEquals("0.0.0.0", jwks.bindAddress());
        assertFalse(jwks.devKeys());

        ByteArrayOutputStream err = new ByteArrayOutputStream();
        assertEquals(2, Suite.launch(new String[]{"--bind"}, Map.of(), home,
                new PrintStream(err, true, StandardCharsets.UTF_8)), "--bind without an address");
        assertEquals(2, Suite.launch(new String[]{"--bind", "0.0.0.0"}, Map.of("MP_JWT_VERIFY_PUBLICKEY_LOCATION",
                home.resolve("missing.pem").toString()), home, new PrintStream(err, true, StandardCharsets.UTF_8)),
                "an unreadable key is refused, not guessed");
    }
}
