package vn.qcdc.modelregistry.model;

import java.net.URI;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import vn.qcdc.api.ETags;
import vn.qcdc.api.RowLocks;
import vn.qcdc.api.access.Access;
import vn.qcdc.api.access.Target;
import vn.qcdc.api.labels.Label;
import vn.qcdc.api.labels.Labels;
import vn.qcdc.api.paging.Cursor;
import vn.qcdc.api.paging.Page;
import vn.qcdc.api.problem.ProblemException;
import vn.qcdc.api.text.VietnameseText;
import vn.qcdc.api.units.UnitRules;
import vn.qcdc.backbone.outbox.Outbox;
import vn.qcdc.events.BodyType;
import vn.qcdc.events.EventTypes;
import vn.qcdc.events.Topics;
import vn.qcdc.events.model.ModelEvents;
import vn.qcdc.modelregistry.access.ModelOperations;
import vn.qcdc.modelregistry.model.DvkModel.Status;
import vn.qcdc.modelregistry.model.ModelDto.EvidenceInput;
import vn.qcdc.modelregistry.model.ModelDto.IndicatorValueInput;
import vn.qcdc.modelregistry.model.ModelDto.ModelInput;
import vn.qcdc.modelregistry.model.ModelDto.ModelView;
import vn.qcdc.units.AdministrativeUnit;
import vn.qcdc.units.AdministrativeUnits;

/**
 * Business rules of "Dân vận khéo" models: who may register, maintain, review and read them, the life cycle, and the
 * events announcing every change (written to the outbox in the same transaction as the change).
 */
@ApplicationScoped
public class ModelService {

    static final String WHAT = "model";

    @Inject
    Access access;

    @Inject
    AdministrativeUnits units;

    @Inject
    UnitRules unitRules;

    @Inject
    Clock clock;

    @Inject
    ModelRows rows;

    @Inject
    Outbox outbox;

    /** Runs {@code action} as the system (no token, every right), recording {@code actor} in the history. */
    public <T> T asSystem(String actor, Supplier<T> action) {
        return Access.asSystem(actor, action);
    }

    // ---- registration and maintenance ----

    @Transactional
    public DvkModel register(ModelInput in, UUID fixedId) {
        access.require(ModelOperations.REGISTER_MODEL, Target.unit(in.unitCode()).ofOrganisation(in.orgType().name()));
        DvkModel m = new DvkModel();
        m.id = fixedId != null ? fixedId : UUID.randomUUID();
        m.createdAt = now();
        m.createdBy = actor();
        m.status = Status.REGISTERED.name();
        apply(m, in);
        m.persist();
        history(m, "REGISTERED", null, Status.REGISTERED, null);
        outbox.publish(Topics.MODEL, EventTypes.MODEL_REGISTERED, m.id.toString(), subject(m),
                new ModelEvents.ModelRegistered(snapshot(m), actor()));
        return m;
    }

    @Transactional
    public DvkModel update(UUID id, String ifMatch, ModelInput in) {
        DvkModel m = find(id, ModelOperations.UPDATE_MODEL);
        ETags.requireMatch(ifMatch, RowLocks.forUpdate(m).version);
        Status s = m.statusValue();
        if (s != Status.REGISTERED && s != Status.IMPLEMENTING) {
            throw ProblemException.conflict("model-not-editable", s.name());
        }
        // Moving the model to another unit or organisation needs the same right there.
        access.require(ModelOperations.UPDATE_MODEL, Target.unit(in.unitCode()).ofOrganisation(in.orgType().name()));
        if (!in.year().equals(m.year) && m.previousModelId != null) {
            throw ProblemException.invalidField("year", "model-continuation-year-fixed");
        }
        apply(m, in);
        history(m, "UPDATED", null, null, null);
        outbox.publish(Topics.MODEL, EventTypes.MODEL_UPDATED, m.id.toString(), subject(m),
                new ModelEvents.ModelUpdated(snapshot(m), actor()));
        return m;
    }

    // ---- life cycle ----

