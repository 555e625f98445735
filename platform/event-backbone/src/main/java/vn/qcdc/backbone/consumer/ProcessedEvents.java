package vn.qcdc.backbone.consumer;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/** The consumer side's memory (message log): which events each handler has applied. */
@ApplicationScoped
public class ProcessedEvents {

    @Inject
    EntityManager em;

    /**
     * Records the event as processed by {@code consumer}, in the current transaction. Returns false when it was
     * already processed: the caller then skips the effect. Two deliveries racing each other serialise on the key.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean markIfNew(String consumer, String source, String eventId, String type) {
        return em.createNativeQuery("INSERT INTO processed_event (consumer, source, event_id, event_type)"
                + " VALUES (?1, ?2, ?3, ?4) ON CONFLICT DO NOTHING").setParameter(1, consumer).setParameter(2, source)
                .setParameter(3, eventId).setParameter(4, type).executeUpdate() == 1;
    }

    /**
     * Records that {@code consumer} applies version {@code version} of the aggregate {@code key} from {@code source},
     * in the current transaction. Returns false when it already applied this version or a newer one: the event is
     * stale (redelivered, or overtaken after an outage) and must change nothing. The row lock taken here also
     * serialises two deliveries of one aggregate's events.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean advanceIfNewer(String consumer, String source, String key, long version) {
        return em.createNativeQuery("INSERT INTO consumed_aggregate (consumer, source, aggregate_key, version)"
                + " VALUES (?1, ?2, ?3, ?4) ON CONFLICT (consumer, source, aggregate_key) DO UPDATE"
                + " SET version = EXCLUDED.version WHERE consumed_aggregate.version < EXCLUDED.version")
                .setParameter(1, consumer).setParameter(2, source).setParameter(3, key).setParameter(4, version)
                .executeUpdate() == 1;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public long count(String consumer, String eventId) {
        return ((Number) em.createNativeQuery("SELECT count(*) FROM processed_event WHERE consumer = ?1"
                + " AND event_id = ?2").setParameter(1, consumer).setParameter(2, eventId).getSingleResult())
                .longValue();
    }
}
