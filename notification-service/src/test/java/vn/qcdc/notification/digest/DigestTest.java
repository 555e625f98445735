package vn.qcdc.notification.digest;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import jakarta.inject.Inject;
import jakarta.mail.internet.MimeMessage;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;

import vn.qcdc.api.time.ClockProducer;
import vn.qcdc.events.EventTypes;
import vn.qcdc.events.Topics;
import vn.qcdc.infra.DevTokens;
import vn.qcdc.notification.Events;
import vn.qcdc.notification.MutableClock;
import vn.qcdc.notification.Probe;
import vn.qcdc.notification.SmtpServerResource;
import vn.qcdc.notification.calendar.LunarCalendar;
import vn.qcdc.notification.contact.ContactFixtures;
import vn.qcdc.notification.delivery.DeliveryWorker;
import vn.qcdc.notification.followup.FollowUpTick;
import vn.qcdc.notification.followup.WorkingCalendar;
import vn.qcdc.testsupport.Tokens;

/**
 * Digests against the real database, broker and SMTP server, with the service's clock moved by the test: the
 * government of Xuất Hóa ward chose a daily digest. Its reminders are not sent one by one; at 08:00 of a working day
 * one digest in Vietnamese lists what is overdue, new and due, once even with two replicas claiming at the same
 * moment; nothing goes out before 08:00, on a weekend or on Tết; the next working day after Tết has its digest.
 */
@QuarkusTest
class DigestTest {

    private static final String EMAIL = "ubnd@xuathoa.example.vn";
    private static final String INBOX_USER = "ubnd-xuat-hoa";
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("dd/MM/yyyy");

    @Inject
    DigestSender digests;

    @Inject
    FollowUpTick tick;

    @Inject
    DeliveryWorker worker;

    @Inject
    WorkingCalendar calendar;

    @Inject
    EntityManager em;

    @Test
    void aDailyDigestGoesOutOnceAt0800OnWorkingDaysAndFoldsTheReminders() throws Exception {
        String contact = ContactFixtures.create(ContactFixtures.contact("GOVERNMENT", ContactFixtures.XUAT_HOA,
                "Ủy ban nhân dân phường Xuất Hóa", EMAIL, null, INBOX_USER).replace("\"language\": \"vi\",",
                        "\"language\": \"vi\", \"digest\": \"DAILY\","));
        given().auth().oauth2(Tokens.admin()).get("/api/v1/contacts/" + contact).then().statusCode(200)
                .body("digest", org.hamcrest.Matchers.equalTo("DAILY"));

        LocalDate today = MutableClock.now().toLocalDate();
        // a working day at least two days ahead, so its due-date reminder lies in the future
        LocalDate dueB = calendar.onOrAfter(today.plusDays(2));
        UUID recB = issue("Công khai dự toán ngân sách phường tại trụ sở và nhà văn hóa các tổ dân phố", dueB);
        UUID recA = issue("Lấy ý kiến Nhân dân về quy chế dân chủ ở tổ dân phố", dueB.plusDays(12));

        // The reminder on recB's due date is due: the step runs, but the digest contact gets nothing on its own.
        MutableClock.moveTo(Probe.stepDue(recB, "/due").plusMinutes(1));
        tick.tick();
        worker.runOnce();
        List<Map<String, Object>> steps = Probe.plan(recB).getList("steps");
        Map<String, Object> dueStep = steps.stream().filter(s -> ((String) s.get("step")).endsWith("/due"))
                .findFirst().orElseThrow();
        assertEquals("DONE", dueStep.get("status"), steps.toString());
        assertEquals(0, dueStep.get("deliveries"), "the reminder is folded into the digest: " + steps);
        assertEquals(0, Probe.emailsTo(EMAIL, "Nhắc việc:"));

        // The first working day after recB's deadline: recB is overdue; recC is issued just before 08:00 (new).
        LocalDate d = calendar.onOrAfter(dueB.plusDays(1));
        MutableClock.moveTo(at(d, LocalTime.of(7, 50)));
        UUID recC = issue("Xây dựng mô hình Dân vận khéo về chuyển đổi số ở tổ dân phố", d.plusDays(60));
        MutableClock.moveTo(at(d, LocalTime.of(7, 59)));
        assertEquals(0, digests.run(), "not before 08:00");
        assertEquals(0, runs(contact));

        // 08:00: two replicas claim at the same moment; one digest.
        MutableClock.moveTo(at(d, LocalTime.of(8, 0)));
        assertEquals(1, racingRuns(), "exactly one of two concurrent claimers sends");
        assertEquals(0, digests.run(), "a later run sends nothing more");
        worker.runOnce();
        String subject = "Bản tin nhắc việc ngày " + DAY.format(d);
        awaitEmail(worker, EMAIL, subject);
        assertEquals(1, runs(contact));
        String body = bodyOf(subject);
        int overdue = body.indexOf("Quá hạn (");
        int fresh = body.indexOf("Kiến nghị mới được giao (");
        assertTrue(body.startsWith("Kính gửi Ủy ban nhân dân phường Xuất Hóa,"), body);
        assertTrue(overdue >= 0 && fresh > overdue, body);
        assertTrue(body.indexOf("Công khai dự toán ngân sách phường") > overdue
                && body.indexOf("Công khai dự toán ngân sách phường") < fresh, "recB is listed as overdue: " + body);
        assertTrue(body.contains("hạn " + DAY.format(dueB) + ", đã quá hạn"), body);
        assertTrue(body.indexOf("Xây dựng mô hình Dân vận khéo về chuyển đổi số") > fresh, "recC is new: " + body);
        assertTrue(body.contains("Lấy ý kiến Nhân dân về quy chế dân chủ"), "recA is due (or new): " + body);
        String token = Tokens.of(DevTokens.TokenSpec.of("unit-officer", ContactFixtures.XUAT_HOA, null)
                .withSubject(INBOX_USER));
        List<String> titles = given().auth().oauth2(token).get("/api/v1/inbox").then().statusCode(200).extract()
                .jsonPath().getList("items.title");
        assertEquals(1, titles.stream().filter(t -> t.startsWith(subject)).count(), titles.toString());

        // A weekend day: no digest, whatever the hour.
        LocalDate weekend = d.plusDays(1);
        while (calendar.isWorkingDay(weekend) || weekend.getDayOfWeek().getValue() < DayOfWeek.SATURDAY.getValue()) {
            weekend = weekend.plusDays(1);
        }
        MutableClock.moveTo(at(weekend, LocalTime.of(8, 30)));
        tick.tick();
        assertEquals(0, digests.run(), "no digest on " + weekend);

        // Tết: a weekday among the days off of the next lunar new year.
        LocalDate tet = tetWeekday(weekend);
        MutableClock.moveTo(at(tet, LocalTime.of(8, 30)));
        tick.tick();
        assertEquals(0, digests.run(), "no digest on Tết, " + tet);
        assertEquals(1, runs(contact), "only the digest of " + d);

        // The first working day after Tết has its digest, once.
        LocalDate after = calendar.onOrAfter(tet);
        MutableClock.moveTo(at(after, LocalTime.of(8, 0)));
        tick.tick();
        assertEquals(1, digests.run());
        assertEquals(0, digests.run());
        worker.runOnce();
        String afterSubject = "Bản tin nhắc việc ngày " + DAY.format(after);
        awaitEmail(worker, EMAIL, afterSubject);
        assertEquals(2, runs(contact));

        // Through all these weeks of reminders and overdue reminders, none went to the contact on its own.
        assertEquals(0, Probe.emailsTo(EMAIL, "Nhắc việc:"));
        assertEquals(0, Probe.emailsTo(EMAIL, "Quá hạn"));
        assertTrue(Probe.plan(recA).getList("steps.findAll { it.status == 'DONE' }").size() > 0);
        assertTrue(recC != null);
    }