    @Transactional
    public DvkModel start(UUID id, String ifMatch, String note) {
        DvkModel m = maintainable(id, ModelOperations.START_MODEL, ifMatch);
        transition(m, Status.IMPLEMENTING, note);
        return m;
    }

    @Transactional
    public ResultReport report(UUID id, ModelDto.ReportInput in) {
        DvkModel m = maintainable(id, ModelOperations.REPORT_RESULTS, null);
        if (m.statusValue() != Status.IMPLEMENTING) {
            throw ProblemException.conflict("model-report-not-implementing", m.status);
        }
        ResultReport r = new ResultReport();
        r.id = UUID.randomUUID();
        r.modelId = m.id;
        r.periodEnd = in.periodEnd();
        r.summary = VietnameseText.nfc(in.summary());
        r.indicatorValues = indicatorValues(m, in.indicatorValues(), "indicatorValues");
        r.evidence = evidence(m, in.evidence());
        r.reportedAt = now();
        r.reportedBy = actor();
        r.persist();
        touch(m);
        history(m, "RESULTS_REPORTED", null, null, null);
        outbox.publish(Topics.MODEL, EventTypes.MODEL_RESULTS_REPORTED, m.id.toString(), subject(m),
                new ModelEvents.ModelResultsReported(snapshot(m), r.id, actor()));
        return r;
    }

    @Transactional
    public DvkModel selfEvaluate(UUID id, String ifMatch, ModelDto.SelfEvaluationInput in) {
        DvkModel m = maintainable(id, ModelOperations.SELF_EVALUATE, ifMatch);
        requireFrom(m, Status.SELF_EVALUATED);
        m.selfEvaluation = new DvkModel.SelfEvaluation(VietnameseText.nfc(in.summary()),
                indicatorValues(m, in.indicators(), "indicators"), now(), actor());
        transition(m, Status.SELF_EVALUATED, null);
        return m;
    }

    @Transactional
    public DvkModel propose(UUID id, String ifMatch, ModelDto.ProposalInput in) {
        DvkModel m = maintainable(id, ModelOperations.PROPOSE, ifMatch);
        requireFrom(m, Status.PROPOSED);
        checkProposal(m.unitCode, in);
        m.proposal = new DvkModel.Proposal(in.level(), in.unitCode(), VietnameseText.nfc(in.body()),
                VietnameseText.nfc(in.note()), now(), actor());
        transition(m, Status.PROPOSED, in.note());
        return m;
    }

    @Transactional
    public DvkModel recognise(UUID id, String ifMatch, ModelDto.RecognitionInput in) {
        DvkModel m = maintainable(id, ModelOperations.RECOGNISE, ifMatch);
        requireFrom(m, Status.RECOGNISED);
        checkDecisionDate(m.year, in.decisionDate());
        boolean outstanding = Boolean.TRUE.equals(in.outstanding());
        m.recognition = new DvkModel.Recognition(VietnameseText.nfc(in.decisionNumber()), in.decisionDate(),
                in.level(), VietnameseText.nfc(in.body()), outstanding, now(), actor());
        m.outstanding = outstanding;
        transition(m, Status.RECOGNISED, "QĐ " + m.recognition.decisionNumber());
        outbox.publish(Topics.MODEL, EventTypes.MODEL_RECOGNISED, m.id.toString(), subject(m),
                new ModelEvents.ModelRecognised(snapshot(m), m.recognition.decisionNumber(), in.decisionDate(),
                        in.level().name(), m.recognition.body(), outstanding));
        return m;
    }

    @Transactional
    public DvkModel reject(UUID id, String ifMatch, String reason) {
        DvkModel m = maintainable(id, ModelOperations.REJECT, ifMatch);
        requireFrom(m, Status.NOT_RECOGNISED);
        transition(m, Status.NOT_RECOGNISED, reason);
        outbox.publish(Topics.MODEL, EventTypes.MODEL_NOT_RECOGNISED, m.id.toString(), subject(m),
                new ModelEvents.ModelNotRecognised(snapshot(m), m.statusReason));
        return m;
    }

