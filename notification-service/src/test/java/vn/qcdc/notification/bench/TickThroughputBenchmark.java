package vn.qcdc.notification.bench;

import java.time.OffsetDateTime;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;

import vn.qcdc.notification.MutableClock;
import vn.qcdc.notification.contact.ContactFixtures;
import vn.qcdc.notification.delivery.DeliveryWorker;
import vn.qcdc.notification.followup.FollowUpTick;

/**
 * Benchmark (not a test; runs only with {@code -Dqcdc.bench=true}): how many due reminders one tick processes per
 * second when the table holds {@code qcdc.bench.planned} (default 1,000,000) planned reminders, of which
 * {@code qcdc.bench.due} (default 10,000) are due; and how many inbox deliveries one worker sends per second after.
 * Plans and steps are generated with SQL {@code generate_series}; each due step yields one inbox delivery.
 */
@QuarkusTest
@EnabledIfSystemProperty(named = "qcdc.bench", matches = "true")
class TickThroughputBenchmark {

    @Inject
    EntityManager em;

    @Inject
    FollowUpTick tick;

    @Inject
    DeliveryWorker worker;

    @Test
    void tickThroughput() {
        int planned = Integer.getInteger("qcdc.bench.planned", 1_000_000);
        int due = Integer.getInteger("qcdc.bench.due", 10_000);
        int stepsPerPlan = 100;
        int plans = planned / stepsPerPlan;
        ContactFixtures.create(ContactFixtures.contact("VILLAGE", ContactFixtures.XUAT_HOA,
                "Tổ dân phố minh họa (benchmark)", null, null, "bench-inbox-user"));
        OffsetDateTime now = MutableClock.now();
        long t0 = System.nanoTime();
        QuarkusTransaction.requiringNew().timeout(3600).run(() -> {
            em.createNativeQuery("INSERT INTO followup_plan (recommendation_id, unit_code, unit_name, content,"
                    + " due_date, addressees, status, created_at, updated_at, version)"
                    + " SELECT md5('bench-plan-' || g)::uuid, '01855', 'Phường Xuất Hóa', 'Kiến nghị benchmark ' || g,"
                    + " CAST(?1 AS date) + 400, '[{\"bodyType\":\"VILLAGE\",\"unitCode\":\"01855\",\"name\":\"TDP\"}]',"
                    + " 'ACTIVE', ?2, ?2, 0 FROM generate_series(1, ?3) g").setParameter(1, now.toLocalDate())
                    .setParameter(2, now).setParameter(3, plans).executeUpdate();
            // step n of plan g: the first `due` steps overall are due a minute ago, the rest months ahead
            em.createNativeQuery("INSERT INTO followup_step (id, recommendation_id, step_key, kind, due_at, status)"
                    + " SELECT md5('bench-step-' || g || '-' || n)::uuid, md5('bench-plan-' || g)::uuid,"
                    + " 'bench/' || n, 'REMINDER',"
                    + " CASE WHEN (n - 1) * ?1 + g <= ?2 THEN CAST(?3 AS timestamptz) - interval '1 minute'"
                    + " ELSE CAST(?3 AS timestamptz) + (n || ' days')::interval END, 'PLANNED'"
                    + " FROM generate_series(1, ?1) g, generate_series(1, ?4) n").setParameter(1, plans)
                    .setParameter(2, due).setParameter(3, now).setParameter(4, stepsPerPlan).executeUpdate();
            em.createNativeQuery("ANALYZE followup_step").executeUpdate();
            em.createNativeQuery("ANALYZE followup_plan").executeUpdate();
        });
        long generated = (System.nanoTime() - t0) / 1_000_000;
        long t1 = System.nanoTime();
        int processed = tick.tick();
        double tickSeconds = (System.nanoTime() - t1) / 1e9;
        long t2 = System.nanoTime();
        int sent = 0;
        int n;
        while ((n = worker.runOnce()) > 0) {
            sent += n;
        }
        double sendSeconds = (System.nanoTime() - t2) / 1e9;
        System.out.printf("%n# notification-service: tick throughput%n%n%,d planned reminders (%,d plans x %d steps,"
                + " generated in %,d ms), %,d due.%n%n| what | count | seconds | per second |%n|---|---|---|---|%n"
                + "| tick: due steps claimed (SKIP LOCKED, batches of 100) and turned into deliveries | %,d | %.1f |"
                + " %,.0f |%n| worker: inbox deliveries sent (one row per transaction) | %,d | %.1f | %,.0f |%n%n",
                planned, plans, stepsPerPlan, generated, due, processed, tickSeconds, processed / tickSeconds, sent,
                sendSeconds, sent / sendSeconds);
    }
}
