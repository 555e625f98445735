package vn.qcdc.notification.access;

import static vn.qcdc.api.access.Operation.Kind.CREATE;
import static vn.qcdc.api.access.Operation.Kind.FIELD;
import static vn.qcdc.api.access.Operation.Kind.LIST;
import static vn.qcdc.api.access.Operation.Kind.RECORD;

import java.util.List;

import vn.qcdc.api.access.Grant;
import vn.qcdc.api.access.Operation;
import vn.qcdc.api.access.Relation;
import vn.qcdc.api.security.Roles;

/**
 * The decision table of notification-service ({@link vn.qcdc.api.access.Access} decides from it; the README table
 * and the authorization test are generated from it). Who receives what (contacts, and the recipients, webhook URLs
 * and errors of deliveries) is for the admin, the portals' integration accounts and the unit's officers; every role
 * reads the follow-up plans of its unit and its own inbox.
 */
public enum NotificationOperations implements Operation {

    // One operation per line, so the table reads as a table (the formatter would wrap it).
    // @formatter:off
    CREATE_CONTACT(CREATE, "POST", "/contacts", G.DIRECTORY),
    LIST_CONTACTS(LIST, "GET", "/contacts", G.DIRECTORY),
    READ_CONTACT(RECORD, "GET", "/contacts/{id}", G.DIRECTORY),
    UPDATE_CONTACT(RECORD, "PUT", "/contacts/{id}", G.DIRECTORY),
    DELETE_CONTACT(RECORD, "DELETE", "/contacts/{id}", G.DIRECTORY),
    ENABLE_WEBHOOK(RECORD, "POST", "/contacts/{id}/webhooks/{webhookId}/enable", List.of(Grant.of(Roles.ADMIN, Relation.EVERYWHERE))),

    READ_FOLLOWUP(RECORD, "GET", "/followups/{recommendationId}", G.READERS),
    /** Who a follow-up's deliveries went to, and why they failed: only for those who may read the delivery log. */
    READ_DELIVERY_DETAILS(FIELD, null, "recipients, webhook URLs and errors in `sent` of a follow-up", G.LOG),

    LIST_DELIVERIES(LIST, "GET", "/deliveries", G.LOG),
    READ_DELIVERY(RECORD, "GET", "/deliveries/{id}", G.LOG),
    RETRY_DELIVERY(RECORD, "POST", "/deliveries/{id}/retry", G.DIRECTORY),

    LIST_INBOX(RECORD, "GET", "/inbox", G.OWN),
    MARK_READ(RECORD, "POST", "/inbox/{id}/read", G.OWN),
    MARK_ALL_READ(RECORD, "POST", "/inbox/read-all", G.OWN);
    // @formatter:on

    private final Kind kind;
    private final String method;
    private final String path;
    private final List<Grant> grants;

    NotificationOperations(Kind kind, String method, String path, List<Grant> grants) {
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
        static final List<Grant> READERS = List.of(Grant.of(Roles.ADMIN, Relation.EVERYWHERE),
                Grant.of(Roles.STEERING, Relation.IN_SCOPE), Grant.of(Roles.UNIT_OFFICER, Relation.IN_SCOPE),
                Grant.of(Roles.ORG_OFFICER, Relation.IN_SCOPE), Grant.of(Roles.VIEWER, Relation.IN_SCOPE),
                Grant.of(Roles.INTEGRATION, Relation.IN_SCOPE));
        /** The contact directory and retries: the admin, and a portal's integration account for its unit. */
        static final List<Grant> DIRECTORY = List.of(Grant.of(Roles.ADMIN, Relation.EVERYWHERE),
                Grant.of(Roles.INTEGRATION, Relation.IN_SCOPE));
        /** The delivery log: as the directory, plus the unit's officers for their unit. */
        static final List<Grant> LOG = List.of(Grant.of(Roles.ADMIN, Relation.EVERYWHERE),
                Grant.of(Roles.UNIT_OFFICER, Relation.IN_SCOPE), Grant.of(Roles.INTEGRATION, Relation.IN_SCOPE));
        /** Everyone's own inbox, by token subject. */
        static final List<Grant> OWN = List.of(Grant.of(Roles.ADMIN, Relation.OWN_ITEMS),
                Grant.of(Roles.STEERING, Relation.OWN_ITEMS), Grant.of(Roles.UNIT_OFFICER, Relation.OWN_ITEMS),
                Grant.of(Roles.ORG_OFFICER, Relation.OWN_ITEMS), Grant.of(Roles.VIEWER, Relation.OWN_ITEMS),
                Grant.of(Roles.INTEGRATION, Relation.OWN_ITEMS));
    }
}