    @Transactional
    public DvkModel withdraw(UUID id, String ifMatch, String reason) {
        DvkModel m = maintainable(id, ModelOperations.WITHDRAW, ifMatch);
        requireFrom(m, Status.WITHDRAWN);
        transition(m, Status.WITHDRAWN, reason);
        outbox.publish(Topics.MODEL, EventTypes.MODEL_WITHDRAWN, m.id.toString(), subject(m),
                new ModelEvents.ModelWithdrawn(snapshot(m), m.statusReason));
        return m;
    }

    /** A recognised model proposed for commendation (đề nghị khen thưởng): no change of status, an update event. */
    @Transactional
    public DvkModel proposeCommendation(UUID id, String ifMatch, ModelDto.CommendationInput in) {
        DvkModel m = maintainable(id, ModelOperations.PROPOSE_COMMENDATION, ifMatch);
        if (m.statusValue() != Status.RECOGNISED) {
            throw ProblemException.conflict("model-commendation-not-recognised", m.status);
        }
        if (m.commendationProposal != null) {
            throw ProblemException.conflict("model-commendation-already-proposed");
        }
        m.commendationProposal = new DvkModel.CommendationProposal(in.level(), VietnameseText.nfc(in.body()),
                VietnameseText.nfc(in.note()), now(), actor());
        touch(m);
        history(m, "COMMENDATION_PROPOSED", null, null, in.note());
        outbox.publish(Topics.MODEL, EventTypes.MODEL_UPDATED, m.id.toString(), subject(m),
                new ModelEvents.ModelUpdated(snapshot(m), actor()));
        return m;
    }

    /**
     * Continues a model into a later year (duy trì): a new registration linked to this one, with the same
     * organisation, field and indicators, so each year keeps its own results and the years stay linked.
     */
    @Transactional
    public DvkModel continueInto(UUID id, ModelDto.ContinuationInput in) {
        DvkModel prev = maintainable(id, ModelOperations.CONTINUE_MODEL, null);
        if (prev.statusValue() == Status.WITHDRAWN || prev.statusValue() == Status.REGISTERED) {
            throw ProblemException.conflict("model-continuation-not-allowed", prev.status);
        }
        if (in.year() <= prev.year) {
            throw ProblemException.invalidField("year", "model-continuation-year", prev.year);
        }
        if (DvkModel.count("previousModelId", prev.id) > 0) {
            throw ProblemException.conflict("model-continuation-exists");
        }
        DvkModel m = new DvkModel();
        m.id = UUID.randomUUID();
        m.createdAt = now();
        m.createdBy = actor();
        m.status = Status.REGISTERED.name();
        m.previousModelId = prev.id;
        m.name = prev.name;
        m.nameKey = prev.nameKey;
        // The continuation is registered at the unit that carries the model in its new year (after a merger, the
        // successor), and shows that unit's name.
        AdministrativeUnit unit = units.currentFor(prev.unitCode, LocalDate.of(in.year(), 1, 1))
                .orElseThrow();
        m.unitCode = unit.code();
        m.unitName = unit.name();
        m.orgType = prev.orgType;
        m.orgName = prev.orgName;
        m.year = in.year();
        m.field = prev.field;
        m.kind = prev.kind;
        m.holderName = prev.holderName;
        m.description = prev.description;
        m.objectives = prev.objectives;
        m.startDate = prev.startDate;
        m.participants = prev.participants;
        m.beneficiaries = prev.beneficiaries;
        m.indicators = prev.indicators;
        m.updatedAt = m.createdAt;
        m.updatedBy = m.createdBy;
        m.persist();
        history(m, "CONTINUED_FROM", null, Status.REGISTERED, "← " + prev.id + " (" + prev.year + ")");
        history(prev, "CONTINUED_INTO", null, null, "→ " + m.id + " (" + m.year + ")");
        outbox.publish(Topics.MODEL, EventTypes.MODEL_REGISTERED, m.id.toString(), subject(m),
                new ModelEvents.ModelRegistered(snapshot(m), actor()));
        return m;
    }

    // ---- evidence ----

