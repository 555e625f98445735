package vn.qcdc.modelregistry.access;

import static vn.qcdc.api.access.Operation.Kind.CREATE;
import static vn.qcdc.api.access.Operation.Kind.LIST;
import static vn.qcdc.api.access.Operation.Kind.RECORD;

import java.util.List;

import vn.qcdc.api.access.Grant;
import vn.qcdc.api.access.Operation;
import vn.qcdc.api.access.Relation;
import vn.qcdc.api.security.Roles;

/**
 * The decision table of model-registry-service ({@link vn.qcdc.api.access.Access} decides from it; the README table
 * and the authorization test are generated from it). An organisation maintains its own models (its officer, or the
 * unit's officer for any organisation of the unit); only the steering committee of the competent unit the model is
 * proposed to (or above it) recognises or rejects it.
 */
public enum ModelOperations implements Operation {

    // One operation per line, so the table reads as a table (the formatter would wrap it).
    // @formatter:off
    REGISTER_MODEL(CREATE, "POST", "/models", G.MAINTAINERS),
    LIST_MODELS(LIST, "GET", "/models", G.READERS),
    EXPORT_MODELS(LIST, "GET", "/models/export.csv", G.READERS),
    READ_MODEL(RECORD, "GET", "/models/{id}", G.READERS),
    UPDATE_MODEL(RECORD, "PUT", "/models/{id}", G.MAINTAINERS),
    START_MODEL(RECORD, "POST", "/models/{id}/start", G.MAINTAINERS),
    REPORT_RESULTS(RECORD, "POST", "/models/{id}/reports", G.MAINTAINERS),
    LIST_REPORTS(RECORD, "GET", "/models/{id}/reports", G.READERS),
    UPLOAD_EVIDENCE(RECORD, "POST", "/models/{id}/evidence", G.MAINTAINERS),
    DOWNLOAD_EVIDENCE(RECORD, "GET", "/models/{id}/evidence/{evidenceId}", G.READERS),
    SELF_EVALUATE(RECORD, "POST", "/models/{id}/self-evaluation", G.MAINTAINERS),
    PROPOSE(RECORD, "POST", "/models/{id}/proposal", G.MAINTAINERS),
    RECOGNISE(RECORD, "POST", "/models/{id}/recognition", G.DECIDERS),
    REJECT(RECORD, "POST", "/models/{id}/rejection", G.DECIDERS),
    WITHDRAW(RECORD, "POST", "/models/{id}/withdrawal", G.MAINTAINERS),
    PROPOSE_COMMENDATION(RECORD, "POST", "/models/{id}/commendation-proposal", G.MAINTAINERS),
    CONTINUE_MODEL(RECORD, "POST", "/models/{id}/continuation", G.MAINTAINERS),
    READ_HISTORY(RECORD, "GET", "/models/{id}/history", G.READERS),

    STATISTICS(LIST, "GET", "/model-statistics", G.READERS),
    EXPORT_STATISTICS(LIST, "GET", "/model-statistics/export.csv", G.READERS),

    IMPORT_MODELS(CREATE, "POST", "/imports/models", G.IMPORTERS),
    LIST_IMPORTS(LIST, "GET", "/imports", G.IMPORTERS),
    READ_IMPORT(RECORD, "GET", "/imports/{id}", G.IMPORTERS),
    DOWNLOAD_IMPORT_ERRORS(RECORD, "GET", "/imports/{id}/errors.csv", G.IMPORTERS);
    // @formatter:on

    private final Kind kind;
    private final String method;
    private final String path;
    private final List<Grant> grants;

    ModelOperations(Kind kind, String method, String path, List<Grant> grants) {
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
        /** Every role reads within its unit, an organisation officer only its own organisation's models. */
        static final List<Grant> READERS = List.of(Grant.of(Roles.ADMIN, Relation.EVERYWHERE),
                Grant.of(Roles.STEERING, Relation.IN_SCOPE), Grant.of(Roles.UNIT_OFFICER, Relation.IN_SCOPE),
                Grant.of(Roles.ORG_OFFICER, Relation.OWN_ORGANISATION), Grant.of(Roles.VIEWER, Relation.IN_SCOPE),
                Grant.of(Roles.INTEGRATION, Relation.IN_SCOPE));
        /** The organisation's officer for its own models, the unit's officer for any organisation of the unit. */
        static final List<Grant> MAINTAINERS = List.of(Grant.of(Roles.ADMIN, Relation.EVERYWHERE),
                Grant.of(Roles.UNIT_OFFICER, Relation.IN_SCOPE),
                Grant.of(Roles.ORG_OFFICER, Relation.OWN_ORGANISATION));
        /**
         * Bulk import of past models (their recognitions included): the steering committee that keeps the province's
         * or the unit's records, within its unit, as inspection-service's import is the committee's.
         */
        static final List<Grant> IMPORTERS = List.of(Grant.of(Roles.ADMIN, Relation.EVERYWHERE),
                Grant.of(Roles.STEERING, Relation.IN_SCOPE));
        /** The steering committee of the competent unit (the proposal's), or above it. */
        static final List<Grant> DECIDERS = List.of(Grant.of(Roles.ADMIN, Relation.EVERYWHERE),
                Grant.of(Roles.STEERING, Relation.DECIDING_UNIT));
    }
}
