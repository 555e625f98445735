package vn.qcdc.notification.delivery;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponseSchema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import vn.qcdc.api.AnyOf;
import vn.qcdc.api.ETags;
import vn.qcdc.api.RowLocks;
import vn.qcdc.api.access.Access;
import vn.qcdc.api.access.Target;
import vn.qcdc.api.idempotency.Idempotency;
import vn.qcdc.api.paging.Cursor;
import vn.qcdc.api.paging.Page;
import vn.qcdc.api.problem.ProblemException;
import vn.qcdc.api.security.Roles;
import vn.qcdc.notification.access.NotificationOperations;
import vn.qcdc.units.AdministrativeUnits;

/**
 * The delivery log (nhật ký gửi thông báo): every notification with its source, recipient, channel, attempts,
 * status and times. Admin and integration see all of it; a unit officer sees its own unit's (and the units below).
 */
@Path("/api/v1/deliveries")
@Tag(name = "Deliveries", description = "Nhật ký gửi thông báo: the delivery log and retries")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.ADMIN, Roles.INTEGRATION, Roles.UNIT_OFFICER})
public class DeliveryResource {

    @Inject
    Access access;

    @Inject
    AdministrativeUnits units;

    @Inject
    Clock clock;

    @Inject
    Idempotency idempotency;

    public record DeliveryView(UUID id, String source, Delivery.Kind kind, UUID recommendationId, String step,
            String unitCode, Delivery.Channel channel, String recipient, Delivery.Status status, int attempts,
            String lastError, OffsetDateTime createdAt, OffsetDateTime nextAttemptAt, OffsetDateTime sentAt,
            long version) {
    }

    public static DeliveryView view(Delivery d) {
        return new DeliveryView(d.id, d.source, d.kind(), d.recommendationId, d.stepKey, d.unitCode, d.channel(),
                d.recipient, Delivery.Status.valueOf(d.status), d.attempts, d.lastError, d.createdAt,
                d.nextAttemptAt, d.sentAt, d.version);
    }

    /** A delivery without who it went to (address, webhook URL) and without its error text. */
    public static DeliveryView withoutRecipient(Delivery d) {
        return new DeliveryView(d.id, d.source, d.kind(), d.recommendationId, d.stepKey, d.unitCode, d.channel(),
                null, Delivery.Status.valueOf(d.status), d.attempts, null, d.createdAt, d.nextAttemptAt, d.sentAt,
                d.version);
    }

    @GET
    @Transactional
    @Operation(operationId = "listDeliveries", summary = "The delivery log, newest first; filters: unit, channel, status, kind, recommendation, recipient")
    public Page<DeliveryView> list(@QueryParam("unit") String unit, @QueryParam("channel") Delivery.Channel channel,
            @QueryParam("status") Delivery.Status status, @QueryParam("kind") Delivery.Kind kind,
            @QueryParam("recommendationId") UUID recommendationId, @QueryParam("recipient") String recipient,
            @QueryParam("cursor") String cursor, @QueryParam("limit") Integer limit) {
        int size = Cursor.limit(limit);
        StringBuilder where = new StringBuilder("1 = 1");
        Map<String, Object> params = new HashMap<>();
        Access.Scope scope = access.scope(NotificationOperations.LIST_DELIVERIES, unit);
        if (!scope.everywhere()) {
            where.append(" and ").append(AnyOf.condition("unitCode", "units"));
            params.put("units", AnyOf.texts(scope.units()));
        }
        if (channel != null) {
            where.append(" and channel = :channel");
            params.put("channel", channel.name());
        }
        if (status != null) {
            where.append(" and status = :status");
            params.put("status", status.name());
        }
        if (kind != null) {
            where.append(" and sourceKind = :kind");
            params.put("kind", kind.name());
        }
        if (recommendationId != null) {
            where.append(" and recommendationId = :rec");
            params.put("rec", recommendationId);
        }
        if (recipient != null && !recipient.isBlank()) {
            where.append(" and recipient = :recipient");
            params.put("recipient", recipient.strip());
        }
        if (cursor != null) {
            List<String> c = Cursor.decode(cursor, 2);
            try {
                params.put("cat", OffsetDateTime.parse(c.get(0)));
                params.put("cid", UUID.fromString(c.get(1)));
            } catch (RuntimeException e) {
                throw ProblemException.invalidField("cursor", "invalid-cursor");
            }
            where.append(" and (createdAt < :cat or (createdAt = :cat and id < :cid))");
        }
        List<Delivery> rows = Delivery.<Delivery>find(where + " order by createdAt desc, id desc", params)
                .page(0, size + 1).list();
        List<DeliveryView> items = new ArrayList<>();
        for (int i = 0; i < Math.min(size, rows.size()); i++) {
            items.add(view(rows.get(i)));
        }
        String next = rows.size() > size
                ? Cursor.encode(List.of(rows.get(size - 1).createdAt.toString(), rows.get(size - 1).id.toString()))
                : null;
        return new Page<>(items, next, size);
    }

    @GET
    @Path("{id}")
    @Transactional
    @Operation(operationId = "getDelivery", summary = "One delivery")
    @APIResponseSchema(value = DeliveryView.class, responseCode = "200", responseDescription = "The delivery.")
    public Response get(@PathParam("id") UUID id) {
        Delivery d = find(id, NotificationOperations.READ_DELIVERY);
        return Response.ok(view(d)).tag(ETags.of(d.version)).build();
    }

    @POST
    @Path("{id}/retry")
    @Transactional
    @RolesAllowed({Roles.ADMIN, Roles.INTEGRATION})
    @Operation(operationId = "retryDelivery", summary = "Send a failed delivery again (admin, integration); it gets a fresh set of attempts")
    @APIResponseSchema(value = DeliveryView.class, responseCode = "202", responseDescription = "The delivery, queued to be sent again.")
    public Response retry(@PathParam("id") UUID id, @HeaderParam(Idempotency.HEADER) String key,
            @HeaderParam("If-Match") String ifMatch) {
        return idempotency.execute(key, "POST /api/v1/deliveries/" + id + "/retry", Map.of(), () -> {
            Delivery d = find(id, NotificationOperations.RETRY_DELIVERY);
            ETags.requireMatch(ifMatch, RowLocks.forUpdate(d).version);
            if (!Delivery.Status.FAILED.name().equals(d.status)) {
                throw ProblemException.conflict("delivery-not-failed", d.status);
            }
            d.status = Delivery.Status.PENDING.name();
            d.attempts = 0;
            d.nextAttemptAt = OffsetDateTime.now(clock);
            d.updatedAt = d.nextAttemptAt;
            d.flush();
            return Response.accepted(view(d)).tag(ETags.of(d.version)).build();
        });
    }

    private Delivery find(UUID id, NotificationOperations op) {
        access.requireRole(op);
        Delivery d = Delivery.findById(id);
        if (d == null) {
            throw ProblemException.notFound("delivery", id);
        }
        access.require(op, Target.unit(d.unitCode), "delivery", id);
        return d;
    }
}
