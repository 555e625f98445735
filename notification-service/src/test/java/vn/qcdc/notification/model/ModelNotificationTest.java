package vn.qcdc.notification.model;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.MonthDay;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;

import vn.qcdc.events.EventTypes;
import vn.qcdc.events.Topics;
import vn.qcdc.infra.DevTokens;
import vn.qcdc.notification.Events;
import vn.qcdc.notification.MutableClock;
import vn.qcdc.notification.Probe;
import vn.qcdc.notification.contact.ContactFixtures;
import vn.qcdc.notification.delivery.DeliveryWorker;
import vn.qcdc.notification.followup.FollowUpTick;
import vn.qcdc.testsupport.Tokens;

/**
 * "Dân vận khéo" models: the steering committee hears of a proposal, the organisation of the recognition; the yearly
 * self-evaluation reminder goes out once; and an inbox shows only its owner's notifications.
 */
@QuarkusTest
class ModelNotificationTest {

    static final String STEERING_USER = "pho-truong-ban-bcd-xuat-hoa";
    static final String UNION_EMAIL = "congdoan@xuathoa.example.vn";

    @Inject
    FollowUpTick tick;

    @Inject
    DeliveryWorker worker;

    static String snapshot(UUID id, String name, String status) {
        return """
                {"modelId": "%s", "name": "%s", "unitCode": "01855", "orgType": "TRADE_UNION", "year": 2020,
                 "field": "Kinh tế", "kind": "COLLECTIVE", "status": "%s", "outstanding": false}
                """.formatted(id, name, status);
    }

    @Inject
    EntityManager em;

    long count(String sql, Object arg) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(sql)
                .setParameter(1, arg).getSingleResult()).longValue());
    }

    @Test
    void steeringHearsOfAProposalAndTheOrganisationOfTheRecognition() {
        ContactFixtures.create(ContactFixtures.contact("STEERING_COMMITTEE", ContactFixtures.XUAT_HOA,
                "Ban Chỉ đạo QCDC phường Xuất Hóa", null, null, STEERING_USER));
        ContactFixtures.create(ContactFixtures.contact("TRADE_UNION", ContactFixtures.XUAT_HOA,
                "Công đoàn phường Xuất Hóa", UNION_EMAIL, null, null));
        UUID model = UUID.randomUUID();
        String name = "Nhóm hộ nuôi ong minh họa " + model.toString().substring(0, 8);
        String proposed = "{\"model\": " + snapshot(model, name, "PROPOSED")
                + ", \"from\": \"SUBMITTED\", \"to\": \"PROPOSED\", \"reason\": null, \"changedBy\": \"Cán bộ\"}";
        String eventId = Events.send(Topics.MODEL.name(), EventTypes.MODEL_STATUS_CHANGED, model.toString(),
                proposed);
        Events.sendWithId(eventId, Topics.MODEL.name(), EventTypes.MODEL_STATUS_CHANGED, model.toString(), proposed);
        String steering = Tokens.of(DevTokens.TokenSpec.of("steering", ContactFixtures.XUAT_HOA, null)
                .withSubject(STEERING_USER));
        // The inbox entry is written in the transaction that processes the event: once the event is recorded as
        // processed, the entry exists, without waiting for the delivery worker.
        await().atMost(Duration.ofSeconds(60)).until(() -> count(
                "SELECT count(*) FROM processed_event WHERE event_id = ?1", eventId) == 1);
        assertEquals(1, count("SELECT count(*) FROM inbox_item WHERE user_subject = ?1", STEERING_USER));
        assertEquals(1, count("SELECT count(*) FROM delivery WHERE recipient = ?1 AND channel = 'INBOX'"
                + " AND status = 'SENT' AND attempts = 1", STEERING_USER));
        worker.runOnce();
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> given().auth().oauth2(steering)
                .get("/api/v1/inbox").then().statusCode(200).body("items.size()", equalTo(1))
                .body("items[0].kind", equalTo("MODEL_PROPOSED"))
                .body("items[0].title", org.hamcrest.Matchers.containsString(name)));

        // inbox: only its owner sees or marks it
        String itemId = given().auth().oauth2(steering).get("/api/v1/inbox").then().extract().path("items[0].id");
        String other = Tokens.of(DevTokens.TokenSpec.of("steering", ContactFixtures.XUAT_HOA, null)
                .withSubject("someone-else"));
        given().auth().oauth2(other).get("/api/v1/inbox").then().statusCode(200).body("items.size()", equalTo(0))
                .body("unreadCount", equalTo(0));
        given().auth().oauth2(other).post("/api/v1/inbox/" + itemId + "/read").then().statusCode(404)
                .contentType("application/problem+json");
        given().auth().oauth2(Tokens.admin()).post("/api/v1/inbox/" + itemId + "/read").then().statusCode(404);
        given().auth().oauth2(steering).post("/api/v1/inbox/" + itemId + "/read").then().statusCode(200)
                .body("readAt", org.hamcrest.Matchers.notNullValue());
        given().auth().oauth2(steering).get("/api/v1/inbox").then().body("unreadCount", equalTo(0));
        given().auth().oauth2(steering).post("/api/v1/inbox/read-all").then().statusCode(200)
                .body("marked", equalTo(0));

        String recognised = "{\"model\": " + snapshot(model, name, "RECOGNISED") + ", \"decisionNumber\":"
                + " \"123/QĐ-BCĐ\", \"decisionDate\": \"2021-01-20\", \"recognisingLevel\": \"PROVINCE\","
                + " \"recognisingBody\": \"Ban Chỉ đạo tỉnh\", \"outstanding\": true}";
        Events.send(Topics.MODEL.name(), EventTypes.MODEL_RECOGNISED, model.toString(), recognised);
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            worker.runOnce();
            return Probe.emailsTo(UNION_EMAIL, name) == 1;
        });
    }

    @Test
    void organisationsAreRemindedToSelfEvaluateOnceAYear() {
        String email = "phunu-tdg@dienbien.example.vn";
        ContactFixtures.create(ContactFixtures.contact("WOMENS_UNION", ContactFixtures.DIEN_BIEN,
                "Hội LHPN tỉnh Điện Biên", email, null, null));
        OffsetDateTime now = MutableClock.now();
        OffsetDateTime day = MonthDay.of(11, 15).atYear(now.getYear()).atTime(8, 1).atOffset(ZoneOffset.ofHours(7));
        if (!day.isAfter(now)) {
            day = day.plusYears(1);
        }
        MutableClock.moveTo(day);
        int year = day.getYear();
        tick.tick();
        tick.tick();
        worker.runOnce();
        await().atMost(Duration.ofSeconds(30)).until(() -> Probe.emailsTo(email, "năm " + year) == 1);
        tick.tick();
        worker.runOnce();
        assertEquals(1, Probe.emailsTo(email, "năm " + year));
    }
}
