package vn.qcdc.notification.followup;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.jboss.logging.Logger;

import io.quarkus.narayana.jta.QuarkusTransaction;
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
 * The scheduler's tick: claims due steps of active plans with {@code SELECT … FOR UPDATE SKIP LOCKED} in short
 * transactions and turns each into deliveries (or an event). Any number of replicas may tick at once: a step is
 * locked by one of them, marked done in the same transaction as its deliveries, and the deliveries are unique per
 * (step, recipient, channel) anyway.
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

    @Scheduled(every = "${qcdc.followup.tick-interval:30s}", delayed = "2s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP, identity = "followup-tick")
    void scheduled() {
        try {
            tick();
        } catch (RuntimeException e) {
            LOG.warnf("Follow-up tick stopped: %s", e.toString());
        }
    }

    /** Processes every step due now; returns how many steps this call processed. Safe to call concurrently. */
    public int tick() {
        int processed = 0;
        while (true) {
            Integer n = QuarkusTransaction.requiringNew().timeout(60).call(this::claimBatch);
            processed += n;
            if (n < config.batchSize()) {
                break;
            }
        }
        QuarkusTransaction.requiringNew().run(selfEvaluation::runIfDue);
        return processed;
    }

    Integer claimBatch() {
        OffsetDateTime now = OffsetDateTime.now(clock);
        @SuppressWarnings("unchecked")
        List<String> ids = em.createNativeQuery("SELECT CAST(s.id AS text) FROM followup_step s"
                + " JOIN followup_plan p ON p.recommendation_id = s.recommendation_id"
                + " WHERE s.status = 'PLANNED' AND s.due_at <= ?1 AND p.status = 'ACTIVE'"
                + " ORDER BY s.due_at LIMIT ?2 FOR UPDATE OF s SKIP LOCKED").setParameter(1, now)
                .setParameter(2, config.batchSize()).getResultList();
        for (String id : ids) {
            process(em.find(FollowUpStep.class, UUID.fromString(id)), now);
        }
        return ids.size();
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
                if (kind == FollowUpStep.Kind.OVERDUE_REMINDER) {
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
