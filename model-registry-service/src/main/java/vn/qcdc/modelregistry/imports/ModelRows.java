package vn.qcdc.modelregistry.imports;

import java.time.LocalDate;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.validation.Validator;

import vn.qcdc.api.access.Access;
import vn.qcdc.api.access.Target;
import vn.qcdc.api.imports.Cells;
import vn.qcdc.api.imports.ImportFile.Row;
import vn.qcdc.api.imports.RowError;
import vn.qcdc.api.problem.ProblemException;
import vn.qcdc.events.BodyType;
import vn.qcdc.modelregistry.access.ModelOperations;
import vn.qcdc.modelregistry.model.DvkModel;
import vn.qcdc.modelregistry.model.DvkModel.Status;
import vn.qcdc.modelregistry.model.ModelDto;
import vn.qcdc.modelregistry.model.ModelService;
import vn.qcdc.units.AdministrativeUnit;
import vn.qcdc.units.AdministrativeUnits;

/**
 * The rules a row of a model import must meet: the API's own for the model it writes (the registration input's
 * constraints and {@link ModelService#check}: its unit in force on the model's date, an organisation that may hold a
 * model; a proposal to a competent unit; a recognition decision dated within or after the model's year), the life
 * cycle (the steps up to the status reached each dated, in order, none in the future, none beyond that status), and
 * who may import it (the decision table). One instance per job: it remembers the external ids it saw.
 */
final class ModelRows {

    /** The life cycle's way to a recognition; a refusal ends it after the proposal, a withdrawal at any step. */
    private static final List<Status> PATH = List.of(Status.REGISTERED, Status.IMPLEMENTING, Status.SELF_EVALUATED,
            Status.PROPOSED);

    /** The column of each step's date. */
    private static final Map<Status, ModelColumn> STEP_DATES = Map.of(Status.REGISTERED, ModelColumn.REGISTERED_ON,
            Status.IMPLEMENTING, ModelColumn.STARTED_ON, Status.SELF_EVALUATED, ModelColumn.SELF_EVALUATED_ON,
            Status.PROPOSED, ModelColumn.PROPOSED_ON, Status.RECOGNISED, ModelColumn.DECISION_DATE,
            Status.NOT_RECOGNISED, ModelColumn.ENDED_ON, Status.WITHDRAWN, ModelColumn.ENDED_ON);

    /** The columns of the registration input, by property (for the service's refusals). */
    private static final Map<String, ModelColumn> MODEL_FIELDS = Map.ofEntries(Map.entry("name", ModelColumn.NAME),
            Map.entry("unitCode", ModelColumn.UNIT), Map.entry("orgType", ModelColumn.ORG_TYPE),
            Map.entry("orgName", ModelColumn.ORG_NAME), Map.entry("year", ModelColumn.YEAR),
            Map.entry("field", ModelColumn.FIELD), Map.entry("kind", ModelColumn.KIND),
            Map.entry("holderName", ModelColumn.HOLDER), Map.entry("description", ModelColumn.DESCRIPTION),
            Map.entry("objectives", ModelColumn.OBJECTIVES), Map.entry("startDate", ModelColumn.START_DATE),
            Map.entry("participants", ModelColumn.PARTICIPANTS),
            Map.entry("beneficiaries", ModelColumn.BENEFICIARIES));
    private static final Map<String, ModelColumn> PROPOSAL_FIELDS = Map.of("level", ModelColumn.PROPOSAL_LEVEL,
            "unitCode", ModelColumn.PROPOSAL_UNIT, "body", ModelColumn.PROPOSAL_BODY, "note",
            ModelColumn.PROPOSAL_BODY);
    private static final Map<String, ModelColumn> RECOGNITION_FIELDS = Map.of("decisionNumber",
            ModelColumn.DECISION_NUMBER, "decisionDate", ModelColumn.DECISION_DATE, "level",
            ModelColumn.RECOGNITION_LEVEL, "body", ModelColumn.RECOGNITION_BODY, "outstanding",
            ModelColumn.OUTSTANDING);

    private final Access access;
    private final AdministrativeUnits units;
    private final ModelService models;
    private final Validator validator;
    private final LocalDate today;
    private final String scope;
    private final Set<String> seen = new HashSet<>();

    ModelRows(Access access, AdministrativeUnits units, ModelService models, Validator validator, LocalDate today,
            String scope) {
        this.access = access;
        this.units = units;
        this.models = models;
        this.validator = validator;
        this.today = today;
        this.scope = scope;
    }

