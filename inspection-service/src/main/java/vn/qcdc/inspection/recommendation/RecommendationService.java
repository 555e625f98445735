package vn.qcdc.inspection.recommendation;

import static vn.qcdc.inspection.inspection.InspectionService.details;
import static vn.qcdc.inspection.inspection.InspectionService.parseDate;
import static vn.qcdc.inspection.inspection.InspectionService.parseEnum;
import static vn.qcdc.inspection.recommendation.RecommendationRows.bind;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.mutiny.Uni;

import vn.qcdc.api.AnyOf;
import vn.qcdc.api.ETags;
import vn.qcdc.api.access.Access;
import vn.qcdc.api.access.Target;
import vn.qcdc.api.input.DateRules;
import vn.qcdc.api.labels.Label;
import vn.qcdc.api.paging.Cursor;
import vn.qcdc.api.paging.Page;
import vn.qcdc.api.problem.ProblemException;
import vn.qcdc.api.text.VietnameseText;
import vn.qcdc.api.time.ClockProducer;
import vn.qcdc.backbone.PlainWrites;
import vn.qcdc.backbone.outbox.Outbox;
import vn.qcdc.events.BodyType;
import vn.qcdc.events.EventTypes;
import vn.qcdc.events.Topics;
import vn.qcdc.events.inspection.InspectionEvents;
import vn.qcdc.events.inspection.InspectionEvents.Addressee;
import vn.qcdc.inspection.access.InspectionOperations;
import vn.qcdc.inspection.history.ChangeHistory;
import vn.qcdc.inspection.history.ChangeHistory.AggregateType;
import vn.qcdc.inspection.inspection.Area;
import vn.qcdc.inspection.inspection.Evidence;
import vn.qcdc.inspection.inspection.EvidenceUpload;
import vn.qcdc.inspection.inspection.Inspection;
import vn.qcdc.inspection.inspection.InspectionDto.EvidenceView;
import vn.qcdc.inspection.inspection.InspectionService;
import vn.qcdc.inspection.recommendation.RecommendationDto.AddresseeInput;
import vn.qcdc.inspection.recommendation.RecommendationDto.CompletionInput;
import vn.qcdc.inspection.recommendation.RecommendationDto.DeadlineInput;
import vn.qcdc.inspection.recommendation.RecommendationDto.EvidenceLinkInput;
import vn.qcdc.inspection.recommendation.RecommendationDto.ProgressInput;
import vn.qcdc.inspection.recommendation.RecommendationDto.RecommendationInput;
import vn.qcdc.inspection.recommendation.RecommendationDto.RecommendationView;
import vn.qcdc.inspection.recommendation.RecommendationDto.ReportView;
import vn.qcdc.inspection.recommendation.RecommendationRows.Transition;
import vn.qcdc.inspection.search.SearchKeys;
import vn.qcdc.inspection.search.SearchWords;
import vn.qcdc.units.AdministrativeUnits;

/**
 * Business rules of recommendations: issuing them with a conclusion, the addressees' progress and completion
 * reports, the steering side's verification, rejection, deadline changes and cancellation, and the list across
 * inspections. Each change writes history and its event in the same transaction.
 */
@ApplicationScoped
public class RecommendationService {

    public static final String WHAT = "recommendation";

    /** A progress or completion report (evidence as a JSON array). */
    private static final String REPORT = "INSERT INTO progress_report (id, recommendation_id, kind, text, percent,"
            + " evidence, reported_by, reported_for, reported_at, reported_on) VALUES (?, ?, ?, ?, ?, CAST(? AS jsonb),"
            + " ?, ?, ?, ?)";

    /** Sort orders of the list: column and direction. */
    @Schema(name = "RecommendationSort")
    enum Sort {
        DUE_DATE("dueDate", "due_date", false), DUE_DATE_DESC("-dueDate", "due_date", true), CREATED_AT("createdAt",
                "created_at", false), CREATED_AT_DESC("-createdAt", "created_at", true);

        final String param;
        final String column;
        final boolean desc;

        Sort(String param, String column, boolean desc) {
            this.param = param;
            this.column = column;
            this.desc = desc;
        }

        static Sort of(String param) {
            if (param == null) {
                return DUE_DATE;
            }
            for (Sort s : values()) {
                if (s.param.equals(param)) {
                    return s;
                }
            }
            throw ProblemException.invalidField("sort", "unknown-value", "dueDate, -dueDate, createdAt, -createdAt");
        }
    }

