package vn.qcdc.api.outbox;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import vn.qcdc.api.problem.ProblemException;
import vn.qcdc.api.security.Roles;
import vn.qcdc.backbone.outbox.ParkedEvents;

/**
 * Parked outbox events of this service (events the broker kept refusing, set aside so the others flow), for an
 * administrator: see why, fix the cause, re-queue.
 */
@Path("/api/v1/admin/outbox")
@Tag(name = "Operations", description = "Vận hành: sự kiện bị tạm giữ trong outbox")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.ADMIN)
public class OutboxAdminResource {

    @Inject
    ParkedEvents parked;

    @GET
    @Path("parked")
    @Operation(operationId = "listParkedEvents", summary = "Outbox events parked after the broker kept refusing them (oldest first)")
    public List<ParkedEvents.Parked> list(
            @QueryParam("limit") @DefaultValue("50") @Parameter(schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "500", defaultValue = "50")) int limit) {
        if (limit < 1 || limit > 500) {
            throw ProblemException.badRequest("invalid-parameter", "limit");
        }
        return parked.list(limit);
    }

    @POST
    @Path("{seq}/requeue")
    @Operation(operationId = "requeueParkedEvent", summary = "Put a parked event back in line for publishing")
    @APIResponse(responseCode = "204", description = "The event is back in line for publishing.")
    public Response requeue(@PathParam("seq") long seq) {
        if (!parked.requeue(seq)) {
            throw ProblemException.notFound("outbox-event", String.valueOf(seq));
        }
        return Response.noContent().build();
    }
}
