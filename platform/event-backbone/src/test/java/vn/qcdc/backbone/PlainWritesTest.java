package vn.qcdc.backbone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

import vn.qcdc.backbone.outbox.Outbox;
import vn.qcdc.events.Topics;
import vn.qcdc.testsupport.RealInfraResource;

/**
 * Plain JDBC writes on the transaction's connection: the values arrive typed, nulls included, errors as before; writes
 * queued with {@code later} reach the database with the next write or at commit, in order, or not at all.
 */
@QuarkusTest
@QuarkusTestResource(RealInfraResource.class)
class PlainWritesTest {

    @Inject
    EntityManager em;

    @Inject
    Outbox outbox;

    @Inject
    PlainWrites writes;

    @Test
    void everyKindOfValueArrivesAsItWasGivenNullsIncluded() {
        UUID id = UUID.randomUUID();
        OffsetDateTime at = OffsetDateTime.now(ZoneOffset.ofHours(7)).truncatedTo(ChronoUnit.MICROS);
        Object[] row = QuarkusTransaction.requiringNew().call(() -> {
            em.createNativeQuery("CREATE TEMP TABLE unmapped_probe (id uuid, at timestamptz, n int, t text,"
                    + " d jsonb, none_uuid uuid, none_text text, none_time timestamptz) ON COMMIT DROP")
                    .executeUpdate();
            int written = writes.update("INSERT INTO unmapped_probe VALUES (?, ?, ?, ?, CAST(? AS jsonb),"
                    + " ?, ?, ?)", id, at, 42, "Đảng ủy phường \"Hà Cầu\"", "{\"percent\":40}", null, null, null);
            assertEquals(1, written);
            return (Object[]) em.createNativeQuery("SELECT id, at = ?1, n, t, CAST(d AS text), none_uuid, none_text,"
                    + " none_time FROM unmapped_probe").setParameter(1, at).getSingleResult();
        });
        assertEquals(id, row[0]);
        assertEquals(Boolean.TRUE, row[1], "the same instant");
        assertEquals(42, ((Number) row[2]).intValue());
        assertEquals("Đảng ủy phường \"Hà Cầu\"", row[3]);
        assertEquals("{\"percent\": 40}", row[4]);
        assertNull(row[5]);
        assertNull(row[6]);
        assertNull(row[7]);
    }

    @Test
    void anEventWithoutSubjectIsWrittenWithItsVersion() {
        String key = "unmapped-" + UUID.randomUUID();
        UUID first = QuarkusTransaction.requiringNew()
                .call(() -> outbox.publish(Topics.PROBE, "vn.qcdc.test.probe.v1", key, null, "one"));
        UUID second = QuarkusTransaction.requiringNew()
                .call(() -> outbox.publish(Topics.PROBE, "vn.qcdc.test.probe.v1", key, "probe/" + key, "two"));
        for (Object[] expected : new Object[][]{{first, null, 1L}, {second, "probe/" + key, 2L}}) {
            Object[] row = QuarkusTransaction.requiringNew().call(() -> (Object[]) em.createNativeQuery(
                    "SELECT subject, aggregate_version, record_key FROM outbox_log WHERE event_id = ?1")
                    .setParameter(1, expected[0]).getSingleResult());
            assertEquals(expected[1], row[0]);
            assertEquals(expected[2], ((Number) row[1]).longValue());
            assertEquals(key, row[2]);
        }
    }

    @Test
    void aUniqueViolationComesBackWithTheDriversErrorAndItsSqlState() {
        String key = "unmapped-" + UUID.randomUUID();
        Jdbc.Failed e = assertThrows(Jdbc.Failed.class, () -> QuarkusTransaction.requiringNew().run(() -> {
            for (int i = 0; i < 2; i++) {
                writes.update("INSERT INTO outbox_aggregate (topic, record_key, version) VALUES (?, ?, 1)",
                        Topics.PROBE.name(), key);
            }
        }));
        // What the API's error mapping turns into a 409 (and DatabaseTrouble would call transient if it were one).
        assertEquals("23505", e.sql().getSQLState(), "caught: " + e);
        assertFalse(DatabaseTrouble.isTransient(e));
    }

