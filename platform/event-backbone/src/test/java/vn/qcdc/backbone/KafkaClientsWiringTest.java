package vn.qcdc.backbone;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

import vn.qcdc.testsupport.RealInfraResource;

/**
 * In the running application, a {@code kafka.*} property and an environment-style {@code KAFKA_*} name (as a
 * Deployment sets them) both reach the backbone's clients (the test's application.properties sets one of each).
 */
@QuarkusTest
@QuarkusTestResource(RealInfraResource.class)
class KafkaClientsWiringTest {

    @Inject
    KafkaClients clients;

    @Test
    void kafkaPropertiesAndEnvironmentNamesReachTheBackboneClients() {
        assertEquals("4000", String.valueOf(clients.producerProperties("-outbox").get("reconnect.backoff.max.ms")));
        assertEquals("4000", String.valueOf(clients.adminProperties().get("reconnect.backoff.max.ms")));
        assertEquals("60000", String.valueOf(clients.consumerProperties().get("metadata.max.age.ms")));
    }
}
