package vn.qcdc.notification.digest;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.TemporalAdjusters;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

import vn.qcdc.api.time.ClockProducer;
import vn.qcdc.events.EventTypes;
import vn.qcdc.events.Topics;
import vn.qcdc.notification.Events;
import vn.qcdc.notification.MutableClock;
import vn.qcdc.notification.Probe;
import vn.qcdc.notification.contact.ContactFixtures;
import vn.qcdc.notification.delivery.DeliveryWorker;
import vn.qcdc.notification.followup.WorkingCalendar;
import vn.qcdc.testsupport.Tokens;

/**
 * The digest choice through the contacts API (validated, problem+json in the caller's language) and a weekly digest
 * in English: on the first working day of the week, once in that week.
 */
@QuarkusTest
class DigestChoiceTest {

    private static final String EMAIL = "government@thanhpho.backan.example.vn";
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("dd/MM/yyyy");

    @Inject
    DigestSender digests;

    @Inject
    DeliveryWorker worker;

    @Inject
    WorkingCalendar calendar;

    @Inject
    EntityManager em;

    @Test
    void aDigestNeedsAnEmailOrAnInboxAndAKnownFrequency() {
        String webhookOnly = ContactFixtures.contact("GOVERNMENT", ContactFixtures.DIEN_BIEN, "UBND tỉnh Điện Biên",
                null, "https://portal.dienbien.example.vn/hook", null)
                .replace("\"language\": \"vi\",", "\"language\": \"vi\", \"digest\": \"WEEKLY\",");
        given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON).body(webhookOnly).post("/api/v1/contacts")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("digest"))
                .body("errors[0].message", containsString("Bản tin tổng hợp gửi qua email và hộp thư"));
        given().auth().oauth2(Tokens.admin()).header("Accept-Language", "en").contentType(ContentType.JSON)
                .body(webhookOnly).post("/api/v1/contacts").then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("digest"))
                .body("errors[0].message", containsString("Digests go by email and inbox"));
        given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON)
                .body(webhookOnly.replace("WEEKLY", "HOURLY")).post("/api/v1/contacts").then().statusCode(400)
                .contentType("application/problem+json");
    }

    @Test
    void aWeeklyDigestInEnglishGoesOutOnTheFirstWorkingDayOfTheWeekOnce() throws Exception {
        String body = ContactFixtures.contact("GOVERNMENT", ContactFixtures.BAC_KAN_CITY,
                "People's Committee of Bac Kan city", EMAIL, null, null)
                .replace("\"language\": \"vi\",", "\"language\": \"en\", \"digest\": \"WEEKLY\",");
        String id = ContactFixtures.create(body);
        try {
            given().auth().oauth2(Tokens.admin()).get("/api/v1/contacts/" + id).then().statusCode(200)
                    .body("digest", equalTo("WEEKLY")).body("language", equalTo("en"));
            UUID rec = UUID.randomUUID();
            Events.send(Topics.INSPECTION.name(), EventTypes.RECOMMENDATION_ISSUED, rec.toString(),
                    Events.recommendationIssued(rec, ContactFixtures.BAC_KAN_CITY, "GOVERNMENT",
                            MutableClock.now().toLocalDate().plusDays(10), "Publish the city budget"));
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> given().auth().oauth2(Tokens.admin())
                    .get("/api/v1/followups/" + rec).then().statusCode(200));

            // the first working day of next week, then a later working day of the same week
            LocalDate monday = MutableClock.now().toLocalDate().with(TemporalAdjusters.next(DayOfWeek.MONDAY));
            LocalDate first = monday;
            while (!calendar.isWorkingDay(first)) {
                first = first.plusDays(1);
            }
            assertTrue(first.isBefore(monday.plusDays(7)), "a week without working days: " + monday);
            MutableClock.moveTo(first.atTime(LocalTime.of(8, 0)).atZone(ClockProducer.VIETNAM).toOffsetDateTime());
            digests.run();
            digests.run();
            worker.runOnce();
            String subject = "Weekly reminder digest from " + DAY.format(first);
            DigestTest.awaitEmail(worker, EMAIL, subject);
            assertEquals(1, Probe.emailsTo(EMAIL, "Weekly reminder digest"));
            String text = DigestTest.bodyOf(subject);
            assertTrue(text.startsWith("Dear People's Committee of Bac Kan city,"), text);
            assertTrue(text.contains("Publish the city budget"), text);

            LocalDate later = first.plusDays(1);
            while (!calendar.isWorkingDay(later) && later.isBefore(monday.plusDays(7))) {
                later = later.plusDays(1);
            }
            MutableClock.moveTo(later.atTime(LocalTime.of(9, 0)).atZone(ClockProducer.VIETNAM).toOffsetDateTime());
            digests.run();
            worker.runOnce();
            assertEquals(1, Probe.emailsTo(EMAIL, "Weekly reminder digest"), "once a week");
            assertEquals(1L, QuarkusTransaction.requiringNew().call(() -> ((Number) em
                    .createNativeQuery("SELECT count(*) FROM digest_run WHERE contact_id = CAST(?1 AS uuid)")
                    .setParameter(1, id).getSingleResult()).longValue()));
        } finally {
            // other tests count what runs send: leave no digest contact behind
            String etag = given().auth().oauth2(Tokens.admin()).get("/api/v1/contacts/" + id).then().extract()
                    .header("ETag");
            given().auth().oauth2(Tokens.admin()).header("If-Match", etag).delete("/api/v1/contacts/" + id).then()
                    .statusCode(204);
        }
    }
}