    @Transactional
    public EvidenceFile upload(UUID id, String fileName, String contentType, byte[] content) {
        DvkModel m = maintainable(id, ModelOperations.UPLOAD_EVIDENCE, null);
        if (m.statusValue().isFinal()) {
            throw ProblemException.conflict("model-final", m.status);
        }
        EvidenceFile f = new EvidenceFile();
        f.id = UUID.randomUUID();
        f.modelId = m.id;
        f.fileName = VietnameseText.nfc(fileName);
        f.contentType = contentType;
        f.sizeBytes = content.length;
        f.sha256 = sha256(content);
        f.content = content;
        f.uploadedAt = now();
        f.uploadedBy = actor();
        f.persist();
        history(m, "EVIDENCE_UPLOADED", null, null, f.fileName + " sha256=" + f.sha256);
        return f;
    }

    @Transactional
    public EvidenceFile evidenceFile(UUID modelId, UUID evidenceId) {
        find(modelId, ModelOperations.DOWNLOAD_EVIDENCE);
        EvidenceFile f = EvidenceFile.findById(evidenceId);
        if (f == null || !f.modelId.equals(modelId)) {
            throw ProblemException.notFound("evidence", evidenceId);
        }
        return f;
    }

    // ---- reading ----

    /** The model if the caller may see it; 404 otherwise, exactly as if it did not exist. */
    @Transactional
    public DvkModel find(UUID id) {
        return find(id, ModelOperations.READ_MODEL);
    }

    /** The model if the caller may perform {@code op} on it: 404 if it does not see it, 403 if it only sees it. */
    @Transactional
    public DvkModel find(UUID id, ModelOperations op) {
        access.requireRole(op);
        DvkModel m = DvkModel.findById(id);
        if (m == null) {
            throw ProblemException.notFound(WHAT, id);
        }
        access.require(op, target(m), WHAT, id);
        return m;
    }

    /**
     * A model as authorization sees it: its unit and organisation, decided on by the competent unit it is proposed
     * to (its own unit until it is proposed).
     */
    public static Target target(DvkModel m) {
        return Target.decidedBy(m.unitCode, m.proposal != null ? m.proposal.unitCode() : m.unitCode)
                .ofOrganisation(m.orgType);
    }

    @Transactional
    public List<ModelDto.HistoryView> history(UUID id) {
        find(id, ModelOperations.READ_HISTORY);
        return ModelHistory.<ModelHistory>find("modelId = ?1 order by at, id", id).list().stream()
                .map(h -> new ModelDto.HistoryView(h.action, h.fromStatus == null ? null : Status.valueOf(h.fromStatus),
                        h.toStatus == null ? null : Status.valueOf(h.toStatus), h.reason, h.actor, h.at))
                .toList();
    }

    @Transactional
    public List<ModelDto.ReportView> reports(UUID id) {
        find(id, ModelOperations.LIST_REPORTS);
        return ResultReport.<ResultReport>find("modelId = ?1 order by reportedAt, id", id).list().stream()
                .map(ModelService::view).toList();
    }

    /**
     * Models matching {@code filter}, within the caller's scope, keyset-paginated on the sort key and id. An
     * organisation officer only ever sees its own organisation's models. One statement, read without Hibernate
     * ({@link ModelRows}) and outside any transaction.
     */
    public Page<ModelView> list(ModelFilter filter, String sort, String cursor, Integer limit) {
        int size = Cursor.limit(limit);
        SortKey key = SortKey.parse(sort);
        List<Object> params = new ArrayList<>();
        StringBuilder where = new StringBuilder(filter.where(this, ModelOperations.LIST_MODELS, params));
        if (cursor != null) {
            List<String> c = Cursor.decode(cursor, 2);
            Object value;
            UUID id;
            try {
                value = key.cursorValue(c.get(0));
                id = UUID.fromString(c.get(1));
            } catch (RuntimeException e) {
                throw ProblemException.invalidField("cursor", "invalid-cursor");
            }
            String column = "m." + key.column;
            where.append(" AND (").append(column).append(key.descending ? " < ?" : " > ?").append(" OR (")
                    .append(column).append(" = ? AND m.id > ?))");
            params.addAll(List.of(value, value, id));
        }
        List<ModelRows.Row> rows = select(where, key, size + 1, params);
        List<ModelView> items = rows.stream().limit(size).map(ModelRows.Row::view).toList();
        String nextCursor = null;
        if (rows.size() > size) {
            ModelRows.Row last = rows.get(size - 1);
            nextCursor = Cursor.encode(List.of(key.valueOf(last), last.view().id().toString()));
        }
        return new Page<>(items, nextCursor, size);
    }

