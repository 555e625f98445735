package vn.qcdc.notification.followup;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.jboss.logging.Logger;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;

import vn.qcdc.backbone.outbox.Outbox;
import vn.qcdc.events.BodyType;
import vn.qcdc.events.EventTypes;
import vn.qcdc.events.Topics;
import vn.qcdc.events.inspection.InspectionEvents.Addressee;
import vn.qcdc.events.notification.NotificationEvents;
import vn.qcdc.notification.contact.Contact;
import vn.qcdc.notification.contact.ContactService;
import vn.qcdc.notification.delivery.Delivery;
import vn.qcdc.notification.delivery.DeliveryPlanner;
import vn.qcdc.notification.delivery.DeliveryPlanner.Notification;
import vn.qcdc.notification.model.SelfEvaluationReminder;
import vn.qcdc.units.AdministrativeUnits;

/**
 * The scheduler's tick: claims due steps of active plans, with their plans, using {@code SELECT … FOR UPDATE SKIP
 * LOCKED} in short transactions, and turns each into deliveries (or an event). Any number of replicas may tick at
 * once: a step is locked by one of them, marked done in the same transaction as its deliveries, and the deliveries are
 * unique per (step, recipient, channel) anyway. Besides the schedule, a tick runs as soon as a step is planned as due
 * now ({@link #wakeUp()}).
 */
@ApplicationScoped
public class FollowUpTick {

    private static final Logger LOG = Logger.getLogger(FollowUpTick.class);

    @Inject
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    FollowUpConfig config;

    @Inject
    FollowUpPlanner planner;

    @Inject
    ContactService contacts;

    @Inject
    DeliveryPlanner deliveries;

    @Inject
    AdministrativeUnits units;

    @Inject
    Outbox outbox;

    @Inject
    SelfEvaluationReminder selfEvaluation;

    private final AtomicBoolean wakeQueued = new AtomicBoolean();
    private ExecutorService waker;