    /** Filters of the cross-inspection list; every one optional. */
    public record Filter(String unit, String addressee, String status, Boolean overdue, String dueFrom, String dueTo,
            Integer year, UUID inspection, String q, String sort, String cursor, Integer limit) {
    }

    @Inject
    Access access;

    @Inject
    SearchWords words;

    @Inject
    AdministrativeUnits units;

    @Inject
    Clock clock;

    @Inject
    ChangeHistory history;

    @Inject
    Outbox outbox;

    @Inject
    InspectionService inspections;

    @Inject
    EntityManager em;

    @Inject
    PlainWrites writes;

    @Inject
    ObjectMapper mapper;

    /**
     * The list, GET by id and the transitions' locked read and change: plain JDBC rows straight into the views
     * answered with, no entity, no snapshot for dirty checking, nothing to check at flush.
     */
    @Inject
    RecommendationRows rows;

    /** Issues a conclusion's recommendations: one row and one {@code recommendation.issued} event each. */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<Recommendation> issue(Inspection i, List<RecommendationInput> inputs) {
        List<Recommendation> out = new ArrayList<>();
        for (int n = 0; n < inputs.size(); n++) {
            RecommendationInput in = inputs.get(n);
            String at = "recommendations[" + n + "]";
            if (in.dueDate().isBefore(i.scheduledDate)) {
                throw ProblemException.invalidField(at + ".dueDate", "due-before-inspection", i.scheduledDate);
            }
            Recommendation r = new Recommendation();
            r.id = UUID.randomUUID();
            r.inspectionId = i.id;
            r.seq = n + 1;
            r.content = VietnameseText.nfc(in.content());
            r.unitCode = i.unitCode;
            r.unitName = i.unitName;
            r.steeringUnitCode = i.steeringUnitCode;
            r.yearAssessed = i.yearAssessed;
            r.area = in.area().name();
            r.priority = (in.priority() == null ? Recommendation.Priority.NORMAL : in.priority()).name();
            r.dueDate = in.dueDate();
            r.originalDueDate = in.dueDate();
            r.status = Recommendation.Status.ISSUED.name();
            r.addressees = addressees(i, in.addressees(), at);
            r.searchKey = SearchKeys.recommendation(r, i.conclusionSigner);
            r.searchVersion = SearchKeys.VERSION;
            r.addresseeTypes = r.addressees.stream().map(a -> a.bodyType().name()).distinct().toArray(String[]::new);
            r.createdAt = OffsetDateTime.now(clock);
            r.createdBy = access.actor();
            touch(r);
            r.persist();
            history.record(AggregateType.RECOMMENDATION, r.id, i.id, "ISSUED",
                    details("dueDate", r.dueDate, "addressees", List.of(r.addresseeTypes)));
            outbox.publish(Topics.INSPECTION, EventTypes.RECOMMENDATION_ISSUED, r.id.toString(),
                    "recommendation/" + r.id,
                    new InspectionEvents.RecommendationIssued(r.id, i.id, r.unitCode, r.unitName,
                            r.steeringUnitCode, r.content, r.area, r.priority, r.dueDate, r.addressees,
                            i.conclusionDate));
            out.add(r);
        }
        return out;
    }

    private List<Addressee> addressees(Inspection i, List<AddresseeInput> inputs, String at) {
        Set<Addressee> out = new LinkedHashSet<>();
        for (int k = 0; k < inputs.size(); k++) {
            AddresseeInput a = inputs.get(k);
            String unit = a.unitCode() == null || a.unitCode().isBlank() ? i.unitCode : a.unitCode();
            if (!units.isWithin(unit, i.scheduledDate, i.unitCode)) {
                throw ProblemException.invalidField(at + ".addressees[" + k + "].unitCode", "addressee-outside-unit",
                        unit, i.unitName);
            }
            String name = a.name() == null || a.name().isBlank()
                    ? defaultName(a.bodyType()) + " "
                            + units.versionOn(unit, i.scheduledDate).map(u -> u.name()).orElse(unit)
                    : VietnameseText.nfc(a.name());
            out.add(new Addressee(a.bodyType(), unit, name));
        }
        return List.copyOf(out);
    }