    /** Every model matching {@code filter} within the caller's scope, for exports (bounded by {@code max}). */
    public List<ModelView> all(ModelFilter filter, String sort, int max) {
        List<Object> params = new ArrayList<>();
        String where = filter.where(this, ModelOperations.EXPORT_MODELS, params);
        List<ModelRows.Row> rows = select(where, SortKey.parse(sort), max + 1, params);
        if (rows.size() > max) {
            throw ProblemException.badRequest("model-export-too-large", max);
        }
        return rows.stream().map(ModelRows.Row::view).toList();
    }

    /** At most {@code max} models matching {@code where} (its values in {@code params}), ordered by {@code key}. */
    private List<ModelRows.Row> select(CharSequence where, SortKey key, int max, List<Object> params) {
        String sql = "SELECT " + ModelRows.COLUMNS + " FROM dvk_model m WHERE " + where + " ORDER BY m." + key.column
                + (key.descending ? " DESC" : "") + ", m.id LIMIT ?";
        params.add(max);
        return rows.read(sql, params, LocalDate.now(clock));
    }

    /**
     * The unit codes a list or statistic for {@code unitCode} (default: the caller's) covers, within the caller's
     * scope: the unit, every unit below it and every unit merged into it; null for the whole country (admins).
     */
    public Set<String> scope(ModelOperations op, String unitCode) {
        Access.Scope scope = access.scope(op, unitCode);
        return scope.everywhere() ? null : scope.units();
    }

    /** The organisation the caller is confined to in {@code op} (an organisation officer), or null. */
    public BodyType confinedOrg(ModelOperations op) {
        return access.confinedOrganisation(op).map(org -> {
            try {
                return BodyType.valueOf(org);
            } catch (IllegalArgumentException e) {
                throw ProblemException.forbidden(vn.qcdc.api.access.Refusal.OWN_ORGANISATION);
            }
        }).orElse(null);
    }

    public ModelView view(DvkModel m) {
        UUID next = DvkModel.<DvkModel>find("previousModelId", m.id).firstResultOptional().map(n -> n.id)
                .orElse(null);
        return view(m, next);
    }

    private ModelView view(DvkModel m, UUID nextModelId) {
        AdministrativeUnit current = units.currentFor(m.unitCode, LocalDate.now(clock)).orElse(null);
        return new ModelView(m.id, m.name, m.unitCode, m.unitName, current == null ? null : current.code(),
                current == null ? null : current.name(), BodyType.valueOf(m.orgType), m.orgName, m.year,
                DvkModel.Field.valueOf(m.field), DvkModel.Kind.valueOf(m.kind), m.holderName, m.description,
                m.objectives, m.startDate, m.participants, m.beneficiaries, m.indicators, m.statusValue(),
                m.outstanding, m.statusReason, m.selfEvaluation, m.proposal, m.recognition, m.commendationProposal,
                m.previousModelId, nextModelId, m.version, m.createdAt, m.createdBy, m.updatedAt, m.updatedBy);
    }

    static ModelDto.ReportView view(ResultReport r) {
        return new ModelDto.ReportView(r.id, r.modelId, r.periodEnd, r.summary, r.indicatorValues, r.evidence,
                r.reportedAt, r.reportedBy);
    }

    static ModelDto.EvidenceView view(EvidenceFile f) {
        return new ModelDto.EvidenceView(f.id, f.modelId, f.fileName, f.contentType, f.sizeBytes, f.sha256,
                f.uploadedAt, f.uploadedBy);
    }

    public static ModelEvents.ModelSnapshot snapshot(DvkModel m) {
        return new ModelEvents.ModelSnapshot(m.id, m.name, m.unitCode, BodyType.valueOf(m.orgType), m.year, m.field,
                m.kind, m.status, m.outstanding);
    }

