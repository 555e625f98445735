package vn.qcdc.api.access;

import static vn.qcdc.api.access.Operation.Kind.LIST;
import static vn.qcdc.api.access.Operation.Kind.RECORD;

import java.util.List;

import vn.qcdc.api.security.Roles;

/**
 * The decision table of the endpoints every service has from {@code platform/api-support}: the administrative-unit
 * reference data (any signed-in role) and the operator's endpoints (the outbox's parked events, the test clock: the
 * national administrator only). Each service's README shows these rows under its own. The public endpoints (labels,
 * public views) need no token and are not in any table.
 */
public enum PlatformOperations implements Operation {

    // One operation per line, so the table reads as a table (the formatter would wrap it).
    // @formatter:off
    LIST_UNITS(LIST, "GET", "/units", G.ANY_ROLE),
    READ_UNIT(RECORD, "GET", "/units/{code}", G.ANY_ROLE),

    LIST_PARKED_EVENTS(LIST, "GET", "/admin/outbox/parked", G.ADMIN),
    REQUEUE_PARKED_EVENT(RECORD, "POST", "/admin/outbox/{seq}/requeue", G.ADMIN),
    READ_CLOCK(RECORD, "GET", "/admin/clock", G.ADMIN),
    SET_CLOCK(RECORD, "PUT", "/admin/clock", G.ADMIN),
    RESET_CLOCK(RECORD, "DELETE", "/admin/clock", G.ADMIN);
    // @formatter:on

    private final Kind kind;
    private final String method;
    private final String path;
    private final List<Grant> grants;

    PlatformOperations(Kind kind, String method, String path, List<Grant> grants) {
        this.kind = kind;
        this.method = method;
        this.path = path;
        this.grants = grants;
    }

    @Override
    public Kind kind() {
        return kind;
    }

    @Override
    public String method() {
        return method;
    }

    @Override
    public String path() {
        return path;
    }

    @Override
    public List<Grant> grants() {
        return grants;
    }

    private static final class G {
        static final List<Grant> ANY_ROLE = List.of(Grant.of(Roles.ADMIN, Relation.ANY),
                Grant.of(Roles.STEERING, Relation.ANY), Grant.of(Roles.UNIT_OFFICER, Relation.ANY),
                Grant.of(Roles.ORG_OFFICER, Relation.ANY), Grant.of(Roles.VIEWER, Relation.ANY),
                Grant.of(Roles.INTEGRATION, Relation.ANY));
        static final List<Grant> ADMIN = List.of(Grant.of(Roles.ADMIN, Relation.EVERYWHERE));
    }
}