    /** The row's model, or null with its errors added to {@code errors}. */
    ModelService.Imported check(Row<ModelColumn> row, List<RowError> errors) {
        Cells<ModelColumn> c = new Cells<>(row, errors, today);
        if (c.unreadable()) {
            return null;
        }
        String externalId = c.text(ModelColumn.EXTERNAL_ID, 100, true);
        if (externalId != null && !seen.add(externalId)) {
            c.error(ModelColumn.EXTERNAL_ID, "import-duplicate-id", externalId);
        }
        ModelDto.ModelInput in = new ModelDto.ModelInput(c.text(ModelColumn.NAME, Integer.MAX_VALUE, false),
                c.text(ModelColumn.UNIT, Integer.MAX_VALUE, false),
                c.enumValue(ModelColumn.ORG_TYPE, BodyType.class, false),
                c.text(ModelColumn.ORG_NAME, Integer.MAX_VALUE, false),
                c.integer(ModelColumn.YEAR, Integer.MIN_VALUE, Integer.MAX_VALUE),
                c.enumValue(ModelColumn.FIELD, DvkModel.Field.class, false),
                c.enumValue(ModelColumn.KIND, DvkModel.Kind.class, false),
                c.text(ModelColumn.HOLDER, Integer.MAX_VALUE, false),
                c.text(ModelColumn.DESCRIPTION, Integer.MAX_VALUE, false),
                c.text(ModelColumn.OBJECTIVES, Integer.MAX_VALUE, false), c.date(ModelColumn.START_DATE, false),
                c.text(ModelColumn.PARTICIPANTS, Integer.MAX_VALUE, false),
                c.text(ModelColumn.BENEFICIARIES, Integer.MAX_VALUE, false), null);
        c.violations(validator.validate(in), MODEL_FIELDS::get);
        AdministrativeUnit unit = null;
        if (!c.failed()) {
            try {
                unit = models.check(in);
            } catch (ProblemException e) {
                c.error(e, MODEL_FIELDS::get);
            }
        }
        if (unit != null && !units.isWithin(unit.code(), scope)) {
            c.error(ModelColumn.UNIT, "import-unit-outside-job", unit.code(), scope);
        } else if (unit != null && !access.allows(ModelOperations.IMPORT_MODELS,
                Target.unit(unit.code()).ofOrganisation(in.orgType().name()))) {
            c.error(ModelColumn.UNIT, "import-forbidden-unit", unit.code());
        }
        if (externalId != null) {
            DvkModel known = DvkModel.<DvkModel>find("externalId", externalId).firstResult();
            if (known != null && (!units.isWithin(known.unitCode, scope)
                    || !access.allows(ModelOperations.IMPORT_MODELS, ModelService.target(known)))) {
                c.error(ModelColumn.EXTERNAL_ID, "import-forbidden-unit", known.unitCode);
            }
        }
        Status status = c.enumValue(ModelColumn.STATUS, Status.class, false);
        if (status == null && c.has(ModelColumn.STATUS)) {
            // unknown: the steps it needs cannot be told
            return null;
        }
        status = status == null ? Status.REGISTERED : status;
        Map<Status, LocalDate> steps = steps(c, status);
        String selfEvaluation = c.text(ModelColumn.SELF_EVALUATION, 10000, false);
        if (selfEvaluation != null && !steps.containsKey(Status.SELF_EVALUATED)) {
            c.error(ModelColumn.SELF_EVALUATION, "import-not-for-status", status);
        }
        ModelDto.ProposalInput proposal = proposal(c, status, steps, in);
        ModelDto.RecognitionInput recognition = recognition(c, status, in);
        String reason = c.text(ModelColumn.REASON, 2000, false);
        boolean refused = status == Status.NOT_RECOGNISED || status == Status.WITHDRAWN;
        if (refused && reason == null) {
            c.error(ModelColumn.REASON, "import-required-for-status", status);
        }
        return c.failed()
                ? null
                : new ModelService.Imported(externalId, in, status, steps, selfEvaluation, proposal, recognition,
                        reason);
    }