    // ---- rules ----

    private DvkModel maintainable(UUID id, ModelOperations op, String ifMatch) {
        DvkModel m = find(id, op);
        ETags.requireMatch(ifMatch, RowLocks.forUpdate(m).version);
        return m;
    }

    private static void requireFrom(DvkModel m, Status to) {
        if (!to.allowedFrom().contains(m.statusValue())) {
            throw ProblemException.conflict("model-invalid-transition", m.statusValue(), to,
                    to.allowedFrom().stream().sorted().map(s -> Label.of(Labels.groupOf(Status.class), s.name()))
                            .toList());
        }
    }

    private void transition(DvkModel m, Status to, String reason) {
        requireFrom(m, to);
        Status from = m.statusValue();
        m.status = to.name();
        m.statusReason = VietnameseText.nfc(reason);
        touch(m);
        history(m, "STATUS_CHANGED", from, to, m.statusReason);
        outbox.publish(Topics.MODEL, EventTypes.MODEL_STATUS_CHANGED, m.id.toString(), subject(m),
                new ModelEvents.ModelStatusChanged(snapshot(m), from.name(), to.name(), m.statusReason, actor()));
    }

    // ---- bulk import ----

    /**
     * A model of the past as an import file's row describes it (checked with {@link #check}, {@link #checkProposal}
     * and {@link #checkDecisionDate}): its registration, the status it reached and the real date of each step on the
     * way there ({@code steps}, in life-cycle order, REGISTERED first), what its self-evaluation, proposal and
     * recognition said, and the reason of a final refusal or withdrawal.
     */
    public record Imported(String externalId, ModelInput input, Status status, Map<Status, LocalDate> steps,
            String selfEvaluation, ModelDto.ProposalInput proposal, ModelDto.RecognitionInput recognition,
            String reason) {
    }

    /**
     * Writes an imported model: a new one, or the one an earlier import of the same external id wrote (updated, its
     * imported history replaced). Its history lines carry the steps' real dates, not the server's time. Announced as
     * {@code model.registered} (new) or {@code model.updated} with the model's snapshot in the status it reached: the
     * inspection service's figures follow, while nobody is notified of a proposal or recognition long past (the
     * notification service reacts only to status changes, recognitions and refusals). The caller has checked the
     * import's right on the model's unit and organisation; joins the import's transaction.
     *
     * @return true if the model was created, false if updated
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean importModel(Imported in) {
        DvkModel m = DvkModel.<DvkModel>find("externalId", in.externalId()).firstResult();
        boolean created = m == null;
        OffsetDateTime registered = startOf(in.steps().get(Status.REGISTERED));
        if (created) {
            m = new DvkModel();
            m.id = UUID.randomUUID();
            m.externalId = in.externalId();
            m.createdAt = registered;
            m.createdBy = actor();
        } else {
            RowLocks.forUpdate(m);
            ModelHistory.delete("modelId = ?1 and imported = true", m.id);
        }
        apply(m, in.input());
        m.status = in.status().name();
        m.statusReason = VietnameseText.nfc(in.reason());
        OffsetDateTime evaluated = startOf(in.steps().get(Status.SELF_EVALUATED));
        m.selfEvaluation = evaluated == null
                ? null
                : new DvkModel.SelfEvaluation(VietnameseText.nfc(in.selfEvaluation()), List.of(), evaluated, actor());
        ModelDto.ProposalInput p = in.proposal();
        m.proposal = p == null
                ? null
                : new DvkModel.Proposal(p.level(), p.unitCode(), VietnameseText.nfc(p.body()),
                        VietnameseText.nfc(p.note()), startOf(in.steps().get(Status.PROPOSED)), actor());
        ModelDto.RecognitionInput r = in.recognition();
        m.recognition = r == null
                ? null
                : new DvkModel.Recognition(VietnameseText.nfc(r.decisionNumber()), r.decisionDate(), r.level(),
                        VietnameseText.nfc(r.body()), Boolean.TRUE.equals(r.outstanding()),
                        startOf(r.decisionDate()), actor());
        m.outstanding = m.recognition != null && m.recognition.outstanding();
        if (created) {
            m.persist();
        }
        Status from = null;
        for (Map.Entry<Status, LocalDate> step : in.steps().entrySet()) {
            ModelHistory h = history(m, from == null ? "REGISTERED" : "STATUS_CHANGED", from, step.getKey(),
                    step.getKey() == in.status() && in.status() != Status.REGISTERED ? m.statusReason : null);
            h.at = startOf(step.getValue());
            h.imported = true;
            from = step.getKey();
        }
        history(m, created ? "IMPORTED" : "REIMPORTED", null, null, in.externalId());
        outbox.publish(Topics.MODEL, created ? EventTypes.MODEL_REGISTERED : EventTypes.MODEL_UPDATED,
                m.id.toString(), subject(m), created
                        ? new ModelEvents.ModelRegistered(snapshot(m), actor())
                        : new ModelEvents.ModelUpdated(snapshot(m), actor()));
        return created;
    }

    /**
     * The rules a model's registration must meet beyond its input's constraints (its unit in force on the model's
     * date, an organisation that may hold a model, a start date in or just before its year); the unit version it is
     * registered at, or a {@link ProblemException} naming the field.
     */
    public AdministrativeUnit check(ModelInput in) {
        AdministrativeUnit unit = unitRules.requireValidOn("unitCode", in.unitCode(),
                in.startDate() != null ? "startDate" : "year", modelDate(in));
        if (in.orgType() == BodyType.STEERING_COMMITTEE) {
            throw ProblemException.invalidField("orgType", "model-org-type-invalid");
        }
        if (in.startDate() != null && (in.startDate().getYear() < in.year() - 1 || in.startDate().getYear() > in
                .year())) {
            throw ProblemException.invalidField("startDate", "model-start-date-year", in.year());
        }
        return unit;
    }

