package vn.qcdc.notification.followup;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URL;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

import vn.qcdc.events.EventTypes;
import vn.qcdc.events.Topics;
import vn.qcdc.notification.Events;
import vn.qcdc.notification.MutableClock;
import vn.qcdc.notification.Probe;
import vn.qcdc.notification.contact.ContactFixtures;
import vn.qcdc.notification.delivery.DeliveryWorker;

/**
 * Two replicas side by side: two ticks and two delivery workers run at the same moment (besides the scheduled ones)
 * over the same due reminders, and every reminder reaches every recipient on every channel exactly once.
 */
@QuarkusTest
class ExactlyOnceTest {

    /** Liveness is on the management interface. */
    @TestHTTPResource(value = "/", management = true)
    URL management;

    static final String EMAIL = "ttnd@xuathoa.example.vn";

    @Inject
    FollowUpTick tick;

    @Inject
    DeliveryWorker worker;

    @Inject
    EntityManager em;

    long count(String sql, List<UUID> recs) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(sql)
                .setParameter(1, recs.stream().map(UUID::toString).toList()).getSingleResult()).longValue());
    }

    <T> List<T> concurrently(int threads, Callable<T> task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return task.call();
                }));
            }
            start.countDown();
            List<T> out = new ArrayList<>();
            for (Future<T> f : futures) {
                out.add(f.get());
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void twoConcurrentTicksAndWorkersSendEachReminderOnce() throws Exception {
        ContactFixtures.create(ContactFixtures.contact("PEOPLES_INSPECTION_BOARD", ContactFixtures.XUAT_HOA,
                "Ban Thanh tra nhân dân phường Xuất Hóa", EMAIL, null, "truong-ban-ttnd-xuat-hoa"));
        LocalDate due = MutableClock.now().toLocalDate().plusDays(40);
        List<UUID> recs = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            UUID rec = UUID.randomUUID();
            recs.add(rec);
            Events.send(Topics.INSPECTION.name(), EventTypes.RECOMMENDATION_ISSUED, rec.toString(),
                    Events.recommendationIssued(rec, ContactFixtures.XUAT_HOA, "PEOPLES_INSPECTION_BOARD", due,
                            "Kiến nghị số " + (i + 1) + " về công khai, minh bạch"));
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> count(
                "SELECT count(*) FROM followup_plan WHERE CAST(recommendation_id AS text) IN (?1)", recs) == 8);
        MutableClock.moveTo(Probe.stepDue(recs.get(0), "/before-14d").plusMinutes(1));

        List<Integer> ticked = concurrently(2, tick::tick);
        List<Integer> sent = concurrently(2, worker::runOnce);

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            Probe.letRetriesComeDue(recs);
            assertEquals(16, count("SELECT count(*) FROM delivery WHERE status = 'SENT'"
                    + " AND CAST(recommendation_id AS text) IN (?1)", recs), "all sent; delivery logs: "
                            + recs.stream().map(Probe::deliveries).toList());
        });
        assertEquals(8, count("SELECT count(*) FROM followup_step WHERE status = 'DONE'"
                + " AND CAST(recommendation_id AS text) IN (?1)", recs), "each step processed once: " + ticked);
        assertEquals(16, count("SELECT count(*) FROM delivery WHERE CAST(recommendation_id AS text) IN (?1)", recs),
                "one delivery per step, recipient and channel; workers sent " + sent);
        assertEquals(8, count("SELECT count(*) FROM inbox_item WHERE CAST(recommendation_id AS text) IN (?1)", recs));
        assertEquals(8, Probe.emailsTo(EMAIL, due.toString()), "one email per reminder");

        // and once more, for good measure: nothing new
        concurrently(2, tick::tick);
        concurrently(2, worker::runOnce);
        assertEquals(16, count("SELECT count(*) FROM delivery WHERE CAST(recommendation_id AS text) IN (?1)", recs));
        assertEquals(8, Probe.emailsTo(EMAIL, due.toString()));
        given().baseUri("http://" + management.getHost()).port(management.getPort()).get("/q/health/live").then()
                .statusCode(200);
    }
}
