package vn.qcdc.modelregistry.model;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

import vn.qcdc.events.EventTypes;
import vn.qcdc.events.Topics;
import vn.qcdc.modelregistry.demo.DemoData;
import vn.qcdc.modelregistry.demo.XuatHoa2020;
import vn.qcdc.testsupport.KafkaTestConsumer;
import vn.qcdc.testsupport.RealInfraResource;
import vn.qcdc.testsupport.Tokens;

/**
 * The reference scenario end to end, through the real API and broker: Xuất Hóa's mass organisations register their 7
 * models of 2020 (names illustrative), implement, self-evaluate and propose them; the steering committee of Bắc Kạn
 * recognises three (one outstanding) and rejects one; one is withdrawn. Statistics of the ward, and of the units that
 * carry it after the 2025 reform (01843, 19), count them; a plain Kafka consumer sees every event.
 */
@QuarkusTest
class XuatHoaScenarioTest {

    @Inject
    ObjectMapper mapper;

    @Inject
    DemoData demo;

    @Test
    void sevenModelsOfXuatHoa2020FromRegistrationToRecognitionStatisticsAndEvents() throws Exception {
        String steering = Tokens.steering(ModelFixtures.BAC_KAN);
        Map<String, XuatHoa2020.Outcome> outcomes = new HashMap<>();
        for (XuatHoa2020.ScenarioModel s : XuatHoa2020.MODELS) {
            String officer = Tokens.orgOfficer(XuatHoa2020.UNIT, s.input().orgType().name());
            String id = ModelFixtures.register(officer, mapper.writeValueAsString(s.input())).then().statusCode(201)
                    .body("unitName", equalTo("Phường Xuất Hóa")).body("status", equalTo("REGISTERED"))
                    .extract().path("id");
            outcomes.put(id, s.outcome());
            play(officer, steering, id, s);
        }

        // Each model ended where the scenario says.
        Response list = given().auth().oauth2(Tokens.viewer(ModelFixtures.XUAT_HOA)).queryParam("year", 2020)
                .queryParam("limit", 50).get("/api/v1/models");
        list.then().statusCode(200).body("items", hasSize(7));
        assertEquals(Set.of("RECOGNISED", "NOT_RECOGNISED", "WITHDRAWN", "PROPOSED", "IMPLEMENTING"),
                Set.copyOf(list.jsonPath().getList("items.status")));
        given().auth().oauth2(Tokens.viewer(ModelFixtures.XUAT_HOA)).queryParam("year", 2020)
                .queryParam("outstanding", true).get("/api/v1/models").then().body("items", hasSize(1))
                .body("items[0].orgType", equalTo("FATHERLAND_FRONT"));

        // Statistics of the ward in 2020: 7 registered, per organisation and field.
        for (String unit : List.of(ModelFixtures.XUAT_HOA, ModelFixtures.BAC_KAN_WARD, ModelFixtures.THAI_NGUYEN,
                ModelFixtures.BAC_KAN)) {
            given().auth().oauth2(Tokens.steering(ModelFixtures.THAI_NGUYEN)).queryParam("unit", unit)
                    .queryParam("year", 2020).get("/api/v1/model-statistics").then().statusCode(200)
                    .body("total", equalTo(7)).body("byOrgType.FATHERLAND_FRONT", equalTo(1))
                    .body("byOrgType.WOMENS_UNION", equalTo(1)).body("byOrgType.YOUTH_UNION", equalTo(1))
                    .body("byOrgType.FARMERS_ASSOCIATION", equalTo(1)).body("byOrgType.VETERANS_ASSOCIATION",
                            equalTo(1))
                    .body("byField.ECONOMIC", equalTo(2)).body("byField.CULTURE_SOCIAL", equalTo(2))
                    .body("byField.DEFENCE_SECURITY", equalTo(2)).body("byField.POLITICAL_SYSTEM", equalTo(1))
                    .body("byKind.INDIVIDUAL", equalTo(1)).body("byStatus.RECOGNISED", equalTo(3))
                    .body("byStatus.WITHDRAWN", equalTo(1)).body("recognised", equalTo(3))
                    .body("outstanding", equalTo(1)).body("recognitionRate", equalTo(0.5f))
                    // Old records still show the unit as it was.
                    .body("recordedUnits[0].unitCode", equalTo("01855"))
                    .body("recordedUnits[0].unitName", equalTo("Phường Xuất Hóa"));
        }
        // Thái Nguyên's breakdown per child unit puts them under today's Phường Bắc Kạn.
        given().auth().oauth2(Tokens.admin()).queryParam("unit", "19").queryParam("year", 2020)
                .get("/api/v1/model-statistics").then()
                .body("children.find { it.unitCode == '01843' }.total", equalTo(7))
                .body("children.find { it.unitCode == '05443' }.total", equalTo(0));
        // A model shows its unit as it was and the unit that carries it today.
        String anyId = outcomes.keySet().iterator().next();
        given().auth().oauth2(Tokens.unitOfficer(ModelFixtures.BAC_KAN_WARD)).get("/api/v1/models/" + anyId).then()
                .statusCode(200).body("unitCode", equalTo("01855")).body("unitName", equalTo("Phường Xuất Hóa"))
                .body("currentUnitCode", equalTo("01843")).body("currentUnitName", equalTo("Phường Bắc Kạn"));

        // CSV exports: UTF-8 with BOM, Vietnamese intact.
        byte[] csv = given().auth().oauth2(steering).queryParam("unit", "01855").queryParam("year", 2020)
                .get("/api/v1/models/export.csv").then().statusCode(200).contentType(startsWith("text/csv"))
                .extract().asByteArray();
        String text = new String(csv, StandardCharsets.UTF_8);
        assertTrue(text.startsWith("\uFEFF"), "BOM first");
        assertEquals(8, text.strip().split("\r\n").length, "header + 7 models");
        assertTrue(text.contains("Phường Xuất Hóa") && text.contains("Khu dân cư tự quản, đoàn kết (minh họa)"));
        String stats = new String(
                given().auth().oauth2(Tokens.steering("19")).queryParam("unit", "19").queryParam("year", 2020)
                        .get("/api/v1/model-statistics/export.csv").then().statusCode(200).extract().asByteArray(),
                StandardCharsets.UTF_8);
        assertTrue(stats.startsWith("\uFEFF"));
        assertTrue(stats.contains("Tổng,TOTAL,Tổng số mô hình,7"), stats);
        assertTrue(stats.contains("Lĩnh vực,ECONOMIC,Kinh tế,2"), stats);
        assertTrue(stats.contains("Đơn vị (khi đăng ký),01855,Phường Xuất Hóa,7"), stats);

        // The public view (no token) shows the three recognised models, nothing else.
        given().queryParam("unit", "19").queryParam("year", 2020).get("/api/v1/public/models").then()
                .statusCode(200).body("items", hasSize(3)).body("items.decisionNumber", hasItem("12/QĐ-BCĐ"));

        // The events a real Kafka consumer sees: keyed by model id, CloudEvents headers, snapshot in every payload.
        String withdrawnId = idOf(outcomes, XuatHoa2020.Outcome.WITHDRAWN);
        List<ConsumerRecord<String, String>> records = KafkaTestConsumer.poll(
                RealInfraResource.kafka().bootstrapServers(), Topics.MODEL.name(),
                r -> withdrawnId.equals(r.key())
                        && EventTypes.MODEL_WITHDRAWN.equals(KafkaTestConsumer.header(r, "ce_type")),
                Duration.ofSeconds(60));
        // Poll until every model's last event arrived (the relay publishes in commit order, per key in order).
        records = awaitAll(records, outcomes.keySet());
        Map<String, List<String>> typesByKey = new HashMap<>();
        for (ConsumerRecord<String, String> r : records) {
            if (outcomes.containsKey(r.key())) {
                typesByKey.computeIfAbsent(r.key(), k -> new ArrayList<>()).add(KafkaTestConsumer.header(r,
                        "ce_type"));
                assertEquals("/qcdc/model-registry-service", KafkaTestConsumer.header(r, "ce_source"));
                assertEquals(r.key(), mapper.readTree(r.value()).path("model").path("modelId").asText(),
                        "every payload carries the snapshot of the keyed model");
            }
        }
        assertEquals(7, typesByKey.size());
        String outstandingId = idOf(outcomes, XuatHoa2020.Outcome.RECOGNISED_OUTSTANDING);
        assertEquals(List.of(EventTypes.MODEL_REGISTERED, EventTypes.MODEL_STATUS_CHANGED,
                EventTypes.MODEL_RESULTS_REPORTED, EventTypes.MODEL_STATUS_CHANGED, EventTypes.MODEL_STATUS_CHANGED,
                EventTypes.MODEL_STATUS_CHANGED, EventTypes.MODEL_RECOGNISED), typesByKey.get(outstandingId));
        assertEquals(List.of(EventTypes.MODEL_REGISTERED, EventTypes.MODEL_STATUS_CHANGED,
                EventTypes.MODEL_WITHDRAWN), typesByKey.get(withdrawnId));
        assertTrue(typesByKey.get(idOf(outcomes, XuatHoa2020.Outcome.NOT_RECOGNISED))
                .contains(EventTypes.MODEL_NOT_RECOGNISED));
        ConsumerRecord<String, String> recognised = records.stream().filter(r -> outstandingId.equals(r.key())
                && EventTypes.MODEL_RECOGNISED.equals(KafkaTestConsumer.header(r, "ce_type"))).findFirst()
                .orElseThrow();
        var payload = mapper.readTree(recognised.value());
        assertTrue(payload.path("outstanding").asBoolean());
        assertEquals("RECOGNISED", payload.path("model").path("status").asText());
        assertEquals("01855", payload.path("model").path("unitCode").asText());
        ConsumerRecord<String, String> withdrawnChange = records.stream().filter(r -> withdrawnId.equals(r.key())
                && EventTypes.MODEL_STATUS_CHANGED.equals(KafkaTestConsumer.header(r, "ce_type")) && r.value()
                        .contains("WITHDRAWN"))
                .findFirst().orElseThrow();
        var change = mapper.readTree(withdrawnChange.value());
        assertEquals("REGISTERED", change.path("from").asText());
        assertEquals("WITHDRAWN", change.path("to").asText());
        assertEquals("Người thực hiện chuyển công tác (minh họa)", change.path("reason").asText());

        // The same models as demo data: loaded once through the service layer, a second load does nothing.
        assertEquals(7, demo.load());
        assertEquals(0, demo.load());
        given().auth().oauth2(Tokens.admin()).queryParam("unit", "01855").queryParam("year", 2020)
                .get("/api/v1/model-statistics").then().body("total", equalTo(14)).body("recognised", equalTo(6));
        given().auth().oauth2(Tokens.admin()).get("/api/v1/models/" + XuatHoa2020.MODELS.get(0).id()).then()
                .statusCode(200).body("status", equalTo("RECOGNISED")).body("outstanding", equalTo(true))
                .body("createdBy", containsString("minh họa"));
    }