    /** A proposal goes to a unit that exists and is competent for the model's unit (the unit or one above it). */
    public void checkProposal(String modelUnitCode, ModelDto.ProposalInput in) {
        if (!units.exists(in.unitCode())) {
            throw ProblemException.invalidField("unitCode", "unknown-unit", in.unitCode());
        }
        if (!units.isWithin(modelUnitCode, in.unitCode())) {
            throw ProblemException.invalidField("unitCode", "model-proposal-not-competent", in.unitCode());
        }
    }

    /** A recognition decision is dated within or after the model's year, and not in the future. */
    public void checkDecisionDate(int year, LocalDate decisionDate) {
        if (decisionDate.getYear() < year || decisionDate.isAfter(LocalDate.now(clock))) {
            throw ProblemException.invalidField("decisionDate", "model-decision-date-invalid", year);
        }
    }

    private void apply(DvkModel m, ModelInput in) {
        AdministrativeUnit unit = check(in);
        List<DvkModel.Indicator> indicators = in.indicators() == null
                ? List.of()
                : in.indicators().stream().map(i -> new DvkModel.Indicator(VietnameseText.nfc(i.name()), i.target(),
                        VietnameseText.nfc(i.unit()))).toList();
        if (indicators.stream().map(i -> VietnameseText.fold(i.name())).distinct().count() != indicators.size()) {
            throw ProblemException.invalidField("indicators", "model-indicator-duplicate");
        }
        m.unitCode = unit.code();
        m.unitName = unit.name();
        m.name = VietnameseText.nfc(in.name());
        m.holderName = VietnameseText.nfc(in.holderName());
        m.nameKey = VietnameseText.fold(in.name() + " " + in.holderName());
        m.orgType = in.orgType().name();
        m.orgName = VietnameseText.nfc(in.orgName());
        m.year = in.year();
        m.field = in.field().name();
        m.kind = in.kind().name();
        m.description = VietnameseText.nfc(in.description());
        m.objectives = VietnameseText.nfc(in.objectives());
        m.startDate = in.startDate();
        m.participants = VietnameseText.nfc(in.participants());
        m.beneficiaries = VietnameseText.nfc(in.beneficiaries());
        m.indicators = indicators;
        touch(m);
    }

