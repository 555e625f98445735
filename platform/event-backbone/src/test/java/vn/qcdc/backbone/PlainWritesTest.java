package vn.qcdc.backbone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.hibernate.exception.ConstraintViolationException;
import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

import vn.qcdc.backbone.outbox.Outbox;
import vn.qcdc.events.Topics;
import vn.qcdc.testsupport.RealInfraResource;

/** Plain JDBC writes on the transaction's connection: the values arrive typed, nulls included, errors as before. */
@QuarkusTest
@QuarkusTestResource(RealInfraResource.class)
class PlainWritesTest {

    @Inject
    EntityManager em;

    @Inject
    Outbox outbox;

    @Test
    void everyKindOfValueArrivesAsItWasGivenNullsIncluded() {
        UUID id = UUID.randomUUID();
        OffsetDateTime at = OffsetDateTime.now(ZoneOffset.ofHours(7)).truncatedTo(ChronoUnit.MICROS);
        Object[] row = QuarkusTransaction.requiringNew().call(() -> {
            em.createNativeQuery("CREATE TEMP TABLE unmapped_probe (id uuid, at timestamptz, n int, t text,"
                    + " d jsonb, none_uuid uuid, none_text text, none_time timestamptz) ON COMMIT DROP")
                    .executeUpdate();
            int written = PlainWrites.update(em, "INSERT INTO unmapped_probe VALUES (?, ?, ?, ?, CAST(? AS jsonb),"
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
    void aUniqueViolationComesBackAsHibernatesOwnException() {
        String key = "unmapped-" + UUID.randomUUID();
        RuntimeException e = assertThrows(RuntimeException.class, () -> QuarkusTransaction.requiringNew().run(() -> {
            for (int i = 0; i < 2; i++) {
                PlainWrites.update(em, "INSERT INTO outbox_aggregate (topic, record_key, version) VALUES (?, ?, 1)",
                        Topics.PROBE.name(), key);
            }
        }));
        Throwable cause = e;
        while (cause != null && !(cause instanceof ConstraintViolationException)) {
            cause = cause.getCause();
        }
        assertTrue(cause instanceof ConstraintViolationException, "caught: " + e);
        assertEquals("23505", ((ConstraintViolationException) cause).getSQLState());
    }
}
