package vn.qcdc.inspection.search;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;

import vn.qcdc.inspection.delegation.Delegation;
import vn.qcdc.inspection.inspection.Inspection;
import vn.qcdc.inspection.recommendation.Recommendation;

/**
 * Keeps the search keys current: rewrites those of a delegation's inspections when it changes, and at start those
 * written under an older {@link SearchKeys#VERSION}, in short batches (replicas skip each other's rows). The keys are
 * written by SQL so that a record's version (its ETag) does not change for a search-only rewrite.
 */
@ApplicationScoped
public class SearchKeyBackfill {

    private static final Logger LOG = Logger.getLogger(SearchKeyBackfill.class);
    private static final int BATCH = 500;

    @Inject
    EntityManager em;

    void onStart(@Observes StartupEvent e) {
        Thread worker = new Thread(() -> {
            try {
                int n = backfill();
                if (n > 0) {
                    LOG.infof("Search keys rewritten for %d records", n);
                }
            } catch (RuntimeException ex) {
                LOG.warn("Search keys not rewritten; retried at the next start", ex);
            }
        }, "search-key-backfill");
        worker.setDaemon(true);
        worker.start();
    }

    /** Rewrites every key older than {@link SearchKeys#VERSION}; returns how many. */
    public int backfill() {
        int total = 0;
        int n;
        do {
            n = QuarkusTransaction.requiringNew().call(() -> batch("inspection"));
            total += n;
        } while (n > 0);
        do {
            n = QuarkusTransaction.requiringNew().call(() -> batch("recommendation"));
            total += n;
        } while (n > 0);
        return total;
    }

    @SuppressWarnings("unchecked")
    private int batch(String table) {
        List<UUID> ids = em.createNativeQuery("SELECT id FROM " + table + " WHERE search_version < ?1 LIMIT ?2"
                + " FOR UPDATE SKIP LOCKED", UUID.class).setParameter(1, SearchKeys.VERSION).setParameter(2, BATCH)
                .getResultList();
        for (UUID id : ids) {
            if (table.equals("inspection")) {
                Inspection i = em.find(Inspection.class, id);
                write(table, id, SearchKeys.inspection(i, em.find(Delegation.class, i.delegationId)));
            } else {
                Recommendation r = em.find(Recommendation.class, id);
                Inspection i = em.find(Inspection.class, r.inspectionId);
                write(table, id, SearchKeys.recommendation(r, i == null ? null : i.conclusionSigner));
            }
        }
        return ids.size();
    }

    /** The inspections of {@code d}, after its name or members changed. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void delegationChanged(Delegation d) {
        for (Inspection i : Inspection.<Inspection>list("delegationId", d.id)) {
            write("inspection", i.id, SearchKeys.inspection(i, d));
        }
    }

    private void write(String table, UUID id, String key) {
        em.createNativeQuery("UPDATE " + table + " SET search_key = ?1, search_version = ?2 WHERE id = ?3")
                .setParameter(1, key).setParameter(2, SearchKeys.VERSION).setParameter(3, id).executeUpdate();
    }
}
