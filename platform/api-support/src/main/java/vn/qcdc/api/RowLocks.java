package vn.qcdc.api;

import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;

import io.quarkus.hibernate.orm.panache.Panache;

/**
 * Serialises concurrent changes of one record. A state change first takes the record's row lock
 * ({@code SELECT … FOR UPDATE}, re-reading it), then checks {@code If-Match} against the version it now sees: two
 * updates without {@code If-Match} run one after the other instead of one failing with 412 at commit, and an update
 * with a stale {@code If-Match} is still refused with 412. The wait is bounded by the database's lock timeout (then
 * 503 + Retry-After).
 */
public final class RowLocks {

    private RowLocks() {
    }

    /**
     * Locks {@code entity}'s row until the end of the transaction and refreshes it to the committed state. What this
     * transaction has changed is written first: a refresh would drop those changes, and would not find a record
     * created earlier in the same transaction (the statements that used to flush it on the way no longer do).
     */
    public static <T> T forUpdate(T entity) {
        EntityManager em = Panache.getEntityManager();
        em.flush();
        em.refresh(entity, LockModeType.PESSIMISTIC_WRITE);
        return entity;
    }
}