    public static String defaultName(BodyType t) {
        return switch (t) {
            case PARTY_COMMITTEE -> "Đảng ủy";
            case GOVERNMENT -> "UBND";
            case PEOPLES_COUNCIL -> "HĐND";
            case FATHERLAND_FRONT -> "Ủy ban MTTQ";
            case WOMENS_UNION -> "Hội Liên hiệp Phụ nữ";
            case YOUTH_UNION -> "Đoàn Thanh niên";
            case FARMERS_ASSOCIATION -> "Hội Nông dân";
            case VETERANS_ASSOCIATION -> "Hội Cựu chiến binh";
            case TRADE_UNION -> "Công đoàn";
            case PEOPLES_INSPECTION_BOARD -> "Ban Thanh tra nhân dân";
            case COMMUNITY_INVESTMENT_SUPERVISION_BOARD -> "Ban giám sát đầu tư của cộng đồng";
            case PARTY_CELL -> "Chi bộ";
            case RESIDENTIAL_GROUP -> "Tổ dân phố";
            case VILLAGE -> "Thôn";
            case STEERING_COMMITTEE -> "Ban Chỉ đạo QCDC và DVK";
        };
    }

    // --- follow-up by the addressees ---

    @Transactional
    public RecommendationView reportProgress(UUID id, String ifMatch, ProgressInput in) {
        LocalDate on = realDate("reportedOn", in.reportedOn());
        OffsetDateTime now = OffsetDateTime.now(clock);
        RecommendationView r = transition(id, InspectionOperations.REPORT_PROGRESS, ifMatch,
                RecommendationRows.PROGRESS, now, in.percent());
        notBefore("reportedOn", in.reportedOn(), () -> conclusionDate(r), "date-before-conclusion");
        report(r, ProgressReport.Kind.PROGRESS, in.text(), in.percent(), in.evidence(), on, now);
        history.record(AggregateType.RECOMMENDATION, r.id(), r.inspectionId(), "PROGRESS_REPORTED",
                details("percent", in.percent()));
        outbox.publish(Topics.INSPECTION, EventTypes.RECOMMENDATION_PROGRESS_REPORTED, r.id().toString(),
                "recommendation/" + r.id(), new InspectionEvents.RecommendationProgressReported(r.id(), r.unitCode(),
                        in.percent(), VietnameseText.nfc(in.text()), access.actor(), on));
        return r;
    }

    @Transactional
    public RecommendationView reportCompletion(UUID id, String ifMatch, CompletionInput in) {
        LocalDate on = realDate("reportedOn", in.reportedOn());
        OffsetDateTime now = OffsetDateTime.now(clock);
        RecommendationView r = transition(id, InspectionOperations.REPORT_COMPLETION, ifMatch,
                RecommendationRows.COMPLETION, now, now, on);
        notBefore("reportedOn", in.reportedOn(), () -> conclusionDate(r), "date-before-conclusion");
        report(r, ProgressReport.Kind.COMPLETION, in.text(), 100, in.evidence(), on, now);
        history.record(AggregateType.RECOMMENDATION, r.id(), r.inspectionId(), "COMPLETION_REPORTED", Map.of());
        outbox.publish(Topics.INSPECTION, EventTypes.RECOMMENDATION_COMPLETION_REPORTED, r.id().toString(),
                "recommendation/" + r.id(),
                new InspectionEvents.RecommendationCompletionReported(r.id(), r.unitCode(), access.actor(), on));
        return r;
    }

