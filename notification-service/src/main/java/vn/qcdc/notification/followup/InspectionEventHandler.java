package vn.qcdc.notification.followup;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import vn.qcdc.backbone.consumer.EventHandler;
import vn.qcdc.backbone.consumer.IncomingEvent;
import vn.qcdc.backbone.consumer.PoisonEventException;
import vn.qcdc.events.EventTypes;
import vn.qcdc.events.Topics;
import vn.qcdc.events.inspection.InspectionEvents;
import vn.qcdc.events.inspection.InspectionEvents.RecommendationIssued;
import vn.qcdc.notification.Payloads;

/**
 * Keeps follow-up plans in step with the recommendations of inspection-service: issued → planned, deadline changed →
 * re-planned, completion reported → paused, rejected → resumed, verified or cancelled → ended. Runs in the backbone's
 * transaction that records the event as processed, so a redelivered event changes nothing; an issued event for a
 * recommendation that already has a plan (the same fact published twice) is ignored too.
 */
@ApplicationScoped
public class InspectionEventHandler implements EventHandler {

    private static final Logger LOG = Logger.getLogger(InspectionEventHandler.class);
    private static final Set<String> TYPES = Set.of(EventTypes.RECOMMENDATION_ISSUED,
            EventTypes.RECOMMENDATION_DEADLINE_CHANGED, EventTypes.RECOMMENDATION_COMPLETION_REPORTED,
            EventTypes.RECOMMENDATION_REJECTED, EventTypes.RECOMMENDATION_VERIFIED,
            EventTypes.RECOMMENDATION_CANCELLED);

    @Inject
    FollowUpPlanner planner;

    @Inject
    Clock clock;

    @Override
    public String name() {
        return "notification-followup";
    }

    @Override
    public Set<String> topics() {
        return Set.of(Topics.INSPECTION.name());
    }

    @Override
    public boolean accepts(String type) {
        return TYPES.contains(type);
    }

    @Override
    public void handle(IncomingEvent event) {
        switch (event.type()) {
            case EventTypes.RECOMMENDATION_ISSUED -> issued(Payloads.read(event, RecommendationIssued.class));
            case EventTypes.RECOMMENDATION_DEADLINE_CHANGED -> {
                var e = Payloads.read(event, InspectionEvents.RecommendationDeadlineChanged.class);
                require(e.recommendationId() != null && e.dueDate() != null, event);
                plan(e.recommendationId()).ifPresent(p -> {
                    if (p.status() == FollowUpPlan.Status.ENDED) {
                        return;
                    }
                    if (!e.dueDate().equals(p.dueDate)) {
                        p.dueDate = e.dueDate();
                        // a new deadline in the future: overdue and escalation may happen again for it
                        if (!e.dueDate().isBefore(LocalDate.now(clock))) {
                            p.overdueAnnounced = false;
                            p.escalatedTo = null;
                        }
                    }
                    touch(p);
                    planner.replan(p);
                });
            }
            case EventTypes.RECOMMENDATION_COMPLETION_REPORTED -> {
                var e = Payloads.read(event, InspectionEvents.RecommendationCompletionReported.class);
                require(e.recommendationId() != null, event);
                plan(e.recommendationId()).filter(p -> p.status() == FollowUpPlan.Status.ACTIVE).ifPresent(p -> {
                    p.status = FollowUpPlan.Status.PAUSED.name();
                    touch(p);
                });
            }
            case EventTypes.RECOMMENDATION_REJECTED -> {
                var e = Payloads.read(event, InspectionEvents.RecommendationRejected.class);
                require(e.recommendationId() != null, event);
                plan(e.recommendationId()).filter(p -> p.status() == FollowUpPlan.Status.PAUSED).ifPresent(p -> {
                    p.status = FollowUpPlan.Status.ACTIVE.name();
                    touch(p);
                    planner.replan(p); // reminders missed while paused are not sent late
                });
            }
            case EventTypes.RECOMMENDATION_VERIFIED -> {
                var e = Payloads.read(event, InspectionEvents.RecommendationVerified.class);
                require(e.recommendationId() != null, event);
                end(e.recommendationId(), "VERIFIED");
            }
            case EventTypes.RECOMMENDATION_CANCELLED -> {
                var e = Payloads.read(event, InspectionEvents.RecommendationCancelled.class);
                require(e.recommendationId() != null, event);
                end(e.recommendationId(), "CANCELLED");
            }
            default -> {
                // not accepted
            }
        }
    }

    private void issued(RecommendationIssued e) {
        if (e.recommendationId() == null || e.dueDate() == null || e.unitCode() == null || e.content() == null
                || e.addressees() == null || e.addressees().isEmpty()) {
            throw new PoisonEventException("recommendation.issued without id, unit, content, due date or addressees");
        }
        if (FollowUpPlan.findById(e.recommendationId()) != null) {
            LOG.debugf("Plan of recommendation %s exists; issued event ignored", e.recommendationId());
            return;
        }
        FollowUpPlan p = new FollowUpPlan();
        p.recommendationId = e.recommendationId();
        p.inspectionId = e.inspectionId();
        p.unitCode = e.unitCode();
        p.unitName = e.unitName();
        p.steeringUnitCode = e.steeringUnitCode();
        p.content = e.content();
        p.area = e.area();
        p.priority = e.priority();
        p.dueDate = e.dueDate();
        p.addressees = e.addressees();
        p.status = FollowUpPlan.Status.ACTIVE.name();
        p.createdAt = OffsetDateTime.now(clock);
        p.followFrom = p.createdAt;
        p.updatedAt = p.createdAt;
        p.persist();
        p.flush();
        planner.replan(p);
    }

    private void end(java.util.UUID id, String reason) {
        plan(id).filter(p -> p.status() != FollowUpPlan.Status.ENDED).ifPresent(p -> {
            p.status = FollowUpPlan.Status.ENDED.name();
            p.endReason = reason;
            touch(p);
            planner.cancelPlanned(id);
        });
    }

    private java.util.Optional<FollowUpPlan> plan(java.util.UUID id) {
        return FollowUpPlan.findByIdOptional(id);
    }

    private void touch(FollowUpPlan p) {
        p.updatedAt = OffsetDateTime.now(clock);
    }

    private static void require(boolean ok, IncomingEvent event) {
        if (!ok) {
            throw new PoisonEventException(event.type() + " without the fields it needs");
        }
    }
}
