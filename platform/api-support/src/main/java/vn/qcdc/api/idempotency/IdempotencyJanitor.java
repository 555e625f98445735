package vn.qcdc.api.idempotency;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Forgets Idempotency-Key records after their retention: a client retries within minutes or hours, not months, and
 * the table must not grow forever. Deleting is idempotent, so every replica may run it.
 */
@ApplicationScoped
public class IdempotencyJanitor {

    private static final Logger LOG = Logger.getLogger(IdempotencyJanitor.class);

    @ConfigMapping(prefix = "qcdc.idempotency")
    public interface IdempotencyConfig {
        /** How long a key is remembered (and a retry with it replays the first answer). */
        @WithDefault("7d")
        Duration retention();
    }

    @Inject
    EntityManager em;

    @Inject
    IdempotencyConfig config;

    @Scheduled(every = "1h", delayed = "5m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    @Transactional
    void purge() {
        int n = em
                .createNativeQuery(
                        "DELETE FROM idempotency_record WHERE created_at < now() - make_interval(secs => ?1)")
                .setParameter(1, (double) config.retention().toSeconds()).executeUpdate();
        if (n > 0) {
            LOG.infof("Forgot %d Idempotency-Key records older than %s", n, config.retention());
        }
    }
}
