package vn.qcdc.inspection.recommendation;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import vn.qcdc.api.access.Access;
import vn.qcdc.inspection.history.ChangeHistory;
import vn.qcdc.inspection.history.ChangeHistory.AggregateType;
import vn.qcdc.inspection.inspection.InspectionService;

/**
 * Deletes the addressees' evidence files that no report named within the grace period.
 *
 * <p>
 * An evidence file is uploaded in one request and named in a progress or completion report by the next; when the
 * report fails (refused, a stale If-Match, the client gone between the two calls) the file would stay stored, named
 * by nothing, for good. Of the ways to prevent that, this one is chosen because only the service can keep the
 * promise: a client that deletes its upload on failure cannot do so when it is the part that failed (a crash, a lost
 * connection), and one multipart request carrying report and file would be a second form of each report endpoint
 * that every client (the portals, the console) must switch to, while the two-step API stays. So the service marks an
 * upload pending ({@code evidence.pending_since}) until a report names it, and this job deletes what is still pending
 * after {@link PurgeConfig#grace()}: longer than an Idempotency-Key is remembered (7 days), so that a retried upload
 * never replays the answer of a file already purged. Each purge is written to the recommendation's history.
 *
 * <p>
 * Safe with several replicas: each batch claims its rows with {@code FOR UPDATE SKIP LOCKED} in a short transaction,
 * and a report locks the files it names and clears their mark in its own transaction (see
 * {@link RecommendationService}), so a file is either named or purged, never both.
 */
@ApplicationScoped
public class ReportEvidencePurge {

    private static final Logger LOG = Logger.getLogger(ReportEvidencePurge.class);
    static final int BATCH = 100;

    @ConfigMapping(prefix = "qcdc.inspection.evidence-purge")
    public interface PurgeConfig {
        /** How long an uploaded file may wait for a report to name it. */
        @WithDefault("8d")
        Duration grace();
    }

    @Inject
    EntityManager em;

    @Inject
    ChangeHistory history;

    @Inject
    PurgeConfig config;

    @Inject
    Clock clock;

    @Scheduled(every = "${qcdc.inspection.evidence-purge.every:1h}", delayed = "10m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP, identity = "report-evidence-purge")
    void scheduled() {
        purgePendingBefore(OffsetDateTime.now(clock).minus(config.grace()));
    }

    /** Purges every file still pending since before {@code cutoff}, batch by batch; returns how many. */
    public int purgePendingBefore(OffsetDateTime cutoff) {
        int total = 0;
        int n;
        do {
            n = Access.asSystem("system:evidence-purge", () -> batch(cutoff));
            total += n;
        } while (n == BATCH);
        if (total > 0) {
            LOG.infof("Purged %d evidence files that no report named since before %s", total, cutoff);
        }
        return total;
    }

    @Transactional
    int batch(OffsetDateTime cutoff) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("SELECT id, recommendation_id, inspection_id, file_name, sha256,"
                + " size_bytes FROM evidence WHERE pending_since < ?1 ORDER BY pending_since LIMIT " + BATCH
                + " FOR UPDATE SKIP LOCKED").setParameter(1, cutoff).getResultList();
        for (Object[] row : rows) {
            UUID id = (UUID) row[0];
            em.createNativeQuery("DELETE FROM evidence_content WHERE evidence_id = ?1").setParameter(1, id)
                    .executeUpdate();
            em.createNativeQuery("DELETE FROM evidence WHERE id = ?1").setParameter(1, id).executeUpdate();
            if (row[1] != null) {
                history.record(AggregateType.RECOMMENDATION, (UUID) row[1], (UUID) row[2], "EVIDENCE_PURGED",
                        InspectionService.details("evidenceId", id, "fileName", row[3], "sha256", row[4],
                                "sizeBytes", row[5]));
            }
        }
        return rows.size();
    }
}
