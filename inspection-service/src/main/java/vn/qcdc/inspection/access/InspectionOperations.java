package vn.qcdc.inspection.access;

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
 * The decision table of inspection-service: every operation, and for each role the relation its unit must have to
 * the record ({@link vn.qcdc.api.access.Access} decides from it; the README table and the authorization test are
 * generated from it). The inspected ward reads and reports; only the inspecting committee's side (steering at the
 * committee's unit, or above it) schedules, edits, concludes, verifies, rejects, extends or cancels.
 */
public enum InspectionOperations implements Operation {

    // One operation per line, so the table reads as a table (the formatter would wrap it).
    // @formatter:off
    CREATE_DELEGATION(CREATE, "POST", "/delegations", G.COMMITTEE),
    LIST_DELEGATIONS(LIST, "GET", "/delegations", G.READERS),
    READ_DELEGATION(RECORD, "GET", "/delegations/{id}", G.READERS),
    UPDATE_DELEGATION(RECORD, "PUT", "/delegations/{id}", G.COMMITTEE),

    /** Acts on the delegation named in the body: one the caller does not see answers 404. */
    SCHEDULE_INSPECTION(RECORD, "POST", "/inspections", G.COMMITTEE),
    LIST_INSPECTIONS(LIST, "GET", "/inspections", G.READERS),
    READ_INSPECTION(RECORD, "GET", "/inspections/{id}", G.READERS),
    /** The delegation's internal note (ghi chú nội bộ) on an inspection: the committee's side only. */
    READ_INTERNAL_NOTE(FIELD, null, "`internalNote` of an inspection", G.COMMITTEE),
    UPDATE_INSPECTION(RECORD, "PUT", "/inspections/{id}", G.COMMITTEE),
    START_INSPECTION(RECORD, "POST", "/inspections/{id}/start", G.COMMITTEE),
    CANCEL_INSPECTION(RECORD, "POST", "/inspections/{id}/cancel", G.COMMITTEE),
    CONCLUDE_INSPECTION(RECORD, "POST", "/inspections/{id}/conclusion", G.COMMITTEE),
    READ_INSPECTION_HISTORY(RECORD, "GET", "/inspections/{id}/history", G.READERS),
    ADD_FINDING(RECORD, "POST", "/inspections/{id}/findings", G.COMMITTEE),
    LIST_FINDINGS(RECORD, "GET", "/inspections/{id}/findings", G.READERS),
    CHANGE_FINDING(RECORD, "PUT", "/inspections/{id}/findings/{findingId}", G.COMMITTEE),
    LINK_EVIDENCE(RECORD, "POST", "/inspections/{id}/evidence", G.COMMITTEE),
    UPLOAD_EVIDENCE(RECORD, "POST", "/inspections/{id}/evidence/upload", G.COMMITTEE),
    LIST_EVIDENCE(RECORD, "GET", "/inspections/{id}/evidence", G.READERS),
    DOWNLOAD_EVIDENCE(RECORD, "GET", "/inspections/{id}/evidence/{evidenceId}/content", G.READERS),

    LIST_RECOMMENDATIONS(LIST, "GET", "/recommendations", G.READERS),
    READ_RECOMMENDATION(RECORD, "GET", "/recommendations/{id}", G.READERS),
    READ_REPORTS(RECORD, "GET", "/recommendations/{id}/reports", G.READERS),
    READ_RECOMMENDATION_HISTORY(RECORD, "GET", "/recommendations/{id}/history", G.READERS),
    REPORT_PROGRESS(RECORD, "POST", "/recommendations/{id}/progress", G.ADDRESSEES),
    REPORT_COMPLETION(RECORD, "POST", "/recommendations/{id}/completion", G.ADDRESSEES),
    /** The addressees' own evidence for their reports, stored among the inspection's documents. */
    UPLOAD_REPORT_EVIDENCE(RECORD, "POST", "/recommendations/{id}/evidence/upload", G.ADDRESSEES),
    /** The files the reports name: whoever reads the recommendation reads the evidence it was reported with. */
    LIST_REPORT_EVIDENCE(RECORD, "GET", "/recommendations/{id}/evidence", G.READERS),
    DOWNLOAD_REPORT_EVIDENCE(RECORD, "GET", "/recommendations/{id}/evidence/{evidenceId}/content", G.READERS),
    VERIFY(RECORD, "POST", "/recommendations/{id}/verify", G.COMMITTEE),
    REJECT(RECORD, "POST", "/recommendations/{id}/reject", G.COMMITTEE),
    CHANGE_DEADLINE(RECORD, "POST", "/recommendations/{id}/deadline", G.COMMITTEE),
    CANCEL_RECOMMENDATION(RECORD, "POST", "/recommendations/{id}/cancel", G.COMMITTEE),

    RECOMMENDATION_STATISTICS(LIST, "GET", "/statistics/recommendations", G.READERS),

    /** Bulk import of past records of the committee's unit; each row is also checked as the record's own decision. */
    IMPORT_INSPECTIONS(CREATE, "POST", "/imports/inspections", G.COMMITTEE),
    LIST_IMPORTS(LIST, "GET", "/imports", G.COMMITTEE),
    READ_IMPORT(RECORD, "GET", "/imports/{id}", G.COMMITTEE),
    DOWNLOAD_IMPORT_ERRORS(RECORD, "GET", "/imports/{id}/errors.csv", G.COMMITTEE);
    // @formatter:on

    /** Configuration switch: a portal's integration account may report for the bodies of its unit. */
    public static final String INTEGRATION_WRITES = "qcdc.inspection.integration-writes";

    private final Kind kind;
    private final String method;
    private final String path;
    private final List<Grant> grants;

    InspectionOperations(Kind kind, String method, String path, List<Grant> grants) {
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

    /** The recurring columns of the table. */
    private static final class G {
        /** Every role reads within its unit; the admin everywhere. */
        static final List<Grant> READERS = List.of(Grant.of(Roles.ADMIN, Relation.EVERYWHERE),
                Grant.of(Roles.STEERING, Relation.IN_SCOPE), Grant.of(Roles.UNIT_OFFICER, Relation.IN_SCOPE),
                Grant.of(Roles.ORG_OFFICER, Relation.IN_SCOPE), Grant.of(Roles.VIEWER, Relation.IN_SCOPE),
                Grant.of(Roles.INTEGRATION, Relation.IN_SCOPE));
        /** The inspecting committee's side: steering at the committee's unit or above. */
        static final List<Grant> COMMITTEE = List.of(Grant.of(Roles.ADMIN, Relation.EVERYWHERE),
                Grant.of(Roles.STEERING, Relation.DECIDING_UNIT));
        /** The addressed bodies: the unit's officer for any of its bodies, an organisation's officer for its own. */
        static final List<Grant> ADDRESSEES = List.of(Grant.of(Roles.ADMIN, Relation.EVERYWHERE),
                Grant.of(Roles.UNIT_OFFICER, Relation.ADDRESSEE), Grant.of(Roles.ORG_OFFICER, Relation.ADDRESSEE),
                Grant.when(INTEGRATION_WRITES, Roles.INTEGRATION, Relation.ADDRESSEE));
    }
}