    private List<ConsumerRecord<String, String>> awaitAll(List<ConsumerRecord<String, String>> first,
            Set<String> ids) {
        List<ConsumerRecord<String, String>> records = first;
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            Set<String> seen = records.stream().map(ConsumerRecord::key).collect(Collectors.toSet());
            long events = records.stream().filter(r -> ids.contains(r.key())).count();
            if (seen.containsAll(ids) && events >= EXPECTED_EVENTS) {
                return records;
            }
            records = KafkaTestConsumer.pollAll(RealInfraResource.kafka().bootstrapServers(), Topics.MODEL.name(),
                    Duration.ofSeconds(20));
        }
        return records;
    }

    /**
     * Events of the scenario: recognised ×3 → 7 each; not recognised → 7; proposed → 5; implementing → 3
     * (registered, started, reported); withdrawn → 3.
     */
    private static final int EXPECTED_EVENTS = 7 * 3 + 7 + 5 + 3 + 3;

    private static String idOf(Map<String, XuatHoa2020.Outcome> outcomes, XuatHoa2020.Outcome o) {
        return outcomes.entrySet().stream().filter(e -> e.getValue() == o).findFirst().orElseThrow().getKey();
    }

    private void play(String officer, String steering, String id, XuatHoa2020.ScenarioModel s) {
        if (s.outcome() == XuatHoa2020.Outcome.WITHDRAWN) {
            ModelFixtures
                    .post(officer, id, "withdrawal", "{\"reason\": \"Người thực hiện chuyển công tác (minh họa)\"}")
                    .then().statusCode(200).body("status", equalTo("WITHDRAWN"));
            return;
        }
        ModelFixtures.post(officer, id, "start", "{}").then().statusCode(200).body("status", equalTo("IMPLEMENTING"));
        String indicator = s.input().indicators().get(0).name();
        String values = "[{\"name\": \"" + indicator + "\", \"achieved\": " + s.input().indicators().get(0).target()
                + "}]";
        ModelFixtures.post(officer, id, "reports", "{\"summary\": \"Kết quả 9 tháng\", \"periodEnd\": \"2020-09-30\","
                + " \"indicatorValues\": " + values
                + ", \"evidence\": [{\"uri\": \"https://xuathoa.example/bc.pdf\"}]}")
                .then().statusCode(201);
        if (s.outcome() == XuatHoa2020.Outcome.IMPLEMENTING) {
            return;
        }
        ModelFixtures.post(officer, id, "self-evaluation", "{\"summary\": \"Đạt chỉ tiêu\", \"indicators\": " + values
                + "}").then().statusCode(200).body("status", equalTo("SELF_EVALUATED"));
        ModelFixtures.post(officer, id, "proposal", "{\"level\": \"COMMUNE\", \"unitCode\": \"01855\", \"body\":"
                + " \"Ban Chỉ đạo phường Xuất Hóa\"}").then().statusCode(200).body("status", equalTo("PROPOSED"));
        switch (s.outcome()) {
            case RECOGNISED, RECOGNISED_OUTSTANDING -> ModelFixtures.post(steering, id, "recognition",
                    "{\"decisionNumber\": \"12/QĐ-BCĐ\", \"decisionDate\": \"2020-12-15\", \"level\": \"COMMUNE\","
                            + " \"body\": \"Ban Chỉ đạo phường Xuất Hóa\", \"outstanding\": "
                            + (s.outcome() == XuatHoa2020.Outcome.RECOGNISED_OUTSTANDING) + "}")
                    .then().statusCode(200).body("status", equalTo("RECOGNISED"));
            case NOT_RECOGNISED -> ModelFixtures.post(steering, id, "rejection",
                    "{\"reason\": \"Chưa có số liệu minh chứng cụ thể\"}").then().statusCode(200)
                    .body("status", equalTo("NOT_RECOGNISED"));
            default -> {
            }
        }
    }

}
