package vn.qcdc.notification.delivery;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;

import vn.qcdc.backbone.outbox.Outbox;
import vn.qcdc.events.EventTypes;
import vn.qcdc.events.Topics;
import vn.qcdc.events.notification.NotificationEvents;
import vn.qcdc.notification.webhook.WebhookChannel;

/**
 * Sends pending deliveries. Each delivery is claimed with {@code SELECT … FOR UPDATE SKIP LOCKED} in its own short
 * transaction and sent while the row stays locked, so two workers (two replicas) never send the same delivery at the
 * same time; the delivery is marked sent in that transaction only after the channel accepted it. A crash or a hang
 * mid-send aborts the transaction: the row is still pending and the next run sends it (at least once towards the
 * channel; the inbox, written in the same transaction, is exactly once; webhooks carry a stable {@code webhook-id}
 * for the receiver to drop the rare duplicate).
 */
@ApplicationScoped
public class DeliveryWorker {

    private static final Logger LOG = Logger.getLogger(DeliveryWorker.class);

    @Inject
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    DeliveryConfig config;

    @Inject
    EmailChannel email;

    @Inject
    WebhookChannel webhook;

    @Inject
    InboxChannel inbox;

    @Inject
    Outbox outbox;

    @Inject
    MeterRegistry registry;

    @Scheduled(every = "${qcdc.deliveries.interval:2s}", delayed = "2s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP, identity = "delivery-worker")
    void scheduled() {
        try {
            int n = runOnce();
            if (n > 0) {
                LOG.debugf("Delivery worker attempted %d deliveries", n);
            }
        } catch (RuntimeException e) {
            LOG.warnf("Delivery run stopped: %s", e.toString());
        }
    }

    /** Sends what is due now; returns how many deliveries were attempted. Safe to call from several threads. */
    public int runOnce() {
        int attempted = 0;
        while (attempted < config.maxPerRun()) {
            Boolean found;
            try {
                found = QuarkusTransaction.requiringNew().timeout((int) config.sendTimeout().toSeconds())
                        .call(this::sendNext);
            } catch (RuntimeException e) {
                // The send outlived its transaction (a hung SMTP server or portal) or the database went away: the
                // transaction rolled back, so the delivery is still pending and unclaimed; a later run sends it.
                LOG.warnf("A delivery attempt was rolled back and stays pending: %s", e.toString());
                break;
            }
            if (!Boolean.TRUE.equals(found)) {
                break;
            }
            attempted++;
        }
        return attempted;
    }

    /** Claims one due delivery and sends it, inside the caller's transaction. */
    Boolean sendNext() {
        OffsetDateTime now = OffsetDateTime.now(clock);
        @SuppressWarnings("unchecked")
        List<String> ids = em
                .createNativeQuery("SELECT CAST(id AS text) FROM delivery WHERE status = 'PENDING' AND next_attempt_at"
                        + " <= ?1 ORDER BY next_attempt_at LIMIT 1 FOR UPDATE SKIP LOCKED")
                .setParameter(1, now)
                .getResultList();
        if (ids.isEmpty()) {
            return false;
        }
        Delivery d = em.find(Delivery.class, UUID.fromString(ids.get(0)));
        Outcome outcome;
        try {
            outcome = switch (d.channel()) {
                case EMAIL -> email.send(d);
                case WEBHOOK -> webhook.send(d);
                case INBOX -> inbox.send(d);
            };
        } catch (RuntimeException e) {
            outcome = Outcome.retry(e.toString());
        }
        d.attempts++;
        d.updatedAt = now;
        if (outcome.accepted()) {
            d.status = Delivery.Status.SENT.name();
            d.sentAt = now;
            d.lastError = null;
            registry.counter("qcdc.deliveries.sent", "channel", d.channel).increment();
            if (d.kind().isFollowUp()) {
                outbox.publish(Topics.NOTIFICATION, EventTypes.REMINDER_SENT, d.recommendationId.toString(),
                        "recommendation/" + d.recommendationId, new NotificationEvents.ReminderSent(
                                d.recommendationId, d.stepKey, d.recipient, d.channel, now));
            }
        } else if (outcome.permanent() || d.attempts >= config.maxAttempts()) {
            d.status = Delivery.Status.FAILED.name();
            d.lastError = outcome.error();
            registry.counter("qcdc.deliveries.failed", "channel", d.channel).increment();
            outbox.publish(Topics.NOTIFICATION, EventTypes.DELIVERY_FAILED, d.id.toString(), "delivery/" + d.id,
                    new NotificationEvents.DeliveryFailed(d.id, d.channel, d.recipient, outcome.error(), d.attempts));
        } else {
            d.lastError = outcome.error();
            d.nextAttemptAt = now.plus(backoff(d.attempts));
        }
        return true;
    }

    /** Exponential backoff with up to 50 % random jitter, so failing endpoints are not hit in lock-step. */
    Duration backoff(int attempts) {
        long base = config.initialBackoff().toMillis() << Math.min(attempts - 1, 20);
        long capped = Math.min(base, config.maxBackoff().toMillis());
        return Duration.ofMillis(capped + ThreadLocalRandom.current().nextLong(capped / 2 + 1));
    }
}
