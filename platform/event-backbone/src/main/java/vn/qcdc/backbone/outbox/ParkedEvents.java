package vn.qcdc.backbone.outbox;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/** The outbox events the relay parked (the broker kept refusing them), for an operator to see and re-queue. */
@ApplicationScoped
public class ParkedEvents {

    @Inject
    EntityManager em;

    @Inject
    OutboxRelay relay;

    /** A parked event: what it is and why the broker refused it. */
    public record Parked(long seq, UUID eventId, String topic, String key, String type, Long aggregateVersion,
            int attempts, String lastError, OffsetDateTime parkedAt) {
    }

    @Transactional
    public List<Parked> list(int limit) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("SELECT seq, event_id, topic, record_key, type, aggregate_version,"
                + " attempts, last_error, parked_at FROM outbox_event WHERE parked_at IS NOT NULL"
                + " ORDER BY seq LIMIT ?1").setParameter(1, limit).getResultList();
        return rows.stream().map(r -> new Parked(((Number) r[0]).longValue(), (UUID) r[1], (String) r[2],
                (String) r[3], (String) r[4], r[5] == null ? null : ((Number) r[5]).longValue(),
                ((Number) r[6]).intValue(), (String) r[7], toOffset(r[8]))).toList();
    }

    /**
     * Puts a parked event back in line (its attempts start again). Consumers that already applied a newer event of
     * the same aggregate will ignore it as stale, which is what a late event should do. Returns false if no parked
     * event has this number.
     */
    @Transactional
    public boolean requeue(long seq) {
        int n = em.createNativeQuery("UPDATE outbox_event SET parked_at = NULL, attempts = 0"
                + " WHERE seq = ?1 AND parked_at IS NOT NULL").setParameter(1, seq)
                .executeUpdate();
        if (n == 1) {
            relay.wakeUp();
        }
        return n == 1;
    }

    private static OffsetDateTime toOffset(Object value) {
        if (value == null || value instanceof OffsetDateTime) {
            return (OffsetDateTime) value;
        }
        if (value instanceof java.time.Instant i) {
            return i.atOffset(java.time.ZoneOffset.UTC);
        }
        return ((java.sql.Timestamp) value).toInstant().atOffset(java.time.ZoneOffset.UTC);
    }
}
