package vn.qcdc.inspection.delegation;

import java.net.URI;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponseSchema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import vn.qcdc.api.ETags;
import vn.qcdc.api.idempotency.Idempotency;
import vn.qcdc.api.paging.Page;
import vn.qcdc.api.security.Roles;
import vn.qcdc.inspection.delegation.DelegationDto.DelegationInput;
import vn.qcdc.inspection.delegation.DelegationDto.DelegationView;

@Path("/api/v1/delegations")
@Tag(name = "Delegations", description = "Đoàn kiểm tra: inspection delegations of a steering committee")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.ADMIN, Roles.STEERING, Roles.INTEGRATION, Roles.VIEWER, Roles.UNIT_OFFICER, Roles.ORG_OFFICER})
public class DelegationResource {

    @Inject
    DelegationService service;

    @Inject
    Idempotency idempotency;

    @POST
    @Transactional
    @RolesAllowed({Roles.ADMIN, Roles.STEERING})
    @Operation(operationId = "createDelegation", summary = "Form a delegation (steering committee of the unit, or admin)")
    @APIResponseSchema(value = DelegationView.class, responseCode = "201", responseDescription = "The delegation formed.")
    public Response create(@HeaderParam(Idempotency.HEADER) String key, @NotNull @Valid DelegationInput in) {
        return idempotency.execute(key, "POST /api/v1/delegations", in, () -> {
            Delegation d = service.create(in);
            return Response.created(URI.create("/api/v1/delegations/" + d.id)).tag(ETags.of(d.version))
                    .entity(service.view(d)).build();
        });
    }

    @GET
    @Operation(operationId = "listDelegations", summary = "List delegations within a unit (and the units below it or merged into it)")
    public Page<DelegationView> list(@QueryParam("unit") String unit, @QueryParam("year") Integer year,
            @QueryParam("q") String q, @QueryParam("cursor") String cursor, @QueryParam("limit") Integer limit) {
        return service.list(unit, year, q, cursor, limit);
    }

    @GET
    @Path("{id}")
    @Transactional
    @Operation(operationId = "getDelegation", summary = "One delegation; its ETag carries its version")
    @APIResponseSchema(value = DelegationView.class, responseCode = "200", responseDescription = "The delegation.")
    public Response get(@PathParam("id") UUID id) {
        Delegation d = service.find(id);
        return Response.ok(service.view(d)).tag(ETags.of(d.version)).build();
    }

    @PUT
    @Path("{id}")
    @Transactional
    @RolesAllowed({Roles.ADMIN, Roles.STEERING})
    @Operation(operationId = "updateDelegation", summary = "Replace a delegation; send If-Match with its ETag to avoid overwriting a newer change")
    @APIResponseSchema(value = DelegationView.class, responseCode = "200", responseDescription = "The delegation as changed.")
    public Response update(@PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch,
            @NotNull @Valid DelegationInput in) {
        Delegation d = service.update(id, ifMatch, in);
        d.flush();
        return Response.ok(service.view(d)).tag(ETags.of(d.version)).build();
    }
}
