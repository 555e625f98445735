package vn.qcdc.e2e;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import com.icegreen.greenmail.util.GreenMail;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

import vn.qcdc.infra.DevTokens;

/**
 * The reference scenario through the whole suite: the three packaged services, started by the real launcher on one
 * PostgreSQL and one Kafka broker, used over HTTP as portals and officers use them. Time is moved on every service
 * together (their clocks are adjustable in this environment only) instead of waiting for next month.
 *
 * <p>The Xuất Hóa conclusion issues five recommendations → notification-service plans follow-ups from the events →
 * reminders reach the ward's People's Committee by email (a real SMTP server), signed webhook (the receiver checks the
 * signature) and inbox (read through the API) → progress, completion and verification end a plan, no reminder after
 * → an overdue recommendation escalates to the steering committee above → a proposed model notifies steering and its
 * recognition notifies the Women's Union → the life cycles are taken to their other ends (cancellations, a
 * withdrawal, a refusal whose webhook notice fails for good) → every record the suite published on Kafka matches docs/api/events.asyncapi.yaml.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WholeSuiteScenarioTest {

    static final String XUAT_HOA = "01855";
    static final String CITY = "058";
    static final String UBND_USER = "ubnd-xuathoa";
    static final String CITY_STEERING_USER = "bcd-thanhpho-backan";
    static final String WARD_STEERING_USER = "bcd-xuathoa";
    static final String WOMEN_USER = "phunu-xuathoa";
    static final String UBND_EMAIL = "ubnd.xuathoa@example.vn";

    ChannelsSuite channels;
    RunningSuite suite;
    GreenMail smtp;
    SignedWebhookReceiver portal;
    final String admin = DevTokens.token("admin", null, null);
    final String steering = DevTokens.token("steering", "06", null);
    final String wardOfficer = DevTokens.token("unit-officer", XUAT_HOA, null);
    Map<String, String> recommendationByDue;

    @BeforeAll
    void startSuite() throws Exception {
        channels = new ChannelsSuite("qcdc-e2e-");
        suite = channels.suite;
        smtp = channels.smtp;
        portal = channels.portal;
        String secret = channels.webhookSecret;
        setClocks("2020-12-03T07:30:00+07:00");

        contact("GOVERNMENT", XUAT_HOA, "UBND phường Xuất Hóa", List.of(UBND_EMAIL),
                List.of(Map.of("url", portal.url("/hooks/xuat-hoa"), "secrets", List.of(secret))), List.of(UBND_USER));
        contact("STEERING_COMMITTEE", CITY, "Ban Chỉ đạo QCDC thành phố Bắc Kạn", List.of(), List.of(),
                List.of(CITY_STEERING_USER));
        contact("STEERING_COMMITTEE", XUAT_HOA, "Ban Chỉ đạo QCDC phường Xuất Hóa", List.of(), List.of(),
                List.of(WARD_STEERING_USER));
        contact("WOMENS_UNION", XUAT_HOA, "Hội LHPN phường Xuất Hóa", List.of(), List.of(), List.of(WOMEN_USER));
    }

    @AfterAll
    void stopSuite() throws Exception {
        if (channels != null) {
            channels.close();
        }
    }

    @Test
    @Order(1)
    void conclusionIssuesFiveRecommendationsAndEachGetsAFollowUpPlan() {
        String delegation = as(steering, suite.inspectionPort).body(Scenario.DELEGATION)
                .post("/api/v1/delegations").then().statusCode(201).extract().path("id");
        String inspection = as(steering, suite.inspectionPort).body(Scenario.inspection(delegation))
                .post("/api/v1/inspections").then().statusCode(201).extract().path("id");
        as(steering, suite.inspectionPort).body("{}").post("/api/v1/inspections/" + inspection + "/start").then()
                .statusCode(200);
        as(steering, suite.inspectionPort).body(Scenario.CONCLUSION)
                .post("/api/v1/inspections/" + inspection + "/conclusion").then().statusCode(200)
                .body("recommendationCount", equalTo(5));
        List<Map<String, Object>> recs = as(steering, suite.inspectionPort).queryParam("inspection", inspection)
                .get("/api/v1/recommendations").then().statusCode(200).extract().path("items");
        assertEquals(5, recs.size());
        recommendationByDue = new java.util.HashMap<>();
        recs.forEach(r -> recommendationByDue.merge((String) r.get("dueDate") + "/" + r.get("area"),
                (String) r.get("id"), (a, b) -> a));
        for (Map<String, Object> r : recs) {
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> as(admin, suite.notificationPort)
                    .get("/api/v1/followups/" + r.get("id")).then().statusCode(200));
        }
    }

    @Test
    @Order(2)
    void remindersReachTheWardByEmailSignedWebhookAndInbox() {
        // "Bổ sung số liệu minh chứng" is due 2021-01-31 (a Sunday): its 14-days-before reminder is on Friday the 15th.
        setClocks("2021-01-18T08:30:00+07:00");
        await().atMost(Duration.ofSeconds(60)).until(() -> smtp.getReceivedMessages().length >= 1);
        MimeMessage mail = smtp.getReceivedMessages()[0];
        assertTrue(Set.of(recipients(mail)).contains(UBND_EMAIL), "to the People's Committee of Xuất Hóa");
        await().atMost(Duration.ofSeconds(60)).until(() -> !portal.calls.isEmpty());
        assertTrue(portal.calls.stream().allMatch(SignedWebhookReceiver.Call::verified), "every webhook is signed");
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> inbox(UBND_USER).then().statusCode(200)
                .body("unreadCount", equalTo(1)));
    }

    @Test
    @Order(3)
    void verificationEndsThePlanAndNoReminderFollows() {
        String figures = recommendationByDue.get("2021-01-31/OTHER");
        as(wardOfficer, suite.inspectionPort).body(Scenario.PROGRESS)
                .post("/api/v1/recommendations/" + figures + "/progress").then().statusCode(200);
        as(wardOfficer, suite.inspectionPort).body(Scenario.COMPLETION)
                .post("/api/v1/recommendations/" + figures + "/completion").then().statusCode(200);
        as(steering, suite.inspectionPort).body("{\"note\": \"Đã kiểm tra\"}")
                .post("/api/v1/recommendations/" + figures + "/verify").then().statusCode(200)
                .body("status", equalTo("VERIFIED"));
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> as(admin, suite.notificationPort)
                .get("/api/v1/followups/" + figures).then().statusCode(200).body("status", equalTo("ENDED")));
        int before = deliveriesOf(figures);
        // Past the due date of the verified one, and at the 14-days-before reminder of a 31 March one (the fence:
        // once that one is delivered, a tick ran at this time).
        setClocks("2021-03-18T08:30:00+07:00");
        String plan = recommendationByDue.get("2021-03-31/OTHER");
        await().atMost(Duration.ofSeconds(60)).until(() -> deliveriesOf(plan) > 0);
        assertEquals(before, deliveriesOf(figures), "no reminder after verification");
    }

    @Test
    @Order(4)
    void anOverdueRecommendationEscalatesToTheSteeringCommitteeAbove() {
        // "Công khai đa dạng hơn" is due 2021-06-30 and nobody reports: 30 days overdue it escalates to the city.
        setClocks("2021-08-03T08:30:00+07:00");
        await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> inbox(CITY_STEERING_USER).then().statusCode(200)
                .body("items.kind", org.hamcrest.Matchers.hasItem("ESCALATION")));
        String disclosure = recommendationByDue.get("2021-06-30/PUBLIC_DISCLOSURE");
        as(admin, suite.notificationPort).get("/api/v1/followups/" + disclosure).then().statusCode(200)
                .body("escalatedTo", equalTo(CITY));
    }

    @Test
    @Order(5)
    void aProposedModelNotifiesSteeringAndItsRecognitionNotifiesTheOrganisation() {
        setClocks("2021-09-01T08:30:00+07:00");
        String officer = DevTokens.token("org-officer", XUAT_HOA, "WOMENS_UNION");
        String id = as(officer, suite.modelPort).body(Scenario.MODEL).post("/api/v1/models").then().statusCode(201)
                .extract().path("id");
        String values = "[{\"name\": \"Hội viên được vay vốn\", \"achieved\": 30}]";
        modelAction(officer, id, "start", "{}");
        as(officer, suite.modelPort).body("{\"summary\": \"Kết quả 9 tháng\", \"periodEnd\": \"2021-08-31\","
                + " \"indicatorValues\": " + values + "}").post("/api/v1/models/" + id + "/reports").then()
                .statusCode(201);
        modelAction(officer, id, "self-evaluation", "{\"summary\": \"Đạt chỉ tiêu\", \"indicators\": " + values + "}");
        modelAction(officer, id, "proposal",
                "{\"level\": \"COMMUNE\", \"unitCode\": \"01855\", \"body\": \"Ban Chỉ đạo phường Xuất Hóa\"}");
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> inbox(WARD_STEERING_USER).then().statusCode(200)
                .body("items.findAll { it.kind == 'MODEL_PROPOSED' }.size()", equalTo(1)));
        modelAction(steering, id, "recognition", "{\"decisionNumber\": \"12/QĐ-BCĐ\", \"decisionDate\": \"2021-09-01\","
                + " \"level\": \"COMMUNE\", \"body\": \"Ban Chỉ đạo phường Xuất Hóa\", \"outstanding\": true}");
        // The Women's Union also has reminders in its inbox (it is an addressee of the "Dân vận khéo" recommendation).
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> inbox(WOMEN_USER).then().statusCode(200)
                .body("items.findAll { it.kind == 'MODEL_RECOGNISED' }.size()", equalTo(1)));
    }

    @Test
    @Order(6)
    void cancellationsAWithdrawalAndARefusalPublishTheirEventsToo() {
        // Beyond the article: the ends of the life cycles the reference scenario does not reach, so that the events
        // they publish are checked against docs/api/events.asyncapi.yaml below as well.
        String figures = recommendationByDue.get("2021-01-31/OTHER");
        String inspection = as(steering, suite.inspectionPort).get("/api/v1/recommendations/" + figures).then()
                .statusCode(200).extract().path("inspectionId");
        List<Map<String, Object>> recs = as(steering, suite.inspectionPort).queryParam("inspection", inspection)
                .get("/api/v1/recommendations").then().statusCode(200).extract().path("items");
        String reason = "{\"reason\": \"Không còn phù hợp (minh họa)\"}";
        recs.stream().filter(r -> !"VERIFIED".equals(r.get("status"))).forEach(r -> as(steering, suite.inspectionPort)
                .body(reason).post("/api/v1/recommendations/" + r.get("id") + "/cancel").then().statusCode(200));
        as(steering, suite.inspectionPort).get("/api/v1/inspections/" + inspection).then().statusCode(200)
                .body("status", equalTo("CLOSED"));
        String delegation = as(steering, suite.inspectionPort).body(Scenario.DELEGATION).post("/api/v1/delegations")
                .then().statusCode(201).extract().path("id");
        String planned = as(steering, suite.inspectionPort).body(Scenario.inspection(delegation))
                .post("/api/v1/inspections").then().statusCode(201).extract().path("id");
        as(steering, suite.inspectionPort).body(reason).post("/api/v1/inspections/" + planned + "/cancel").then()
                .statusCode(200);

        String officer = DevTokens.token("org-officer", XUAT_HOA, "WOMENS_UNION");
        String withdrawn = as(officer, suite.modelPort).body(Scenario.MODEL).post("/api/v1/models").then()
                .statusCode(201).extract().path("id");
        as(officer, suite.modelPort).body(Scenario.MODEL.replace("Mô tả minh họa", "Mô tả đã sửa"))
                .put("/api/v1/models/" + withdrawn).then().statusCode(200);
        modelAction(officer, withdrawn, "withdrawal", reason);
        // The Youth Union's model is refused, and the Youth Union's webhook endpoint is gone (nothing listens on its
        // port): the notice of the refusal fails until the delivery gives up.
        String youth = DevTokens.token("org-officer", XUAT_HOA, "YOUTH_UNION");
        String secret = channels.webhookSecret;
        contact("YOUTH_UNION", XUAT_HOA, "Đoàn Thanh niên phường Xuất Hóa", List.of(), List.of(Map.of("url",
                "http://127.0.0.1:" + vn.qcdc.infra.FreePorts.find() + "/hooks/gone", "secrets", List.of(secret))),
                List.of());
        String refused = as(youth, suite.modelPort).body(Scenario.MODEL.replace("WOMENS_UNION", "YOUTH_UNION")
                .replace("Hội Liên hiệp Phụ nữ", "Đoàn Thanh niên")).post("/api/v1/models").then().statusCode(201)
                .extract().path("id");
        String values = "[{\"name\": \"Hội viên được vay vốn\", \"achieved\": 5}]";
        modelAction(youth, refused, "start", "{}");
        modelAction(youth, refused, "self-evaluation", "{\"summary\": \"Chưa đạt\", \"indicators\": " + values
                + "}");
        modelAction(youth, refused, "proposal",
                "{\"level\": \"COMMUNE\", \"unitCode\": \"01855\", \"body\": \"Ban Chỉ đạo phường Xuất Hóa\"}");
        modelAction(steering, refused, "rejection", reason);
        // Each retry waits (at most 6 h, plus jitter): move time on by half a day until the delivery has given up.
        java.time.OffsetDateTime now = java.time.OffsetDateTime.parse("2021-09-01T08:30:00+07:00");
        for (int i = 1; i <= 12 && failedWebhooks() == 0; i++) {
            setClocks(now.plusHours(12L * i).toString());
            int step = i;
            await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> failedWebhooks() > 0 || step < 12 && attemptsOfFailingWebhook() >= step);
        }
        assertEquals(1, failedWebhooks(), "the notice to the gone endpoint gave up");
    }

    int failedWebhooks() {
        List<?> items = as(admin, suite.notificationPort).queryParam("channel", "WEBHOOK").queryParam("status",
                "FAILED").get("/api/v1/deliveries").then().statusCode(200).extract().path("items");
        return items.size();
    }

    int attemptsOfFailingWebhook() {
        List<Integer> attempts = as(admin, suite.notificationPort).queryParam("channel", "WEBHOOK")
                .queryParam("status", "PENDING").queryParam("kind", "MODEL_NOT_RECOGNISED").get("/api/v1/deliveries")
                .then().statusCode(200).extract().path("items.attempts");
        return attempts.stream().mapToInt(Integer::intValue).max().orElse(0);
    }

    @Test
    @Order(7)
    void everyEventTheSuitePublishedMatchesTheAsyncApiDocument() throws Exception {
        Set<String> mustSee = new java.util.TreeSet<>(EventContract.REFERENCE_SCENARIO_TYPES);
        mustSee.addAll(Set.of("vn.qcdc.recommendation.cancelled.v1", "vn.qcdc.inspection.closed.v1",
                "vn.qcdc.inspection.cancelled.v1", "vn.qcdc.model.updated.v1", "vn.qcdc.model.withdrawn.v1",
                "vn.qcdc.model.not-recognised.v1", "vn.qcdc.notification.delivery-failed.v1"));
        EventContract.assertPublishedEventsConform("localhost:" + suite.kafkaPort, mustSee);
    }

    // --- helpers ---

    RequestSpecification as(String token, int port) {
        return given().port(port).auth().oauth2(token).contentType(ContentType.JSON);
    }

    void setClocks(String now) {
        for (int port : suite.servicePorts()) {
            as(admin, port).body("{\"now\": \"" + now + "\"}").put("/api/v1/admin/clock").then().statusCode(200)
                    .body("adjustable", equalTo(true));
        }
    }

    void contact(String bodyType, String unit, String name, List<String> emails, List<Map<String, Object>> webhooks,
            List<String> inboxUsers) {
        Map<String, Object> body = Map.of("bodyType", bodyType, "unitCode", unit, "name", name, "language", "vi",
                "emails", emails, "webhooks", webhooks, "inboxUsers", inboxUsers);
        as(admin, suite.notificationPort).body(body).post("/api/v1/contacts").then().statusCode(201);
    }

    Response inbox(String user) {
        String token = DevTokens.token(DevTokens.TokenSpec.of("unit-officer", XUAT_HOA, null).withSubject(user));
        return given().port(suite.notificationPort).auth().oauth2(token).get("/api/v1/inbox");
    }

    int deliveriesOf(String recommendationId) {
        List<?> items = as(admin, suite.notificationPort).queryParam("recommendationId", recommendationId)
                .queryParam("limit", 200).get("/api/v1/deliveries").then().statusCode(200).extract().path("items");
        return items.size();
    }

    void modelAction(String token, String id, String action, String body) {
        as(token, suite.modelPort).body(body).post("/api/v1/models/" + id + "/" + action).then().statusCode(200);
    }

    static String[] recipients(MimeMessage m) {
        try {
            return java.util.Arrays.stream(m.getAllRecipients()).map(Object::toString).toArray(String[]::new);
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}
