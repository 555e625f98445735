package vn.qcdc.inspection.scenario;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static vn.qcdc.inspection.Api.as;
import static vn.qcdc.inspection.Api.json;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.test.junit.QuarkusTest;

import vn.qcdc.events.EventTypes;
import vn.qcdc.events.Topics;
import vn.qcdc.inspection.Api;
import vn.qcdc.inspection.demo.ReferenceScenario;
import vn.qcdc.testsupport.KafkaTestConsumer;
import vn.qcdc.testsupport.RealInfraResource;
import vn.qcdc.testsupport.Tokens;

/**
 * The reference scenario end to end, through the real API and the real broker: the Bắc Kạn delegation headed by Phạm
 * Duy Hưng inspects Xuất Hóa ward on 3 December 2020, records the article's findings, concludes with its five
 * recommendations to the right addressees; a plain Kafka consumer sees the events with their CloudEvents headers and
 * keys; then one recommendation goes progress → completion → verification and another is rejected.
 */
@QuarkusTest
class ReferenceScenarioTest {

    static final String STEERING = Tokens.steering("06");

    @Test
    void xuatHoa2020() throws Exception {
        String delegation = as(STEERING).body(json(ReferenceScenario.delegation())).post("/api/v1/delegations")
                .then().statusCode(201).body("members.find { it.role == 'HEAD' }.name", equalTo("Phạm Duy Hưng"))
                .extract().path("id");
        String insp = as(STEERING).header("Idempotency-Key", UUID.randomUUID().toString())
                .body(json(ReferenceScenario.inspection(UUID.fromString(delegation)))).post("/api/v1/inspections")
                .then().statusCode(201).body("scheduledDate", equalTo("2020-12-03")).body("yearAssessed",
                        equalTo(2020))
                .extract().path("id");
        as(STEERING).post("/api/v1/inspections/" + insp + "/start").then().statusCode(200);
        for (var f : ReferenceScenario.findings()) {
            as(STEERING).body(json(f)).post("/api/v1/inspections/" + insp + "/findings").then().statusCode(201);
        }
        as(STEERING).body(json(ReferenceScenario.evidence())).post("/api/v1/inspections/" + insp + "/evidence")
                .then().statusCode(201);
        as(STEERING).body(json(ReferenceScenario.conclusion())).post("/api/v1/inspections/" + insp + "/conclusion")
                .then().statusCode(200).body("status", equalTo("CONCLUDED"))
                .body("conclusion.signer", equalTo("Phạm Duy Hưng")).body("recommendationCount", equalTo(5));

        List<Map<String, Object>> recs = Api.recommendationsOf(insp);
        assertEquals(List.of(Set.of("PARTY_COMMITTEE", "GOVERNMENT"), Set.of("GOVERNMENT"),
                Set.of("PARTY_COMMITTEE", "GOVERNMENT"),
                Set.of("FATHERLAND_FRONT", "WOMENS_UNION", "YOUTH_UNION", "FARMERS_ASSOCIATION",
                        "VETERANS_ASSOCIATION"),
                Set.of("PEOPLES_INSPECTION_BOARD", "COMMUNITY_INVESTMENT_SUPERVISION_BOARD")),
                recs.stream().map(ReferenceScenarioTest::bodies).toList());
        Set<String> recIds = recs.stream().map(r -> (String) r.get("id")).collect(Collectors.toSet());

        // Events, as a real consumer sees them.
        String bootstrap = RealInfraResource.kafka().bootstrapServers();
        Set<String> issuedSeen = new HashSet<>();
        Set<String> inspectionEventsSeen = new HashSet<>();
        // The inspection's own events are keyed by its id, so they sit on another partition than the
        // recommendations': wait for both, not just for the five issued events.
        List<ConsumerRecord<String, String>> seen = KafkaTestConsumer.poll(bootstrap, Topics.INSPECTION.name(), r -> {
            String type = KafkaTestConsumer.header(r, "ce_type");
            if (EventTypes.RECOMMENDATION_ISSUED.equals(type) && recIds.contains(r.key())) {
                issuedSeen.add(r.key());
            }
            if (insp.equals(r.key())) {
                inspectionEventsSeen.add(type);
            }
            return issuedSeen.size() == 5 && inspectionEventsSeen.containsAll(
                    Set.of(EventTypes.INSPECTION_SCHEDULED, EventTypes.INSPECTION_CONCLUDED));
        }, Duration.ofSeconds(60));
        assertEquals(recIds, issuedSeen, "one recommendation.issued per recommendation, keyed by its id");
        ConsumerRecord<String, String> scheduled = only(seen, EventTypes.INSPECTION_SCHEDULED, insp);
        assertEquals("/qcdc/inspection-service", KafkaTestConsumer.header(scheduled, "ce_source"));
        assertEquals("01855", Api.JSON.readTree(scheduled.value()).get("unitCode").asText());
        assertEquals("06", Api.JSON.readTree(scheduled.value()).get("steeringUnitCode").asText());
        ConsumerRecord<String, String> concluded = only(seen, EventTypes.INSPECTION_CONCLUDED, insp);
        assertEquals(5, Api.JSON.readTree(concluded.value()).get("recommendationCount").asInt());
        Set<String> ids = new HashSet<>();
        for (ConsumerRecord<String, String> r : seen) {
            if (recIds.contains(r.key()) || insp.equals(r.key())) {
                assertTrue(ids.add(KafkaTestConsumer.header(r, "ce_id")), "ce_id is unique");
                assertEquals("1.0", KafkaTestConsumer.header(r, "ce_specversion"));
            }
        }
        String assoc = (String) recs.get(3).get("id");
        JsonNode issued = Api.JSON.readTree(seen.stream().filter(r -> assoc.equals(r.key())).findFirst()
                .orElseThrow().value());
        assertEquals("2021-03-31", issued.get("dueDate").asText());
        assertEquals("06", issued.get("steeringUnitCode").asText());
        assertEquals(5, issued.get("addressees").size());
        assertEquals("01855", issued.get("addressees").get(1).get("unitCode").asText());

        // Follow-up: the ward's figures recommendation is verified; the associations' one is rejected.
        String figures = (String) recs.get(1).get("id");
        as(Tokens.unitOfficer("01855")).body(json(ReferenceScenario.progress()))
                .post("/api/v1/recommendations/" + figures + "/progress").then().statusCode(200);
        as(Tokens.unitOfficer("01855")).body(json(ReferenceScenario.completion()))
                .post("/api/v1/recommendations/" + figures + "/completion").then().statusCode(200);
        as(STEERING).body("{\"note\":\"Đã kiểm tra\"}").post("/api/v1/recommendations/" + figures + "/verify").then()
                .statusCode(200).body("status", equalTo("VERIFIED"));
        as(Tokens.orgOfficer("01855", "FATHERLAND_FRONT")).body(json(ReferenceScenario.associationsCompletion()))
                .post("/api/v1/recommendations/" + assoc + "/completion").then().statusCode(200);
        as(STEERING).body("{\"reason\":\"Chưa đề nghị công nhận\"}")
                .post("/api/v1/recommendations/" + assoc + "/reject").then().statusCode(200)
                .body("status", equalTo("IN_PROGRESS"));

        List<String> wanted = List.of(figures + EventTypes.RECOMMENDATION_PROGRESS_REPORTED,
                figures + EventTypes.RECOMMENDATION_COMPLETION_REPORTED, figures + EventTypes.RECOMMENDATION_VERIFIED,
                assoc + EventTypes.RECOMMENDATION_COMPLETION_REPORTED, assoc + EventTypes.RECOMMENDATION_REJECTED);
        Set<String> got = new HashSet<>();
        List<ConsumerRecord<String, String>> after = KafkaTestConsumer.poll(bootstrap, Topics.INSPECTION.name(),
                r -> {
                    got.add(r.key() + KafkaTestConsumer.header(r, "ce_type"));
                    return got.containsAll(wanted);
                }, Duration.ofSeconds(60));
        assertTrue(got.containsAll(wanted), "follow-up events seen: " + got);
        ConsumerRecord<String, String> rejected = after.stream().filter(r -> assoc.equals(r.key())
                && EventTypes.RECOMMENDATION_REJECTED.equals(KafkaTestConsumer.header(r, "ce_type"))).findFirst()
                .orElseThrow();
        assertEquals("Chưa đề nghị công nhận", Api.JSON.readTree(rejected.value()).get("reason").asText());
        assertEquals("recommendation/" + assoc, KafkaTestConsumer.header(rejected, "ce_subject"));

        // Public disclosure shows the conclusion and statuses, without the internal note.
        String pub = io.restassured.RestAssured.given().get("/api/v1/public/inspections/" + insp).then()
                .statusCode(200).body("recommendations[1].status", equalTo("VERIFIED"))
                .body("recommendations[3].status", equalTo("IN_PROGRESS")).extract().asString();
        assertTrue(!pub.contains("nội bộ") && !pub.contains("internalNote"), pub);
    }

    static Set<String> bodies(Map<String, Object> rec) {
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> a = (List<Map<String, Object>>) rec.get("addressees");
        return a.stream().map(m -> (String) m.get("bodyType")).collect(Collectors.toSet());
    }

    static ConsumerRecord<String, String> only(List<ConsumerRecord<String, String>> records, String type,
            String key) {
        List<ConsumerRecord<String, String>> found = records.stream()
                .filter(r -> key.equals(r.key()) && type.equals(KafkaTestConsumer.header(r, "ce_type"))).toList();
        assertEquals(1, found.size(), type + " for " + key);
        return found.get(0);
    }
}