    /**
     * The date a model is made at its unit, for the suite's validity rule (the unit needs a version in force then, and
     * the model keeps that version's name): its start date; without one, today when the model is of this year, else
     * 1 January of its year.
     */
    private LocalDate modelDate(ModelInput in) {
        if (in.startDate() != null) {
            return in.startDate();
        }
        LocalDate today = LocalDate.now(clock);
        return today.getYear() == in.year() ? today : LocalDate.of(in.year(), 1, 1);
    }

    private List<DvkModel.IndicatorValue> indicatorValues(DvkModel m, List<IndicatorValueInput> in, String field) {
        if (in == null) {
            return List.of();
        }
        Set<String> known = m.indicators.stream().map(i -> VietnameseText.fold(i.name())).collect(Collectors.toSet());
        List<DvkModel.IndicatorValue> out = new ArrayList<>();
        for (IndicatorValueInput v : in) {
            if (!known.contains(VietnameseText.fold(v.name()))) {
                throw ProblemException.invalidField(field, "model-indicator-unknown", v.name());
            }
            out.add(new DvkModel.IndicatorValue(VietnameseText.nfc(v.name()), v.achieved(), VietnameseText.nfc(v
                    .note())));
        }
        return out;
    }

    private List<ResultReport.EvidenceRef> evidence(DvkModel m, List<EvidenceInput> in) {
        if (in == null) {
            return List.of();
        }
        List<ResultReport.EvidenceRef> out = new ArrayList<>();
        for (EvidenceInput e : in) {
            if ((e.uri() == null) == (e.evidenceId() == null)) {
                throw ProblemException.invalidField("evidence", "model-evidence-one-of");
            }
            if (e.uri() != null) {
                try {
                    URI u = new URI(e.uri());
                    if (!"https".equalsIgnoreCase(u.getScheme()) && !"http".equalsIgnoreCase(u.getScheme())) {
                        throw ProblemException.invalidField("evidence.uri", "model-evidence-uri", e.uri());
                    }
                } catch (java.net.URISyntaxException ex) {
                    throw ProblemException.invalidField("evidence.uri", "model-evidence-uri", e.uri());
                }
                out.add(new ResultReport.EvidenceRef(e.uri(), null, VietnameseText.nfc(e.title()), null));
            } else {
                EvidenceFile f = EvidenceFile.findById(e.evidenceId());
                if (f == null || !f.modelId.equals(m.id)) {
                    throw ProblemException.invalidField("evidence.evidenceId", "model-evidence-unknown",
                            e.evidenceId());
                }
                out.add(new ResultReport.EvidenceRef(null, f.id,
                        VietnameseText.nfc(e.title() != null ? e.title() : f.fileName), f.sha256));
            }
        }
        return out;
    }

    private void touch(DvkModel m) {
        m.updatedAt = now();
        m.updatedBy = actor();
    }

    private ModelHistory history(DvkModel m, String action, Status from, Status to, String reason) {
        ModelHistory h = new ModelHistory();
        h.id = UUID.randomUUID();
        h.modelId = m.id;
        h.action = action;
        h.fromStatus = from == null ? null : from.name();
        h.toStatus = to == null ? null : to.name();
        h.reason = VietnameseText.nfc(reason);
        h.actor = actor();
        h.at = now();
        h.persist();
        return h;
    }

    /** The start of {@code day} in Vietnam: when an imported step took place, as far as the file says. */
    private static OffsetDateTime startOf(LocalDate day) {
        return day == null ? null : day.atStartOfDay(vn.qcdc.api.time.ClockProducer.VIETNAM).toOffsetDateTime();
    }

    private static String subject(DvkModel m) {
        return "model/" + m.id;
    }

    private String actor() {
        return access.actor();
    }

    /** Microseconds: what PostgreSQL keeps, so keyset cursors on timestamps compare exactly. */
    private OffsetDateTime now() {
        return OffsetDateTime.now(clock).truncatedTo(ChronoUnit.MICROS);
    }

    static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
