package vn.qcdc.notification.inbox;

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

import vn.qcdc.api.access.Access;
import vn.qcdc.api.idempotency.Idempotency;
import vn.qcdc.api.paging.Cursor;
import vn.qcdc.api.problem.ProblemException;
import vn.qcdc.api.security.Caller;
import vn.qcdc.api.security.Roles;
import vn.qcdc.notification.access.NotificationOperations;

/** The caller's own in-app inbox, by the subject of its token: nobody reads anyone else's. */
@Path("/api/v1/inbox")
@Tag(name = "Inbox", description = "Hộp thư thông báo: the caller's own notifications")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.ADMIN, Roles.STEERING, Roles.INTEGRATION, Roles.VIEWER, Roles.UNIT_OFFICER, Roles.ORG_OFFICER})
public class InboxResource {

    @Inject
    Caller caller;

    @Inject
    Clock clock;

    @Inject
    Access access;

    @Inject
    Idempotency idempotency;

    public record InboxEntry(UUID id, String kind, String title, String body, UUID recommendationId,
            String unitCode, OffsetDateTime createdAt, OffsetDateTime readAt) {
    }

    public record InboxPage(List<InboxEntry> items, String nextCursor, int limit, long unreadCount) {
    }

    static InboxEntry view(InboxItem i) {
        return new InboxEntry(i.id, i.kind, i.title, i.body, i.recommendationId, i.unitCode, i.createdAt, i.readAt);
    }

    @GET
    @Transactional
    @Operation(operationId = "listInbox", summary = "The caller's notifications, newest first, with the unread count")
    public InboxPage list(@QueryParam("unread") Boolean unreadOnly, @QueryParam("cursor") String cursor,
            @QueryParam("limit") Integer limit) {
        access.requireRole(NotificationOperations.LIST_INBOX);
        int size = Cursor.limit(limit);
        String me = caller.subject();
        StringBuilder where = new StringBuilder("userSubject = :me");
        Map<String, Object> params = new HashMap<>();
        params.put("me", me);
        if (Boolean.TRUE.equals(unreadOnly)) {
            where.append(" and readAt is null");
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
        List<InboxItem> rows = InboxItem.<InboxItem>find(where + " order by createdAt desc, id desc", params)
                .page(0, size + 1).list();
        List<InboxEntry> items = new ArrayList<>();
        for (int i = 0; i < Math.min(size, rows.size()); i++) {
            items.add(view(rows.get(i)));
        }
        String next = rows.size() > size
                ? Cursor.encode(List.of(rows.get(size - 1).createdAt.toString(), rows.get(size - 1).id.toString()))
                : null;
        long unread = InboxItem.unreadOf(me);
        return new InboxPage(items, next, size, unread);
    }

    @POST
    @Path("{id}/read")
    @Transactional
    @Operation(operationId = "markNotificationRead", summary = "Mark one of the caller's notifications read")
    @APIResponseSchema(value = InboxEntry.class, responseCode = "200", responseDescription = "The notification, read.")
    public Response markRead(@PathParam("id") UUID id, @HeaderParam(Idempotency.HEADER) String key) {
        access.requireRole(NotificationOperations.MARK_READ);
        return idempotency.execute(key, "POST /api/v1/inbox/" + id + "/read", Map.of(), () -> {
            InboxItem i = InboxItem.findById(id);
            if (i == null || !i.userSubject.equals(caller.subject())) {
                throw ProblemException.notFound("notification", id);
            }
            if (i.readAt == null) {
                i.readAt = OffsetDateTime.now(clock);
            }
            return Response.ok(view(i)).build();
        });
    }

    public record ReadAll(int marked) {
    }

    @POST
    @Path("read-all")
    @Transactional
    @Operation(operationId = "markAllNotificationsRead", summary = "Mark all of the caller's notifications read")
    @APIResponseSchema(value = ReadAll.class, responseCode = "200", responseDescription = "How many notifications were marked read.")
    public Response markAllRead(@HeaderParam(Idempotency.HEADER) String key) {
        access.requireRole(NotificationOperations.MARK_ALL_READ);
        return idempotency.execute(key, "POST /api/v1/inbox/read-all", Map.of(), () -> {
            int n = InboxItem.update("readAt = ?1 where userSubject = ?2 and readAt is null",
                    OffsetDateTime.now(clock), caller.subject());
            return Response.ok(new ReadAll(n)).build();
        });
    }
}
