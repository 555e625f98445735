package vn.qcdc.notification.contact;

import java.net.URI;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
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
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponseSchema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import vn.qcdc.api.ETags;
import vn.qcdc.api.idempotency.Idempotency;
import vn.qcdc.api.paging.Page;
import vn.qcdc.api.security.Roles;
import vn.qcdc.events.BodyType;
import vn.qcdc.notification.contact.ContactDto.ContactInput;
import vn.qcdc.notification.contact.ContactDto.ContactView;

@Path("/api/v1/contacts")
@Tag(name = "Contacts", description = "Danh bạ nhận thông báo: who receives what, on which channels")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.ADMIN, Roles.INTEGRATION})
public class ContactResource {

    @Inject
    ContactService service;

    @Inject
    Idempotency idempotency;

    @POST
    @Transactional
    @Operation(operationId = "createContact", summary = "Register a body at a unit and its channels (admin, integration)")
    @APIResponseSchema(value = ContactView.class, responseCode = "201", responseDescription = "The contact registered.")
    public Response create(@HeaderParam(Idempotency.HEADER) String key, @NotNull @Valid ContactInput in) {
        return idempotency.execute(key, "POST /api/v1/contacts", in, () -> {
            Contact c = service.create(in);
            c.flush();
            return Response.created(URI.create("/api/v1/contacts/" + c.id)).tag(ETags.of(c.version))
                    .entity(service.view(c)).build();
        });
    }

    @GET
    @Operation(operationId = "listContacts", summary = "List contacts within a unit (and the units below it or merged into it)")
    public Page<ContactView> list(@QueryParam("unit") String unit, @QueryParam("bodyType") BodyType bodyType,
            @QueryParam("q") String q, @QueryParam("cursor") String cursor, @QueryParam("limit") Integer limit) {
        return service.list(unit, bodyType, q, cursor, limit);
    }

    @GET
    @Path("{id}")
    @Transactional
    @Operation(operationId = "getContact", summary = "One contact; its ETag is the version to send back in If-Match")
    @APIResponseSchema(value = ContactView.class, responseCode = "200", responseDescription = "The contact.")
    public Response get(@PathParam("id") UUID id) {
        Contact c = service.find(id);
        return Response.ok(service.view(c)).tag(ETags.of(c.version)).build();
    }

    @PUT
    @Path("{id}")
    @Transactional
    @Operation(operationId = "updateContact", summary = "Replace a contact; send If-Match with its ETag to avoid overwriting a newer change")
    @APIResponseSchema(value = ContactView.class, responseCode = "200", responseDescription = "The contact as changed.")
    public Response update(@PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch,
            @NotNull @Valid ContactInput in) {
        Contact c = service.update(id, ifMatch, in);
        c.flush();
        return Response.ok(service.view(c)).tag(ETags.of(c.version)).build();
    }

    @DELETE
    @Path("{id}")
    @Consumes(MediaType.WILDCARD)
    @Transactional
    @Operation(operationId = "deleteContact", summary = "Remove a contact (If-Match honoured)")
    @APIResponse(responseCode = "204", description = "The contact is removed.")
    public Response delete(@PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch) {
        service.delete(id, ifMatch);
        return Response.noContent().build();
    }

    @POST
    @Path("{id}/webhooks/{webhookId}/enable")
    @Consumes(MediaType.WILDCARD)
    @Transactional
    @RolesAllowed(Roles.ADMIN)
    @Operation(operationId = "enableWebhook", summary = "Re-enable a webhook endpoint that was disabled after 410 or persistent failures (admin)")
    @APIResponseSchema(value = ContactView.class, responseCode = "200", responseDescription = "The contact with the webhook enabled again.")
    public Response enableWebhook(@PathParam("id") UUID id, @PathParam("webhookId") UUID webhookId) {
        Contact c = service.enableWebhook(id, webhookId);
        c.flush();
        return Response.ok(service.view(c)).tag(ETags.of(c.version)).build();
    }
}