    private UUID issue(String content, LocalDate due) {
        UUID rec = UUID.randomUUID();
        Events.send(Topics.INSPECTION.name(), EventTypes.RECOMMENDATION_ISSUED, rec.toString(),
                Events.recommendationIssued(rec, ContactFixtures.XUAT_HOA, "GOVERNMENT", due, content));
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> given().auth().oauth2(Tokens.admin())
                .get("/api/v1/followups/" + rec).then().statusCode(200));
        return rec;
    }

    /**
     * Waits until the SMTP server has the email, then checks there is exactly one. On a loaded machine an SMTP
     * attempt can run out of its deadline and the delivery waits for its backoff on the business clock, so the wait
     * moves the clock a minute at a time (within the morning) and runs the worker again.
     */
    static void awaitEmail(DeliveryWorker worker, String address, String subject) {
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(2)).until(() -> {
            if (Probe.emailsTo(address, subject) > 0) {
                return true;
            }
            MutableClock.advance(Duration.ofMinutes(1));
            worker.runOnce();
            return false;
        });
        assertEquals(1, Probe.emailsTo(address, subject), subject);
    }

    /** Two claimers (two replicas) run at the same moment; returns how many digests they sent together. */
    private int racingRuns() throws Exception {
        CyclicBarrier start = new CyclicBarrier(2);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<CompletableFuture<Integer>> runs = List.of(1, 2).stream()
                    .map(i -> CompletableFuture.supplyAsync(() -> {
                        try {
                            start.await();
                        } catch (Exception e) {
                            throw new IllegalStateException(e);
                        }
                        return digests.run();
                    }, pool)).toList();
            int sum = 0;
            for (CompletableFuture<Integer> r : runs) {
                sum += r.get();
            }
            return sum;
        } finally {
            pool.shutdownNow();
        }
    }

    private long runs(String contact) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em
                .createNativeQuery("SELECT count(*) FROM digest_run WHERE contact_id = CAST(?1 AS uuid)")
                .setParameter(1, contact).getSingleResult()).longValue());
    }

    static String bodyOf(String subject) throws Exception {
        MimeMessage m = Arrays.stream(SmtpServerResource.server().getReceivedMessages()).filter(x -> {
            try {
                return x.getSubject().contains(subject);
            } catch (Exception e) {
                return false;
            }
        }).findFirst().orElseThrow();
        Object content = m.getContent();
        return content instanceof String s ? s.replace("\r\n", "\n") : String.valueOf(content);
    }

    private static OffsetDateTime at(LocalDate d, LocalTime t) {
        return d.atTime(t).atZone(ClockProducer.VIETNAM).toOffsetDateTime();
    }

    /** A Monday-to-Friday day off of the first Tết after {@code from}. */
    private LocalDate tetWeekday(LocalDate from) {
        for (int year = from.getYear(); year <= from.getYear() + 2; year++) {
            LocalDate newYear = LunarCalendar.newYear(year);
            for (LocalDate x = newYear.minusDays(1); x.isBefore(newYear.plusDays(5)); x = x.plusDays(1)) {
                if (x.isAfter(from) && x.getDayOfWeek().getValue() <= 5 && !calendar.isWorkingDay(x)) {
                    return x;
                }
            }
        }
        throw new AssertionError("no Tết weekday after " + from);
    }
}
