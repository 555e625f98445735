package vn.qcdc.notification.delivery;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

import vn.qcdc.backbone.outbox.Outbox;
import vn.qcdc.events.EventTypes;
import vn.qcdc.events.Topics;
import vn.qcdc.events.notification.NotificationEvents;
import vn.qcdc.notification.webhook.WebhookChannel;
import vn.qcdc.notification.webhook.WebhookConfig;

/**
 * Sends pending deliveries, woken as soon as a delivery is planned (and every {@code qcdc.deliveries.interval} as a
 * fallback, for retries and other replicas' work).
 *
 * <ul>
 * <li><b>Inbox</b> deliveries are a database write: claimed ({@code FOR UPDATE SKIP LOCKED}), written and marked sent
 * in one short transaction, so an inbox entry exists exactly once.</li>
 * <li><b>Email and webhooks</b> never run inside a transaction: a delivery is claimed with a lease in one short
 * transaction, sent by a sender thread with a hard deadline, and its outcome recorded in a second transaction that
 * checks the lease is still its own. A crash between the send and the record leaves the lease to expire and the
 * delivery is sent again with the same id ({@code webhook-id}, {@code X-QCDC-Delivery-Id}) for the receiver to drop.
 * Each webhook endpoint is its own lane (one send at a time) and email has a small lane of its own, so a slow or dead
 * endpoint delays only its own deliveries.</li>
 * </ul>
 */
@ApplicationScoped
public class DeliveryWorker {

    private static final Logger LOG = Logger.getLogger(DeliveryWorker.class);
    private static final String EMAIL_LANE = "email";

    @Inject
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    DeliveryConfig config;

    @Inject
    WebhookConfig webhookConfig;

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

    private final Semaphore wake = new Semaphore(0);
    /** Webhook endpoints with a send in flight on this replica. */
    private final Set<String> busyEndpoints = ConcurrentHashMap.newKeySet();
    private final AtomicInteger emailsInFlight = new AtomicInteger();
    private final AtomicInteger inFlight = new AtomicInteger();
    private ExecutorService senders;
    private Thread dispatcher;
    private volatile boolean running;

    /** A delivery this worker holds the lease of. */
    record Claim(UUID id, UUID token, Delivery.Channel channel, String endpoint) {
    }