    void start(@Observes StartupEvent ev) {
        waker = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "followup-wake");
            t.setDaemon(true);
            return t;
        });
    }

    void stop(@Observes ShutdownEvent ev) {
        if (waker != null) {
            waker.shutdownNow();
        }
    }

    @Scheduled(every = "${qcdc.followup.tick-interval:30s}", delayed = "2s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP, identity = "followup-tick")
    void scheduled() {
        try {
            tick();
        } catch (RuntimeException e) {
            LOG.warnf("Follow-up tick stopped: %s", e.toString());
        }
    }

    /**
     * Runs a tick soon, off the caller's thread: a step planned as due now (an overdue notice, an escalation whose
     * moment has passed) goes out at once instead of at the next scheduled tick. Wake-ups arriving while one is queued
     * are merged.
     */
    public void wakeUp() {
        if (waker == null || !wakeQueued.compareAndSet(false, true)) {
            return;
        }
        try {
            waker.execute(() -> {
                wakeQueued.set(false);
                try {
                    tick();
                } catch (RuntimeException e) {
                    LOG.warnf("Follow-up tick (woken) stopped: %s", e.toString());
                }
            });
        } catch (RejectedExecutionException e) {
            wakeQueued.set(false);
        }
    }

    /**
     * Processes every step due now; returns how many steps this call processed. Safe to call concurrently: steps that
     * another tick (another replica, or the scheduled one) holds are left to it, and this call returns once that tick
     * has committed them (or after a few seconds), so whoever called it sees every due step done.
     */
    public int tick() {
        int processed = 0;
        Set<UUID> failing = new HashSet<>();
        long giveUpAt = System.nanoTime() + 10_000_000_000L;
        while (true) {
            List<UUID> candidates = QuarkusTransaction.requiringNew().timeout(30).call(() -> dueSteps(failing));
            if (candidates.isEmpty()) {
                break;
            }
            int done;
            try {
                done = QuarkusTransaction.requiringNew().timeout(60).call(() -> processSteps(candidates));
            } catch (RuntimeException batchFailure) {
                // One step failed and took its batch with it: do them one by one, so only the failing one waits
                // (it stays planned and is tried again at the next tick, alone).
                done = 0;
                for (UUID id : candidates) {
                    try {
                        done += QuarkusTransaction.requiringNew().timeout(30).call(() -> processSteps(List.of(id)));
                    } catch (RuntimeException e) {
                        failing.add(id);
                        LOG.warnf("Follow-up step %s failed and is retried at the next tick: %s", id, e.toString());
                    }
                }
            }
            processed += done;
            if (done == 0 && candidates.stream().allMatch(id -> !failing.contains(id))) {
                // all held by another tick: wait for it to commit
                if (System.nanoTime() > giveUpAt) {
                    break;
                }
                sleep(50);
            }
        }
        QuarkusTransaction.requiringNew().run(selfEvaluation::runIfDue);
        return processed;
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @SuppressWarnings("unchecked")
    List<UUID> dueSteps(Set<UUID> excluded) {
        return em.createNativeQuery("SELECT s.id FROM followup_step s"
                + " JOIN followup_plan p ON p.recommendation_id = s.recommendation_id"
                + " WHERE s.status = 'PLANNED' AND s.due_at <= ?1 AND p.status = 'ACTIVE'"
                + " AND NOT (s.id = ANY(?3)) ORDER BY s.due_at LIMIT ?2", UUID.class)
                .setParameter(1, OffsetDateTime.now(clock)).setParameter(2, config.batchSize())
                .setParameter(3, excluded.toArray(new UUID[0])).getResultList();
    }

    /**
     * Locks the steps and their plans ({@code FOR UPDATE OF s, p SKIP LOCKED}) and processes those still due: a plan
     * that a concurrent event is ending is skipped (locked) or seen ended (re-checked after its commit), never sent
     * for.
     */
    Integer processSteps(List<UUID> ids) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        @SuppressWarnings("unchecked")
        List<UUID> locked = em.createNativeQuery("SELECT s.id FROM followup_step s"
                + " JOIN followup_plan p ON p.recommendation_id = s.recommendation_id"
                + " WHERE s.id = ANY(?1) AND s.status = 'PLANNED' AND s.due_at <= ?2 AND p.status = 'ACTIVE'"
                + " ORDER BY s.due_at FOR UPDATE OF s, p SKIP LOCKED", UUID.class)
                .setParameter(1, ids.toArray(new UUID[0])).setParameter(2, now).getResultList();
        for (UUID id : locked) {
            process(em.find(FollowUpStep.class, id), now);
        }
        return locked.size();
    }

    private void process(FollowUpStep step, OffsetDateTime now) {
        FollowUpPlan plan = FollowUpPlan.findById(step.recommendationId);
        FollowUpStep.Kind kind = FollowUpStep.Kind.valueOf(step.kind);
        LocalDate today = now.atZoneSameInstant(clock.getZone()).toLocalDate();
        long daysOverdue = Math.max(0, ChronoUnit.DAYS.between(plan.dueDate, today));
        int created = 0;
        switch (kind) {
            case REMINDER, OVERDUE_REMINDER -> {
                Delivery.Kind dk = kind == FollowUpStep.Kind.REMINDER
                        ? Delivery.Kind.REMINDER
                        : Delivery.Kind.OVERDUE_REMINDER;
                Notification n = notification(plan, step, dk, plan.unitCode, daysOverdue);
                for (Addressee a : plan.addressees) {
                    if (a.bodyType() == null) {
                        continue;
                    }
                    Optional<Contact> c = contacts.recipientOf(a.bodyType(),
                            a.unitCode() != null ? a.unitCode() : plan.unitCode);
                    if (c.isPresent()) {
                        created += deliveries.plan(n, c.get());
                    } else {
                        LOG.warnf("No contact for %s at %s: reminder %s of %s reaches nobody there", a.bodyType(),
                                a.unitCode(), step.stepKey, plan.recommendationId);
                    }
                }
                // the one notice for a deadline already past when the plan started is not repeated
                if (kind == FollowUpStep.Kind.OVERDUE_REMINDER && !step.stepKey.endsWith(FollowUpPlanner.AT_START)) {
                    planner.nextOverdueReminder(plan.dueDate,
                            latest(step.dueAt.plusMinutes(1), now).atZoneSameInstant(clock.getZone()))
                            .ifPresent(next -> planner.insert(plan.recommendationId, next));
                }
            }
            case OVERDUE -> {
                if (!plan.overdueAnnounced) {
                    plan.overdueAnnounced = true;
                    outbox.publish(Topics.NOTIFICATION, EventTypes.RECOMMENDATION_OVERDUE,
                            plan.recommendationId.toString(), "recommendation/" + plan.recommendationId,
                            new NotificationEvents.RecommendationOverdue(plan.recommendationId, plan.unitCode,
                                    plan.dueDate));
                }
            }
            case ESCALATION -> {
                String target = units.escalationTarget(plan.unitCode, today).map(u -> u.code())
                        .orElse(plan.steeringUnitCode);
                if (target != null && plan.escalatedTo == null) {
                    plan.escalatedTo = target;
                    Notification n = notification(plan, step, Delivery.Kind.ESCALATION, plan.unitCode, daysOverdue);
                    Optional<Contact> c = contacts.recipientOf(BodyType.STEERING_COMMITTEE, target);
                    if (c.isPresent()) {
                        created += deliveries.plan(n, c.get());
                    } else {
                        LOG.warnf("No steering committee contact at %s for the escalation of %s", target,
                                plan.recommendationId);
                    }
                    outbox.publish(Topics.NOTIFICATION, EventTypes.RECOMMENDATION_ESCALATED,
                            plan.recommendationId.toString(), "recommendation/" + plan.recommendationId,
                            new NotificationEvents.RecommendationEscalated(plan.recommendationId, plan.unitCode,
                                    target, (int) daysOverdue));
                }
            }
        }
        step.status = FollowUpStep.Status.DONE.name();
        step.doneAt = now;
        step.deliveries = created;
    }

    /** Overdue reminders missed while the service was down are not caught up one per tick: the next is ahead. */
    private static OffsetDateTime latest(OffsetDateTime a, OffsetDateTime b) {
        return a.isAfter(b) ? a : b;
    }

    private Notification notification(FollowUpPlan plan, FollowUpStep step, Delivery.Kind kind, String unitCode,
            long daysOverdue) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("recommendationId", plan.recommendationId.toString());
        payload.put("inspectionId", plan.inspectionId == null ? null : plan.inspectionId.toString());
        payload.put("unitCode", plan.unitCode);
        payload.put("unitName", plan.unitName);
        payload.put("content", plan.content);
        payload.put("dueDate", plan.dueDate.toString());
        payload.put("step", step.stepKey);
        payload.put("daysOverdue", daysOverdue);
        String unitName = plan.unitName != null
                ? plan.unitName
                : units.find(plan.unitCode).map(u -> u.name()).orElse(plan.unitCode);
        Object[] args = {plan.content, plan.dueDate.toString(), unitName, daysOverdue};
        return new Notification("followup/" + plan.recommendationId + "/" + step.stepKey, kind,
                plan.recommendationId, step.stepKey, unitCode, payload, args);
    }
}