    /**
     * A progress report's row: one INSERT of a new row that no entity of the session holds ({@code PlainWrites}), not
     * an entity persisted and flushed. Nothing reads it back in this transaction, so it goes with the request's other
     * last writes, in one round trip.
     */
    private void report(RecommendationView r, ProgressReport.Kind kind, String text, int percent,
            List<EvidenceLinkInput> evidence, LocalDate on, OffsetDateTime at) {
        List<ProgressReport.EvidenceLink> links = evidence == null
                ? List.of()
                : evidence.stream().map(e -> new ProgressReport.EvidenceLink(VietnameseText.nfc(e.title()), e.uri(),
                        e.evidenceId())).toList();
        for (int k = 0; k < links.size(); k++) {
            UUID evidenceId = links.get(k).evidenceId();
            if (evidenceId == null) {
                continue;
            }
            // A report may only point at a document of this recommendation's own inspection: another province's
            // file (or an id that exists nowhere) would otherwise be shown to the verifier as proof. The row is
            // locked (FOR UPDATE) and no longer pending once named, so the purge of unnamed uploads, which skips
            // locked rows and checks pending_since again under its own lock, never deletes a file a report names;
            // if the purge took the file first, the report finds none here and is refused.
            Evidence e = Evidence.findById(evidenceId, LockModeType.PESSIMISTIC_WRITE);
            if (e == null || !e.inspectionId.equals(r.inspectionId())) {
                throw ProblemException.invalidField("evidence[" + k + "].evidenceId", "evidence-not-of-inspection",
                        evidenceId);
            }
            e.pendingSince = null;
        }
        String json;
        try {
            json = mapper.writeValueAsString(links);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
        writes.later(REPORT, UUID.randomUUID(), r.id(), kind.name(), VietnameseText.nfc(text), percent, json,
                access.actor(), access.orgType().orElse(access.unitCode().orElse(null)), at, on);
    }

    // --- follow-up by the steering side ---

    /**
     * The addressee's own evidence for a report (progress or completion), stored among the documents of the
     * recommendation's inspection so that a report can name it by {@code evidenceId}; the history of the
     * recommendation keeps who uploaded which file for it.
     */
    @Transactional
    public Evidence uploadEvidence(UUID id, EvidenceUpload upload) {
        RecommendationView r = findFor(id, InspectionOperations.UPLOAD_REPORT_EVIDENCE, null);
        requireStatus(r, "report-progress", Recommendation.Status.ISSUED, Recommendation.Status.IN_PROGRESS);
        Evidence e = inspections.storeEvidence(r.inspectionId(), upload);
        e.recommendationId = r.id();
        e.pendingSince = e.createdAt; // until a report names it (ReportEvidencePurge)
        history.record(AggregateType.RECOMMENDATION, r.id(), r.inspectionId(), "EVIDENCE_UPLOADED",
                details("evidenceId", e.id, "title", e.title, "fileName", e.fileName, "sha256", e.sha256,
                        "sizeBytes", e.sizeBytes));
        return e;
    }

    @Transactional
    public RecommendationView verify(UUID id, String ifMatch, String note, LocalDate verifiedOn) {
        LocalDate on = realDate("verifiedOn", verifiedOn);
        String text = VietnameseText.nfc(note);
        OffsetDateTime now = OffsetDateTime.now(clock);
        // Verification leaves the completion's day as it was: the row it answers still has it.
        RecommendationView r = transition(id, InspectionOperations.VERIFY, ifMatch, RecommendationRows.VERIFY, now, on,
                now, text);
        notBefore("verifiedOn", verifiedOn,
                () -> r.completionReportedOn() != null ? r.completionReportedOn() : conclusionDate(r),
                "date-before-completion");
        history.record(AggregateType.RECOMMENDATION, r.id(), r.inspectionId(), "VERIFIED", details("note", text));
        outbox.publish(Topics.INSPECTION, EventTypes.RECOMMENDATION_VERIFIED, r.id().toString(),
                "recommendation/" + r.id(),
                new InspectionEvents.RecommendationVerified(r.id(), r.unitCode(), access.actor(), on));
        inspections.closeIfDone(r.inspectionId());
        return r;
    }

    @Transactional
    public RecommendationView reject(UUID id, String ifMatch, String reason) {
        String text = VietnameseText.nfc(reason);
        RecommendationView r = transition(id, InspectionOperations.REJECT, ifMatch, RecommendationRows.REJECT,
                OffsetDateTime.now(clock), text);
        history.record(AggregateType.RECOMMENDATION, r.id(), r.inspectionId(), "REJECTED", details("reason", text));
        outbox.publish(Topics.INSPECTION, EventTypes.RECOMMENDATION_REJECTED, r.id().toString(),
                "recommendation/" + r.id(),
                new InspectionEvents.RecommendationRejected(r.id(), r.unitCode(), text, access.actor()));
        return r;
    }

    @Transactional
    public RecommendationView changeDeadline(UUID id, String ifMatch, DeadlineInput in) {
        // The previous due date goes into the history and the event: the row is read (and locked) before it changes.
        RecommendationView r = findFor(id, InspectionOperations.CHANGE_DEADLINE, ifMatch);
        requireStatus(r, RecommendationRows.DEADLINE);
        Inspection i = Inspection.findById(r.inspectionId());
        if (in.dueDate().isBefore(i.scheduledDate)) {
            throw ProblemException.invalidField("dueDate", "due-before-inspection", i.scheduledDate);
        }
        String text = VietnameseText.nfc(in.reason());
        history.record(AggregateType.RECOMMENDATION, r.id(), r.inspectionId(), "DEADLINE_CHANGED",
                details("previousDueDate", r.dueDate(), "dueDate", in.dueDate(), "reason", text));
        outbox.publish(Topics.INSPECTION, EventTypes.RECOMMENDATION_DEADLINE_CHANGED, r.id().toString(),
                "recommendation/" + r.id(), new InspectionEvents.RecommendationDeadlineChanged(r.id(), r.unitCode(),
                        r.dueDate(), in.dueDate(), text));
        return change(RecommendationRows.DEADLINE, r, OffsetDateTime.now(clock), in.dueDate(), text);
    }

    @Transactional
    public RecommendationView cancel(UUID id, String ifMatch, String reason) {
        String text = VietnameseText.nfc(reason);
        RecommendationView r = transition(id, InspectionOperations.CANCEL_RECOMMENDATION, ifMatch,
                RecommendationRows.CANCEL, OffsetDateTime.now(clock), text);
        history.record(AggregateType.RECOMMENDATION, r.id(), r.inspectionId(), "CANCELLED", details("reason", text));
        outbox.publish(Topics.INSPECTION, EventTypes.RECOMMENDATION_CANCELLED, r.id().toString(),
                "recommendation/" + r.id(), new InspectionEvents.RecommendationCancelled(r.id(), r.unitCode(), text));
        inspections.closeIfDone(r.inspectionId());
        return r;
    }

    // --- reading ---

    /**
     * A recommendation as the API answers with it (GET by id), after the caller's right to read it is checked. One
     * statement on the reactive client ({@link RecommendationRows#read}): no transaction, no worker thread.
     */
    public Uni<RecommendationView> view(UUID id) {
        InspectionOperations op = InspectionOperations.READ_RECOMMENDATION;
        access.requireRole(op);
        return rows.byId(id, LocalDate.now(clock)).map(r -> {
            if (r == null) {
                throw ProblemException.notFound(WHAT, id);
            }
            access.require(op, target(r.unitCode(), r.steeringUnitCode(), r.addressees()), WHAT, id);
            return r;
        });
    }

    /** The recommendation if the caller may perform {@code op}: 404 if it does not see it, 403 if it only sees it. */
    @Transactional
    public Recommendation find(UUID id, InspectionOperations op) {
        access.requireRole(op);
        Recommendation r = Recommendation.findById(id);
        if (r == null) {
            throw ProblemException.notFound(WHAT, id);
        }
        access.require(op, target(r), WHAT, id);
        return r;
    }

    /**
     * A recommendation as authorization sees it: the inspected ward's, decided on by the inspecting committee
     * ({@code steeringUnitCode}), addressed to its bodies.
     */
    public static Target target(Recommendation r) {
        return target(r.unitCode, r.steeringUnitCode, r.addressees);
    }

    static Target target(String unitCode, String steeringUnitCode, List<Addressee> addressees) {
        return Target.decidedBy(unitCode, steeringUnitCode).addressedTo(addressees.stream()
                .map(a -> new Target.Body(a.bodyType().name(), a.unitCode())).toList());
    }

    @Transactional
    public List<ProgressReport> reports(UUID id) {
        Recommendation r = find(id, InspectionOperations.READ_REPORTS);
        return ProgressReport.<ProgressReport>find("recommendationId = ?1 order by reportedAt, id", r.id).list();
    }

    /**
     * The uploaded documents the reports of a recommendation name as their evidence, in the order they were named (a
     * linked document has no file here; a file uploaded but named by no report is not evidence of anything yet).
     */
    @Transactional
    public List<Evidence> reportEvidence(UUID id) {
        return namedFiles(find(id, InspectionOperations.LIST_REPORT_EVIDENCE));
    }

    /**
     * A file named by a report of the recommendation, with its bytes, for whoever reads the recommendation; any other
     * document (of the same inspection or not) answers 404 here, as one that does not exist.
     */
    @Transactional
    public Map.Entry<Evidence, byte[]> reportEvidenceContent(UUID id, UUID evidenceId) {
        Recommendation r = find(id, InspectionOperations.DOWNLOAD_REPORT_EVIDENCE);
        Evidence e = namedFiles(r).stream().filter(f -> f.id.equals(evidenceId)).findFirst()
                .orElseThrow(() -> ProblemException.notFound("evidence", evidenceId));
        return Map.entry(e, inspections.content(e));
    }

    private List<Evidence> namedFiles(Recommendation r) {
        List<UUID> ids = ProgressReport.<ProgressReport>find("recommendationId = ?1 order by reportedAt, id", r.id)
                .stream().flatMap(p -> p.evidence == null ? Stream.empty() : p.evidence.stream())
                .map(ProgressReport.EvidenceLink::evidenceId).filter(Objects::nonNull).distinct().toList();
        if (ids.isEmpty()) {
            return List.of();
        }
        Map<UUID, Evidence> files = Evidence.<Evidence>list(AnyOf.condition("id", 1)
                + " and inspectionId = ?2 and sha256 is not null", AnyOf.ids(ids), r.inspectionId).stream()
                .collect(Collectors.toMap(e -> e.id, e -> e));
        return ids.stream().map(files::get).filter(Objects::nonNull).toList();
    }

    /** An evidence file as a reader of the recommendation sees it: downloaded through the recommendation. */
    public static EvidenceView evidenceView(UUID recommendationId, Evidence e) {
        return InspectionService.view(e, "/api/v1/recommendations/" + recommendationId + "/evidence/" + e.id
                + "/content");
    }

    public long countOf(UUID inspectionId) {
        return Recommendation.count("inspectionId", inspectionId);
    }

    public long unfinishedOf(UUID inspectionId) {
        return Recommendation.count("inspectionId = ?1 and status <> ?2 and status <> ?3", inspectionId,
                Recommendation.Status.VERIFIED.name(), Recommendation.Status.CANCELLED.name());
    }

    public List<Recommendation> ofInspection(UUID inspectionId) {
        return Recommendation.<Recommendation>find("inspectionId = ?1 order by seq", inspectionId).list();
    }

    /**
     * The list across inspections. One SQL statement on {@code recommendation} (unit, status, year and due date are
     * copied there from the inspection) so the indexes answer it; keyset pagination on (sort column, id). Read on
     * the reactive client, like {@link #view(UUID)}; the filters are checked before anything is sent.
     */
    public Uni<Page<RecommendationView>> list(Filter f) {
        int size = Cursor.limit(f.limit());
        Sort sort = Sort.of(f.sort());
        StringBuilder sql = new StringBuilder("SELECT ").append(RecommendationRows.COLUMNS)
                .append(" FROM recommendation r WHERE true");
        List<Object> params = new ArrayList<>();
        Access.Scope scope = access.scope(InspectionOperations.LIST_RECOMMENDATIONS, f.unit());
        if (!scope.everywhere()) {
            // One array parameter, not one per code: a province covers ~100-550 codes (a list of
            // hundreds of bind values per request, and a different statement for every coverage size).
            sql.append(" AND r.unit_code = ANY(")
                    .append(bind(params, new RecommendationRows.TextArray(scope.units().toArray(String[]::new))))
                    .append(')');
        }
        if (f.addressee() != null) {
            sql.append(" AND r.addressee_types @> CAST(ARRAY[")
                    .append(bind(params, parseEnum(BodyType.class, "addressee", f.addressee()).name()))
                    .append("] AS text[])");
        }
        if (f.status() != null) {
            sql.append(" AND r.status = ")
                    .append(bind(params, parseEnum(Recommendation.Status.class, "status", f.status()).name()));
        }
        LocalDate today = LocalDate.now(clock);
        if (f.overdue() != null) {
            sql.append(f.overdue() ? " AND" : " AND NOT").append(" (r.due_date < ").append(bind(params, today))
                    .append(" AND r.status NOT IN ('VERIFIED', 'CANCELLED'))");
        }
        LocalDate from = parseDate("dueFrom", f.dueFrom());
        LocalDate to = parseDate("dueTo", f.dueTo());
        if (from != null && to != null && to.isBefore(from)) {
            throw ProblemException.invalidField("dueTo", "range-inverted");
        }
        if (from != null) {
            sql.append(" AND r.due_date >= ").append(bind(params, from));
        }
        if (to != null) {
            sql.append(" AND r.due_date <= ").append(bind(params, to));
        }
        if (f.year() != null) {
            sql.append(" AND r.year_assessed = ").append(bind(params, f.year()));
        }
        if (f.inspection() != null) {
            sql.append(" AND r.inspection_id = ").append(bind(params, f.inspection()));
        }
        if (f.cursor() != null) {
            List<String> c = Cursor.decode(f.cursor(), 3);
            if (!c.get(0).equals(sort.param)) {
                throw ProblemException.invalidField("cursor", "invalid-cursor");
            }
            Object value;
            UUID id;
            try {
                value = sort == Sort.DUE_DATE || sort == Sort.DUE_DATE_DESC
                        ? LocalDate.parse(c.get(1))
                        : OffsetDateTime.parse(c.get(1));
                id = UUID.fromString(c.get(2));
            } catch (RuntimeException e) {
                throw ProblemException.invalidField("cursor", "invalid-cursor");
            }
            sql.append(" AND (r.").append(sort.column).append(", r.id) ").append(sort.desc ? "<" : ">")
                    .append(" (").append(bind(params, value)).append(", ").append(bind(params, id)).append(')');
        }
        String dir = sort.desc ? " DESC" : "";
        String order = " ORDER BY r." + sort.column + dir + ", r.id" + dir + " LIMIT " + (size + 1);
        if (f.q() != null && !f.q().isBlank()) {
            if (f.q().length() > 200) {
                throw ProblemException.invalidField("q", "query-too-long", 200);
            }
            String folded = VietnameseText.fold(f.q());
            SearchWords.Terms terms = SearchWords.terms(folded);
            // Which index finds the text is known once the statistics are read (at most every 10 minutes): the rest
            // of the statement is built and checked before, on the request's thread.
            return words.answers(terms).chain(byWords -> page(searching(sql.toString(), order, folded, terms, byWords,
                    params), params, today, size, sort));
        }
        return page(sql.append(order).toString(), params, today, size, sort);
    }

    /**
     * The statement of {@code filtered} (which selects {@link RecommendationRows#COLUMNS} from {@code r} with its
     * conditions) that also finds {@code q} (folded), in the {@code order} of the page, its values added to
     * {@code params}: a substring of the search key, found through the word index ({@code byWords}, chosen by
     * {@link SearchWords}) or the trigram index.
     *
     * <p>
     * Through the word index, the rows it finds are collected first and sorted after ({@code OFFSET 0} keeps the
     * planner from folding the two): PostgreSQL cannot estimate a rare word beginning well (it assumes 0.5% of the
     * rows), and at 10^6 rows it walked the due-date index waiting for 51 matches of "77777…" that were never there,
     * reading the unit's every row (2 s and more). A word it found rare is at most a few thousand rows to sort.
     * {@code strpos}, not {@code LIKE}, beside the word index: with {@code LIKE} PostgreSQL reads the trigram index
     * too and ANDs the two.
     */
    static String searching(String filtered, String order, String folded, SearchWords.Terms terms, boolean byWords,
            List<Object> params) {
        if (byWords) {
            // The words as text, read by tsquery's own input (the client cannot write a tsquery itself).
            return "SELECT * FROM (" + filtered + " AND r.search_words @@ CAST(CAST(" + bind(params, terms.tsquery())
                    + " AS text) AS tsquery) AND strpos(r.search_key, " + bind(params, folded) + ") > 0 OFFSET 0) r"
                    + order;
        }
        return filtered + " AND r.search_key LIKE " + bind(params, SearchWords.containing(folded)) + order;
    }

    private Uni<Page<RecommendationView>> page(String sql, List<Object> params, LocalDate today, int size, Sort sort) {
        return rows.read(sql, params, today).map(found -> {
            List<RecommendationView> items = found.size() > size ? found.subList(0, size) : found;
            String next = null;
            if (found.size() > size) {
                RecommendationView last = found.get(size - 1);
                String value = sort.column.equals("due_date")
                        ? last.dueDate().toString()
                        : last.createdAt().toString();
                next = Cursor.encode(List.of(sort.param, value, last.id().toString()));
            }
            return new Page<>(items, next, size);
        });
    }

    public RecommendationView view(Recommendation r) {
        return view(r, LocalDate.now(clock));
    }

    static RecommendationView view(Recommendation r, LocalDate today) {
        return new RecommendationView(r.id, r.inspectionId, r.seq, r.content, r.unitCode, r.unitName,
                r.steeringUnitCode, r.yearAssessed, Area.valueOf(r.area), Recommendation.Priority.valueOf(r.priority),
                r.dueDate, r.originalDueDate, r.status(), r.overdueOn(today), r.addressees, r.progressPercent,
                r.lastReason, r.completionReportedAt, r.verifiedAt, r.version, r.createdAt, r.createdBy, r.updatedAt,
                r.updatedBy, r.completionReportedOn, r.verifiedOn);
    }

    public static ReportView view(ProgressReport p) {
        return new ReportView(p.id, p.recommendationId, ProgressReport.Kind.valueOf(p.kind), p.text, p.percent,
                p.evidence, p.reportedBy, p.reportedFor, p.reportedAt, p.reportedOn);
    }

    // --- helpers ---

    /**
     * The day something happened, as the caller states it for a record entered later (default: today): not after
     * today in Vietnam (a report cannot come from the future). {@link #notBefore} checks it against the record it
     * concerns.
     */
    private LocalDate realDate(String field, LocalDate given) {
        LocalDate today = LocalDate.now(clock.withZone(ClockProducer.VIETNAM));
        if (given == null) {
            return today;
        }
        DateRules.require(field, given);
        if (given.isAfter(today)) {
            throw ProblemException.invalidField(field, "date-in-future", today);
        }
        return given;
    }

    /**
     * A stated day ({@code given}) is not before {@code notBefore}: nothing is reported on a recommendation before the
     * conclusion that issued it, nor verified before its completion was reported. {@code notBefore} is asked only for
     * a stated day: today is never before it (a conclusion is not signed in the future), so the common report of
     * today reads nothing more.
     */
    private static void notBefore(String field, LocalDate given, Supplier<LocalDate> notBefore, String beforeCode) {
        if (given == null) {
            return;
        }
        LocalDate limit = notBefore.get();
        if (limit != null && given.isBefore(limit)) {
            throw ProblemException.invalidField(field, beforeCode, limit);
        }
    }

    /** The day the conclusion was signed: one column, not the whole inspection loaded and watched for changes. */
    private static LocalDate conclusionDate(RecommendationView r) {
        List<LocalDate> day = Inspection.getEntityManager()
                .createQuery("select i.conclusionDate from Inspection i where i.id = ?1", LocalDate.class)
                .setParameter(1, r.inspectionId()).getResultList();
        return day.isEmpty() ? null : day.get(0);
    }

    /**
     * The recommendation to change, read and locked by one statement ({@code SELECT … FOR UPDATE}) rather than read,
     * then locked and re-read: concurrent changes of one recommendation run one after the other, and
     * {@code If-Match} is checked against the version seen under the lock. A row ({@link RecommendationRows}), not a
     * managed entity: the transition writes only what it changes ({@link #change}).
     */
    private RecommendationView findFor(UUID id, InspectionOperations op, String ifMatch) {
        access.requireRole(op);
        RecommendationView r = rows.lock(id, LocalDate.now(clock));
        if (r == null) {
            throw ProblemException.notFound(WHAT, id);
        }
        access.require(op, target(r.unitCode(), r.steeringUnitCode(), r.addressees()), WHAT, id);
        ETags.requireMatch(ifMatch, r.version());
        return r;
    }

    /** Applies {@code t} to the locked row {@code r} at {@code now}, by the caller: the row as it is now. */
    private RecommendationView change(Transition t, RecommendationView r, OffsetDateTime now, Object... values) {
        return rows.change(t, r.id(), LocalDate.now(clock), now, access.actor(), values);
    }

    /**
     * Applies {@code t} to recommendation {@code id} at {@code now}, by the caller, with its own {@code values}: the row
     * as it is now, with its new version.
     *
     * <p>
     * One statement when the row is in a status {@code t} starts from ({@link RecommendationRows#changeIfIn}): the
     * change, guarded by the status, locks the row and answers it; then the caller's right to change it and
     * {@code If-Match} (against the version before this change) are checked on that row, which these transitions do
     * not change (its unit, inspecting committee and addressees), and a refusal rolls the change back with the
     * request's transaction. A progress report used to read and lock the row first, then change it: two statements
     * and two rows read (issue 11).
     *
     * <p>
     * When nothing was changed (no such row, or another status), the row is read under lock as
     * {@link #findFor} does, and the refusal named in the same order as there: 404, 403, 412, then 409. If a
     * concurrent change has just brought it into a status {@code t} starts from, {@code t} is applied to it.
     */
    private RecommendationView transition(UUID id, InspectionOperations op, String ifMatch, Transition t,
            OffsetDateTime now, Object... values) {
        access.requireRole(op);
        RecommendationView changed = rows.changeIfIn(t, id, LocalDate.now(clock), now, access.actor(), values);
        if (changed == null) {
            RecommendationView r = findFor(id, op, ifMatch);
            requireStatus(r, t);
            return change(t, r, now, values);
        }
        access.require(op, target(changed.unitCode(), changed.steeringUnitCode(), changed.addressees()), WHAT, id);
        ETags.requireMatch(ifMatch, changed.version() - 1);
        return changed;
    }

    private void touch(Recommendation r) {
        r.updatedAt = OffsetDateTime.now(clock);
        r.updatedBy = access.actor();
    }

    private static void requireStatus(RecommendationView r, Transition t) {
        requireStatus(r, t.action(), t.from());
    }

    private static void requireStatus(RecommendationView r, String action, Recommendation.Status... allowed) {
        for (Recommendation.Status s : allowed) {
            if (r.status() == s) {
                return;
            }
        }
        throw ProblemException.conflict("invalid-transition", r.status(), Label.of("RecommendationAction", action),
                Label.of("Resource", WHAT));
    }
}