    @Test
    void queuedWritesWaitForTheNextWriteAndGoInTheOrderAsked() {
        String key = "queued-" + UUID.randomUUID();
        String topic = Topics.PROBE.name();
        String upsert = "INSERT INTO outbox_aggregate (topic, record_key, version) VALUES (?, ?, ?)"
                + " ON CONFLICT (topic, record_key) DO UPDATE SET version = outbox_aggregate.version * 10 + ?";
        long[] seen = QuarkusTransaction.requiringNew().call(() -> {
            writes.later(upsert, topic, key, 1, 0);
            writes.later(upsert, topic, key, 0, 2);
            long before = versionOf(key);
            int last = writes.update(upsert, topic, key, 0, 3);
            return new long[]{before, last, versionOf(key)};
        });
        assertEquals(-1, seen[0], "queued writes are not in the database before the next write");
        assertEquals(1, seen[1], "update answers the row count of its own statement");
        assertEquals(123, seen[2], "all three ran, in the order asked: 1, then 1*10+2, then 12*10+3");
        assertEquals(123, QuarkusTransaction.requiringNew().call(() -> versionOf(key)));
    }

    @Test
    void queuedWritesWithNothingAfterThemGoAtCommit() {
        String key = "queued-" + UUID.randomUUID();
        QuarkusTransaction.requiringNew().run(() -> writes.later(
                "INSERT INTO outbox_aggregate (topic, record_key, version) VALUES (?, ?, 7)", Topics.PROBE.name(),
                key));
        assertEquals(7, QuarkusTransaction.requiringNew().call(() -> versionOf(key)));
    }

    @Test
    void aQueuedWriteThatFailsAtCommitRollsEverythingBack() {
        String key = "queued-" + UUID.randomUUID();
        String insert = "INSERT INTO outbox_aggregate (topic, record_key, version) VALUES (?, ?, 1)";
        RuntimeException e = assertThrows(RuntimeException.class, () -> QuarkusTransaction.requiringNew().run(() -> {
            writes.later(insert, Topics.PROBE.name(), key);
            writes.later(insert, Topics.PROBE.name(), key);
        }));
        assertTrue(Causes.any(e, t -> t instanceof java.sql.SQLException sql && "23505".equals(sql.getSQLState())),
                "the commit's exception carries the driver's unique violation: " + e);
        assertEquals(-1, QuarkusTransaction.requiringNew().call(() -> versionOf(key)), "neither row is there");
    }

    @Test
    void eventsPublishedOneByOneAndThenInBulkKeepTheOrderOfTheCalls() {
        String key = "queued-" + UUID.randomUUID();
        UUID single = QuarkusTransaction.requiringNew().call(() -> {
            UUID id = outbox.publish(Topics.PROBE, "vn.qcdc.test.probe.v1", key, null, "first");
            outbox.publishAll(List.of(new Outbox.Pending(Topics.PROBE, "vn.qcdc.test.probe.v1", key, null, "second")));
            return id;
        });
        Object version = QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery(
                "SELECT aggregate_version FROM outbox_log WHERE event_id = ?1").setParameter(1, single)
                .getSingleResult());
        assertEquals(1L, ((Number) version).longValue(), "the event published first has the first version");
    }

    private long versionOf(String key) {
        List<?> rows = em.createNativeQuery("SELECT version FROM outbox_aggregate WHERE topic = ?1 AND record_key = ?2")
                .setParameter(1, Topics.PROBE.name()).setParameter(2, key).getResultList();
        return rows.isEmpty() ? -1 : ((Number) rows.get(0)).longValue();
    }
}
