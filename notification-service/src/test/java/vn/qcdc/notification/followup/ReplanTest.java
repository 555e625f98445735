package vn.qcdc.notification.followup;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

import vn.qcdc.events.EventTypes;
import vn.qcdc.events.Topics;
import vn.qcdc.notification.Events;
import vn.qcdc.notification.MutableClock;
import vn.qcdc.notification.Probe;
import vn.qcdc.notification.contact.ContactFixtures;
import vn.qcdc.testsupport.KafkaTestConsumer;
import vn.qcdc.testsupport.Tokens;

/** A deadline change re-plans for the new date; cancellation ends the plan; an invalid event is dead-lettered. */
@QuarkusTest
class ReplanTest {

    @Test
    void deadlineChangeReplansAndCancellationEnds() {
        UUID rec = UUID.randomUUID();
        LocalDate due = MutableClock.now().toLocalDate().plusDays(30);
        Events.send(Topics.INSPECTION.name(), EventTypes.RECOMMENDATION_ISSUED, rec.toString(),
                Events.recommendationIssued(rec, ContactFixtures.XUAT_HOA, "GOVERNMENT", due,
                        "Kiện toàn Ban Thanh tra nhân dân"));
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> given().auth().oauth2(Tokens.admin())
                .get("/api/v1/followups/" + rec).then().statusCode(200));
        LocalDate later = due.plusDays(45);
        Events.send(Topics.INSPECTION.name(), EventTypes.RECOMMENDATION_DEADLINE_CHANGED, rec.toString(),
                ("{\"recommendationId\": \"%s\", \"unitCode\": \"01855\", \"previousDueDate\": \"%s\","
                        + " \"dueDate\": \"%s\", \"reason\": \"Chờ kinh phí\"}").formatted(rec, due, later));
        await().atMost(Duration.ofSeconds(30)).until(() -> later.toString().equals(Probe.plan(rec).getString(
                "dueDate")));
        JsonPath p = Probe.plan(rec);
        List<String> steps = p.getList("steps.step");
        assertTrue(steps.stream().allMatch(s -> s.startsWith(later.toString())), steps.toString());
        assertEquals(6, steps.size());

        Events.send(Topics.INSPECTION.name(), EventTypes.RECOMMENDATION_CANCELLED, rec.toString(),
                "{\"recommendationId\": \"%s\", \"unitCode\": \"01855\", \"reason\": \"Trùng kiến nghị\"}"
                        .formatted(rec));
        await().atMost(Duration.ofSeconds(30)).until(() -> "ENDED".equals(Probe.plan(rec).getString("status")));
        JsonPath ended = Probe.plan(rec);
        assertEquals("CANCELLED", ended.getString("endReason"));
        assertTrue(ended.getList("steps.status").stream().allMatch("CANCELLED"::equals));
    }

    @Test
    void anIssuedEventWithoutDueDateIsDeadLettered() {
        UUID rec = UUID.randomUUID();
        String bad = Events.recommendationIssued(rec, ContactFixtures.XUAT_HOA, "GOVERNMENT",
                LocalDate.of(2021, 3, 31), "x").replace("\"dueDate\": \"2021-03-31\"", "\"dueDate\": null");
        String id = Events.send(Topics.INSPECTION.name(), EventTypes.RECOMMENDATION_ISSUED, rec.toString(), bad);
        String dlq = Topics.deadLetterOf("notification-service");
        var records = KafkaTestConsumer.poll(Events.bootstrap(), dlq,
                r -> id.equals(KafkaTestConsumer.header(r, "ce_id")), Duration.ofSeconds(60));
        assertTrue(records.stream().anyMatch(r -> id.equals(KafkaTestConsumer.header(r, "ce_id"))),
                "dead-lettered with its reason");
        given().auth().oauth2(Tokens.admin()).get("/api/v1/followups/" + rec).then().statusCode(404);
    }
}
