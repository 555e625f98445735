package vn.qcdc.testsupport;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;

import vn.qcdc.infra.LocalKafka;

@QuarkusTest
@QuarkusTestResource(value = RealInfraResource.class, initArgs = @ResourceArg(name = "database", value = "probe"))
class RealInfraResourceTest {

    @Test
    void devTokensAreTrustedAndOthersAreNot() {
        given().header("Authorization", Tokens.bearer(Tokens.steering("06")))
                .when().get("/whoami")
                .then().statusCode(200).body(startsWith("dev-steering-06 [steering] 06"));
        given().header("Authorization", Tokens.bearer(Tokens.expired("viewer", "06")))
                .when().get("/whoami").then().statusCode(401);
        given().header("Authorization", Tokens.bearer(Tokens.stranger("admin", null)))
                .when().get("/whoami").then().statusCode(401);
        given().when().get("/whoami").then().statusCode(401);
    }

    @Test
    void datasourceIsTheRealPostgres() {
        given().when().get("/whoami/db").then().statusCode(200).body(equalTo("probe"));
    }

    @Test
    void kafkaRoundTripSurvivesABrokerOutage() throws Exception {
        LocalKafka kafka = RealInfraResource.kafka();
        String bootstrap = kafka.bootstrapServers();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.createTopics(List.of(new NewTopic("probe.events", 3, (short) 1))).all().get();
        }
        KafkaTestProducer.send(bootstrap, "probe.events", "agg-1", "{\"n\":1}",
                Map.of("ce_id", "e-1", "ce_type", "vn.qcdc.probe.v1", "content-type", "application/json"));

        kafka.stop();
        assertFalse(kafka.isRunning());
        kafka.start();

        KafkaTestProducer.send(bootstrap, "probe.events", "agg-1", "{\"n\":2}", Map.of("ce_id", "e-2"));
        List<ConsumerRecord<String, String>> records = KafkaTestConsumer.poll(bootstrap, "probe.events",
                r -> "e-2".equals(KafkaTestConsumer.header(r, "ce_id")), Duration.ofSeconds(30));
        assertEquals(2, records.size());
        assertEquals("agg-1", records.get(0).key());
        assertEquals("vn.qcdc.probe.v1", KafkaTestConsumer.header(records.get(0), "ce_type"));
        assertEquals("application/json", KafkaTestConsumer.header(records.get(0), "content-type"));
        assertEquals(null, KafkaTestConsumer.header(records.get(1), "ce_type"));
        assertEquals(2, KafkaTestConsumer.pollAll(bootstrap, "probe.events", Duration.ofSeconds(20)).size());
        assertTrue(KafkaTestConsumer.poll(bootstrap, "no.such.topic", r -> true, Duration.ofSeconds(2)).isEmpty());
    }
}