    /**
     * The dates of the steps up to {@code status}: each required, in order, none in the future; the date of a step
     * beyond it refused. A withdrawn model took the steps whose dates are given (a prefix of the way).
     */
    private static Map<Status, LocalDate> steps(Cells<ModelColumn> c, Status status) {
        List<Status> way;
        if (status == Status.WITHDRAWN) {
            int taken = 1;
            while (taken < PATH.size() && c.has(STEP_DATES.get(PATH.get(taken)))) {
                taken++;
            }
            way = new java.util.ArrayList<>(PATH.subList(0, taken));
            way.add(Status.WITHDRAWN);
        } else if (status == Status.RECOGNISED || status == Status.NOT_RECOGNISED) {
            way = new java.util.ArrayList<>(PATH);
            way.add(status);
        } else {
            way = PATH.subList(0, PATH.indexOf(status) + 1);
        }
        Map<Status, LocalDate> out = new LinkedHashMap<>();
        LocalDate previous = null;
        for (Status s : way) {
            ModelColumn column = STEP_DATES.get(s);
            LocalDate d = c.date(column, false);
            if (d == null) {
                if (!c.has(column)) {
                    c.error(column, "import-required-for-status", status);
                }
                continue;
            }
            c.notFutureNorBefore(column, d, previous, "import-step-before");
            previous = d;
            out.put(s, d);
        }
        Set<ModelColumn> used = new HashSet<>();
        way.forEach(s -> used.add(STEP_DATES.get(s)));
        STEP_DATES.values().stream().distinct().filter(col -> !used.contains(col) && c.has(col))
                .forEach(col -> c.error(col, "import-not-for-status", status));
        return out;
    }

    private ModelDto.ProposalInput proposal(Cells<ModelColumn> c, Status status, Map<Status, LocalDate> steps,
            ModelDto.ModelInput model) {
        boolean proposed = steps.containsKey(Status.PROPOSED) || status == Status.PROPOSED
                || status == Status.RECOGNISED || status == Status.NOT_RECOGNISED;
        List<ModelColumn> columns = List.of(ModelColumn.PROPOSAL_LEVEL, ModelColumn.PROPOSAL_UNIT,
                ModelColumn.PROPOSAL_BODY);
        if (!proposed) {
            columns.stream().filter(c::has).forEach(col -> c.error(col, "import-not-for-status", status));
            return null;
        }
        ModelDto.ProposalInput p = new ModelDto.ProposalInput(
                c.enumValue(ModelColumn.PROPOSAL_LEVEL, DvkModel.Level.class, false),
                c.text(ModelColumn.PROPOSAL_UNIT, Integer.MAX_VALUE, false),
                c.text(ModelColumn.PROPOSAL_BODY, Integer.MAX_VALUE, false), null);
        int before = errorsOf(c);
        c.violations(validator.validate(p), PROPOSAL_FIELDS::get);
        if (errorsOf(c) == before && model.unitCode() != null) {
            try {
                models.checkProposal(model.unitCode(), p);
            } catch (ProblemException e) {
                c.error(e, PROPOSAL_FIELDS::get);
            }
        }
        return p;
    }

    private ModelDto.RecognitionInput recognition(Cells<ModelColumn> c, Status status, ModelDto.ModelInput model) {
        List<ModelColumn> columns = List.of(ModelColumn.DECISION_NUMBER, ModelColumn.RECOGNITION_LEVEL,
                ModelColumn.RECOGNITION_BODY, ModelColumn.OUTSTANDING);
        if (status != Status.RECOGNISED) {
            columns.stream().filter(c::has).forEach(col -> c.error(col, "import-not-for-status", status));
            return null;
        }
        ModelDto.RecognitionInput r = new ModelDto.RecognitionInput(
                c.text(ModelColumn.DECISION_NUMBER, Integer.MAX_VALUE, false),
                c.date(ModelColumn.DECISION_DATE, false),
                c.enumValue(ModelColumn.RECOGNITION_LEVEL, DvkModel.Level.class, false),
                c.text(ModelColumn.RECOGNITION_BODY, Integer.MAX_VALUE, false), c.yesNo(ModelColumn.OUTSTANDING));
        int before = errorsOf(c);
        c.violations(validator.validate(r), RECOGNITION_FIELDS::get);
        if (errorsOf(c) == before && model.year() != null && r.decisionDate() != null
                && !c.refused(ModelColumn.DECISION_DATE)) {
            try {
                models.checkDecisionDate(model.year(), r.decisionDate());
            } catch (ProblemException e) {
                c.error(e, RECOGNITION_FIELDS::get);
            }
        }
        return r;
    }

    private static int errorsOf(Cells<ModelColumn> c) {
        return c.errorCount();
    }
}
