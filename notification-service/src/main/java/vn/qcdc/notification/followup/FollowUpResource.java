package vn.qcdc.notification.followup;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import vn.qcdc.api.access.Access;
import vn.qcdc.api.access.Target;
import vn.qcdc.api.problem.ProblemException;
import vn.qcdc.api.security.Roles;
import vn.qcdc.events.inspection.InspectionEvents.Addressee;
import vn.qcdc.notification.access.NotificationOperations;
import vn.qcdc.notification.delivery.Delivery;
import vn.qcdc.notification.delivery.DeliveryResource;
import vn.qcdc.notification.delivery.DeliveryResource.DeliveryView;

@Path("/api/v1/followups")
@Tag(name = "Follow-ups", description = "Kế hoạch đôn đốc: the reminders and escalation of a recommendation")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.ADMIN, Roles.STEERING, Roles.INTEGRATION, Roles.VIEWER, Roles.UNIT_OFFICER, Roles.ORG_OFFICER})
public class FollowUpResource {

    @Inject
    Access access;

    public record StepView(String step, FollowUpStep.Kind kind, OffsetDateTime dueAt, FollowUpStep.Status status,
            OffsetDateTime doneAt, int deliveries) {
    }

    public record PlanView(UUID recommendationId, UUID inspectionId, String unitCode, String unitName,
            String steeringUnitCode, String content, LocalDate dueDate, List<Addressee> addressees,
            FollowUpPlan.Status status, String endReason, boolean overdueAnnounced, String escalatedTo,
            List<StepView> steps, List<DeliveryView> sent, long version) {
    }

    @GET
    @Path("{recommendationId}")
    @Transactional
    @Operation(operationId = "getFollowUpPlan", summary = "The follow-up plan of a recommendation: its steps and every delivery made for it (who they"
            + " went to and their errors only for the roles that read the delivery log)")
    public PlanView get(@PathParam("recommendationId") UUID id) {
        access.requireRole(NotificationOperations.READ_FOLLOWUP);
        FollowUpPlan p = FollowUpPlan.findById(id);
        if (p == null) {
            throw ProblemException.notFound("follow-up", id);
        }
        Target plan = Target.decidedBy(p.unitCode, p.steeringUnitCode);
        access.require(NotificationOperations.READ_FOLLOWUP, plan, "follow-up", id);
        boolean details = access.allows(NotificationOperations.READ_DELIVERY_DETAILS, plan);
        List<StepView> steps = FollowUpStep.<FollowUpStep>list("recommendationId = ?1 order by dueAt, stepKey", id)
                .stream().map(s -> new StepView(s.stepKey, FollowUpStep.Kind.valueOf(s.kind), s.dueAt,
                        FollowUpStep.Status.valueOf(s.status), s.doneAt, s.deliveries))
                .toList();
        List<DeliveryView> sent = Delivery.<Delivery>list("recommendationId = ?1 order by createdAt, id", id).stream()
                .map(details ? DeliveryResource::view : DeliveryResource::withoutRecipient).toList();
        return new PlanView(p.recommendationId, p.inspectionId, p.unitCode, p.unitName, p.steeringUnitCode,
                p.content, p.dueDate, p.addressees, p.status(), p.endReason, p.overdueAnnounced, p.escalatedTo, steps,
                sent, p.version);
    }
}