    void start(@Observes StartupEvent ev) {
        AtomicInteger n = new AtomicInteger();
        senders = Executors.newFixedThreadPool(Math.max(1, config.senders()), r -> {
            Thread t = new Thread(r, "delivery-sender-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        if ("off".equalsIgnoreCase(config.interval())) {
            return;
        }
        running = true;
        dispatcher = new Thread(this::loop, "delivery-dispatcher");
        dispatcher.setDaemon(true);
        dispatcher.start();
    }

    void stop(@Observes ShutdownEvent ev) throws InterruptedException {
        running = false;
        wake.release();
        if (dispatcher != null) {
            dispatcher.join(5_000);
        }
        if (senders != null) {
            senders.shutdown();
            senders.awaitTermination(lease().toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** Asks the worker to look for due deliveries now (after a transaction that planned some commits). */
    public void wakeUp() {
        wake.release();
    }

    private void loop() {
        long interval = intervalMillis(config.interval());
        while (running) {
            try {
                dispatch(false);
            } catch (RuntimeException e) {
                LOG.warnf("Delivery run stopped: %s", e.toString());
            }
            try {
                wake.tryAcquire(interval, TimeUnit.MILLISECONDS);
                wake.drainPermits();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /**
     * Sends what is due now and waits for the sends it started; returns how many deliveries were attempted. Safe to
     * call from several threads and replicas.
     */
    public int runOnce() {
        return dispatch(true);
    }

    private int dispatch(boolean wait) {
        int attempted = deliverInbox();
        List<Future<?>> started = new ArrayList<>();
        while (attempted < config.maxPerRun() && inFlight.get() < config.senders()) {
            Claim c;
            try {
                c = QuarkusTransaction.requiringNew().timeout(10).call(this::claimNetwork);
            } catch (RuntimeException e) {
                LOG.warnf("Could not claim a delivery (retrying later): %s", e.toString());
                break;
            }
            if (c == null) {
                break;
            }
            started.add(senders.submit(() -> sendClaimed(c)));
            attempted++;
        }
        if (wait) {
            for (Future<?> f : started) {
                try {
                    f.get();
                } catch (ExecutionException e) {
                    LOG.warnf("A send failed unexpectedly: %s", e.getCause());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        return attempted;
    }

    /**
     * Inbox deliveries, claimed, written and marked sent in batches (one transaction each); should a batch fail, its
     * deliveries are done one per transaction, so one bad row does not hold up the others.
     */
    private int deliverInbox() {
        int done = 0;
        while (done < config.maxPerRun()) {
            List<UUID> batch;
            try {
                batch = QuarkusTransaction.requiringNew().timeout(30).call(() -> deliverInboxBatch(null));
            } catch (RuntimeException e) {
                LOG.warnf("An inbox batch was rolled back; delivering one at a time: %s", e.toString());
                batch = List.of();
                for (UUID id : dueInbox()) {
                    try {
                        batch = QuarkusTransaction.requiringNew().timeout(10).call(() -> deliverInboxBatch(id));
                    } catch (RuntimeException single) {
                        LOG.warnf("Inbox delivery %s failed and stays pending: %s", id, single.toString());
                    }
                }
                done += batch.size();
                break;
            }
            done += batch.size();
            if (batch.size() < INBOX_BATCH) {
                break;
            }
        }
        return done;
    }

    private static final int INBOX_BATCH = 100;

    private List<UUID> dueInbox() {
        return QuarkusTransaction.requiringNew().timeout(10).call(() -> {
            @SuppressWarnings("unchecked")
            List<UUID> ids = em.createNativeQuery("SELECT id FROM delivery WHERE status = 'PENDING'"
                    + " AND channel = 'INBOX' AND next_attempt_at <= ?1 ORDER BY next_attempt_at LIMIT ?2", UUID.class)
                    .setParameter(1, OffsetDateTime.now(clock)).setParameter(2, INBOX_BATCH).getResultList();
            return ids;
        });
    }

    /**
     * Records an inbox delivery that the planner wrote, with its entry, as sent in the current transaction (the
     * planner's path; {@link #deliverInboxBatch} picks up inbox deliveries that are pending for any other reason).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void inboxSent(Delivery.Kind kind, UUID recommendationId, String stepKey, String user, OffsetDateTime now) {
        sent(kind, recommendationId, stepKey, user, Delivery.Channel.INBOX.name(), now);
    }

    /** What every sent delivery does: count it, and publish reminder-sent for a follow-up step. */
    private void sent(Delivery.Kind kind, UUID recommendationId, String stepKey, String recipient, String channel,
            OffsetDateTime now) {
        registry.counter("qcdc.deliveries.sent", "channel", channel).increment();
        // a digest is a reminder of several recommendations: no ReminderSent of one of them
        if (kind.isFollowUp() && recommendationId != null) {
            outbox.publish(Topics.NOTIFICATION, EventTypes.REMINDER_SENT, recommendationId.toString(),
                    "recommendation/" + recommendationId,
                    new NotificationEvents.ReminderSent(recommendationId, stepKey, recipient, channel, now));
        }
    }

    /** Claims due inbox deliveries (all, up to a batch, or just {@code only}), writes them and marks them sent. */
    List<UUID> deliverInboxBatch(UUID only) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        @SuppressWarnings("unchecked")
        List<UUID> ids = em.createNativeQuery("SELECT id FROM delivery WHERE status = 'PENDING' AND channel = 'INBOX'"
                + " AND next_attempt_at <= ?1 AND (CAST(?3 AS uuid) IS NULL OR id = CAST(?3 AS uuid))"
                + " ORDER BY next_attempt_at LIMIT ?2 FOR UPDATE SKIP LOCKED", UUID.class).setParameter(1, now)
                .setParameter(2, INBOX_BATCH).setParameter(3, only == null ? null : only.toString()).getResultList();
        for (UUID id : ids) {
            Delivery d = em.find(Delivery.class, id);
            d.attempts++;
            apply(d, inbox.send(d), now);
        }
        return ids;
    }

    /**
     * Claims one due email or webhook delivery whose lane is free, with a lease in real time (the business clock that
     * tests move must not expire leases). Returns null when there is none.
     */
    Claim claimNetwork() {
        OffsetDateTime now = OffsetDateTime.now(clock);
        boolean emailFree = emailsInFlight.get() < config.emailConcurrency();
        UUID token = UUID.randomUUID();
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("UPDATE delivery SET lease_token = ?1,"
                + " lease_until = clock_timestamp() + make_interval(secs => ?2), attempts = attempts + 1"
                + " WHERE id = (SELECT id FROM delivery WHERE status = 'PENDING' AND channel IN ('EMAIL', 'WEBHOOK')"
                + " AND next_attempt_at <= ?3 AND (lease_until IS NULL OR lease_until < clock_timestamp())"
                + " AND (webhook_endpoint_id IS NULL OR NOT (CAST(webhook_endpoint_id AS text) = ANY(?4)))"
                + " AND (?5 OR channel <> 'EMAIL')"
                + " ORDER BY next_attempt_at LIMIT 1 FOR UPDATE SKIP LOCKED)"
                + " RETURNING id, channel, CAST(webhook_endpoint_id AS text)").setParameter(1, token)
                .setParameter(2, (double) lease().toSeconds()).setParameter(3, now)
                .setParameter(4, busyEndpoints.toArray(new String[0])).setParameter(5, emailFree).getResultList();
        if (rows.isEmpty()) {
            return null;
        }
        Object[] r = rows.get(0);
        Claim c = new Claim((UUID) r[0], token, Delivery.Channel.valueOf((String) r[1]), (String) r[2]);
        inFlight.incrementAndGet();
        if (c.channel() == Delivery.Channel.EMAIL) {
            emailsInFlight.incrementAndGet();
        } else if (c.endpoint() != null) {
            busyEndpoints.add(c.endpoint());
        }
        return c;
    }

    /** Sends a claimed delivery outside any transaction, then records the outcome; frees its lane either way. */
    void sendClaimed(Claim c) {
        try {
            Delivery d = QuarkusTransaction.requiringNew().timeout(10).call(() -> {
                Delivery found = em.find(Delivery.class, c.id());
                em.detach(found);
                return found;
            });
            Outcome outcome;
            WebhookChannel.Answer answer = null;
            if (c.channel() == Delivery.Channel.EMAIL) {
                outcome = email.send(d);
            } else {
                WebhookChannel.Call call = QuarkusTransaction.requiringNew().timeout(10)
                        .call(() -> webhook.prepare(em.find(Delivery.class, c.id())));
                if (call.refusal() != null) {
                    outcome = call.refusal();
                } else {
                    answer = webhook.call(call);
                    outcome = null;
                }
            }
            WebhookChannel.Answer a = answer;
            Outcome o = outcome;
            QuarkusTransaction.requiringNew().timeout(10).run(() -> record(c, o, a));
        } catch (RuntimeException e) {
            // the database went away between the send and the record: the lease expires and the delivery is resent
            LOG.warnf("Outcome of delivery %s not recorded (it will be sent again after its lease): %s", c.id(),
                    e.toString());
        } finally {
            inFlight.decrementAndGet();
            if (c.channel() == Delivery.Channel.EMAIL) {
                emailsInFlight.decrementAndGet();
            } else if (c.endpoint() != null) {
                busyEndpoints.remove(c.endpoint());
            }
            wakeUp(); // the lane is free: its next delivery may go
        }
    }

    private void record(Claim c, Outcome outcome, WebhookChannel.Answer answer) {
        Delivery d = em.find(Delivery.class, c.id(), LockModeType.PESSIMISTIC_WRITE);
        if (d == null || !c.token().equals(d.leaseToken) || !Delivery.Status.PENDING.name().equals(d.status)) {
            LOG.warnf("Delivery %s changed hands while it was being sent; its outcome is not recorded", c.id());
            return;
        }
        d.leaseToken = null;
        d.leaseUntil = null;
        apply(d, answer != null ? webhook.settle(d, answer) : outcome, OffsetDateTime.now(clock));
    }

    /** Applies an attempt's outcome (attempts already counted) in the caller's transaction. */
    private void apply(Delivery d, Outcome outcome, OffsetDateTime now) {
        d.updatedAt = now;
        if (outcome.accepted()) {
            d.status = Delivery.Status.SENT.name();
            d.sentAt = now;
            d.lastError = null;
            sent(d.kind(), d.recommendationId, d.stepKey, d.recipient, d.channel, now);
        } else if (outcome.permanent() || d.attempts >= config.maxAttempts()) {
            d.status = Delivery.Status.FAILED.name();
            d.lastError = outcome.error();
            registry.counter("qcdc.deliveries.failed", "channel", d.channel).increment();
            outbox.publish(Topics.NOTIFICATION, EventTypes.DELIVERY_FAILED, d.id.toString(), "delivery/" + d.id,
                    new NotificationEvents.DeliveryFailed(d.id, d.channel, d.recipient, outcome.error(), d.attempts));
        } else {
            d.lastError = outcome.error();
            d.nextAttemptAt = now.plus(backoff(d.attempts));
            LOG.infof("Delivery %s (%s) attempt %d failed, next at %s: %s", d.id, d.channel, d.attempts,
                    d.nextAttemptAt, outcome.error());
        }
    }

    /** "2s", "500ms", "1m" (the scheduler's notation). */
    static long intervalMillis(String interval) {
        String v = interval.trim().toLowerCase(java.util.Locale.ROOT);
        if (v.endsWith("ms")) {
            return Long.parseLong(v.substring(0, v.length() - 2));
        }
        return Duration.parse("PT" + v.toUpperCase(java.util.Locale.ROOT)).toMillis();
    }

    /** How long a claim holds a delivery: beyond the longest send deadline, so a live send never loses its lease. */
    private Duration lease() {
        Duration longest = config.sendTimeout().compareTo(webhookConfig.timeout()) > 0
                ? config.sendTimeout()
                : webhookConfig.timeout();
        return longest.plusSeconds(30);
    }

    /** Exponential backoff with up to 50 % random jitter, so failing endpoints are not hit in lock-step. */
    Duration backoff(int attempts) {
        long base = config.initialBackoff().toMillis() << Math.min(attempts - 1, 20);
        long capped = Math.min(base, config.maxBackoff().toMillis());
        return Duration.ofMillis(capped + ThreadLocalRandom.current().nextLong(capped / 2 + 1));
    }
}
