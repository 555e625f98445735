package vn.qcdc.inspection.inspection;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import vn.qcdc.api.AnyOf;
import vn.qcdc.api.ETags;
import vn.qcdc.api.RowLocks;
import vn.qcdc.api.access.Access;
import vn.qcdc.api.access.Target;
import vn.qcdc.api.input.DateRules;
import vn.qcdc.api.labels.Label;
import vn.qcdc.api.paging.Cursor;
import vn.qcdc.api.paging.Page;
import vn.qcdc.api.problem.ProblemException;
import vn.qcdc.api.text.VietnameseText;
import vn.qcdc.api.units.UnitRules;
import vn.qcdc.backbone.outbox.Outbox;
import vn.qcdc.events.EventTypes;
import vn.qcdc.events.Topics;
import vn.qcdc.events.inspection.InspectionEvents;
import vn.qcdc.inspection.access.InspectionOperations;
import vn.qcdc.inspection.delegation.Delegation;
import vn.qcdc.inspection.delegation.DelegationService;
import vn.qcdc.inspection.dvk.DvkModelReadModel;
import vn.qcdc.inspection.history.ChangeHistory;
import vn.qcdc.inspection.history.ChangeHistory.AggregateType;
import vn.qcdc.inspection.inspection.InspectionDto.ConclusionInput;
import vn.qcdc.inspection.inspection.InspectionDto.ConclusionView;
import vn.qcdc.inspection.inspection.InspectionDto.EvidenceLinkInput;
import vn.qcdc.inspection.inspection.InspectionDto.EvidenceView;
import vn.qcdc.inspection.inspection.InspectionDto.FindingInput;
import vn.qcdc.inspection.inspection.InspectionDto.FindingView;
import vn.qcdc.inspection.inspection.InspectionDto.InspectionInput;
import vn.qcdc.inspection.inspection.InspectionDto.InspectionUpdate;
import vn.qcdc.inspection.inspection.InspectionDto.InspectionView;
import vn.qcdc.inspection.recommendation.RecommendationService;
import vn.qcdc.inspection.search.SearchKeys;
import vn.qcdc.inspection.search.SearchWords;
import vn.qcdc.units.AdministrativeUnit;
import vn.qcdc.units.AdministrativeUnits;

/**
 * Business rules of inspections: which unit a delegation may inspect, the life cycle, findings frozen by the
 * conclusion, evidence, and the conclusion that issues recommendations. Every change writes its history and, where the
 * suite needs to know, its event, in the same transaction.
 */
@ApplicationScoped
public class InspectionService {

    public static final String WHAT = "inspection";
    /** Uploaded evidence is bounded so a request cannot fill the database (and the HTTP limit is set above it). */
    public static final long MAX_UPLOAD_BYTES = 10L * 1024 * 1024;

    @Inject
    Access access;

    @Inject
    AdministrativeUnits units;

    @Inject
    UnitRules unitRules;

    @Inject
    Clock clock;

    @Inject
    DelegationService delegations;

    @Inject
    RecommendationService recommendations;

    @Inject
    ChangeHistory history;

    @Inject
    Outbox outbox;

    @Inject
    DvkModelReadModel dvkModels;

    @Inject
    EntityManager em;

    @Transactional
    public Inspection schedule(InspectionInput in) {
        // The ward must lie within the committee's unit (checked below), so the committee's right covers it.
        Delegation d = delegations.find(in.delegationId(), InspectionOperations.SCHEDULE_INSPECTION);
        // The inspection keeps the unit as it was on its date (01843 is Phùng Chí Kiên in 2021, Bắc Kạn in 2026).
        AdministrativeUnit unit = unitRules.requireValidOn("unitCode", in.unitCode(), "scheduledDate",
                in.scheduledDate());
        if (!unit.level().isGrassroots()) {
            throw ProblemException.invalidField("unitCode", "unit-not-grassroots", in.unitCode());
        }
        if (!units.isWithin(unit.code(), in.scheduledDate(), d.committeeUnitCode)) {
            throw ProblemException.invalidField("unitCode", "unit-outside-committee", in.unitCode(),
                    d.committeeUnitCode);
        }
        Inspection i = new Inspection();
        i.id = UUID.randomUUID();
        i.delegationId = d.id;
        i.unitCode = unit.code();
        i.unitName = unit.name();
        i.steeringUnitCode = d.committeeUnitCode;
        i.status = Inspection.Status.PLANNED.name();
        i.createdAt = OffsetDateTime.now(clock);
        i.createdBy = access.actor();
        applySchedule(i, in.scheduledDate(), in.yearAssessed(), in.topics(), in.internalNote(),
                in.publicDisclosure());
        i.persist();
        history.record(AggregateType.INSPECTION, i.id, i.id, "SCHEDULED",
                details("unitCode", i.unitCode, "scheduledDate", i.scheduledDate, "yearAssessed", i.yearAssessed));
        outbox.publish(Topics.INSPECTION, EventTypes.INSPECTION_SCHEDULED, i.id.toString(), "inspection/" + i.id,
                new InspectionEvents.InspectionScheduled(i.id, d.id, i.unitCode, i.unitName, i.steeringUnitCode,
                        i.scheduledDate, i.yearAssessed, List.of(i.topics)));
        return i;
    }

    @Transactional
    public Inspection update(UUID id, String ifMatch, InspectionUpdate in) {
        Inspection i = findFor(id, InspectionOperations.UPDATE_INSPECTION, ifMatch);
        requireStatus(i, "update", Inspection.Status.PLANNED, Inspection.Status.IN_PROGRESS);
        i.unitName = unitRules.requireValidOn("unitCode", i.unitCode, "scheduledDate", in.scheduledDate()).name();
        Map<String, Object> before = details("scheduledDate", i.scheduledDate, "yearAssessed", i.yearAssessed,
                "topics", List.of(i.topics), "publicDisclosure", i.publicDisclosure);
        applySchedule(i, in.scheduledDate(), in.yearAssessed(), in.topics(), in.internalNote(),
                in.publicDisclosure());
        history.record(AggregateType.INSPECTION, i.id, i.id, "UPDATED", details("before", before, "after",
                details("scheduledDate", i.scheduledDate, "yearAssessed", i.yearAssessed, "topics",
                        List.of(i.topics), "publicDisclosure", i.publicDisclosure)));
        return i;
    }

    @Transactional
    public Inspection start(UUID id, String ifMatch) {
        Inspection i = findFor(id, InspectionOperations.START_INSPECTION, ifMatch);
        requireStatus(i, "start", Inspection.Status.PLANNED);
        i.status = Inspection.Status.IN_PROGRESS.name();
        touch(i);
        history.record(AggregateType.INSPECTION, i.id, i.id, "STARTED", Map.of());
        return i;
    }

    @Transactional
    public Inspection cancel(UUID id, String ifMatch, String reason) {
        Inspection i = findFor(id, InspectionOperations.CANCEL_INSPECTION, ifMatch);
        requireStatus(i, "cancel", Inspection.Status.PLANNED, Inspection.Status.IN_PROGRESS);
        i.status = Inspection.Status.CANCELLED.name();
        i.cancelReason = VietnameseText.nfc(reason);
        touch(i);
        history.record(AggregateType.INSPECTION, i.id, i.id, "CANCELLED", details("reason", i.cancelReason));
        outbox.publish(Topics.INSPECTION, EventTypes.INSPECTION_CANCELLED, i.id.toString(), "inspection/" + i.id,
                new InspectionEvents.InspectionCancelled(i.id, i.unitCode, i.cancelReason));
        return i;
    }

    /**
     * Issues the conclusion: freezes the findings and issues its recommendations (one event each). An inspection
     * whose conclusion has no recommendation has nothing to follow up and closes at once.
     */
    @Transactional
    public Inspection conclude(UUID id, String ifMatch, ConclusionInput in) {
        Inspection i = findFor(id, InspectionOperations.CONCLUDE_INSPECTION, ifMatch);
        requireStatus(i, "conclude", Inspection.Status.IN_PROGRESS);
        if (in.date().isBefore(i.scheduledDate)) {
            throw ProblemException.invalidField("date", "conclusion-before-inspection", i.scheduledDate);
        }
        LocalDate today = LocalDate.now(clock.withZone(vn.qcdc.api.time.ClockProducer.VIETNAM));
        if (in.date().isAfter(today)) {
            throw ProblemException.invalidField("date", "date-in-future", today);
        }
        i.status = Inspection.Status.CONCLUDED.name();
        i.conclusionText = VietnameseText.nfc(in.text());
        i.conclusionSigner = VietnameseText.nfc(in.signer());
        i.conclusionSignerTitle = VietnameseText.nfc(in.signerTitle());
        i.conclusionDate = in.date();
        i.concludedAt = OffsetDateTime.now(clock);
        if (in.publicDisclosure() != null) {
            i.publicDisclosure = in.publicDisclosure();
        }
        touch(i);
        var issued = recommendations.issue(i, in.recommendations());
        history.record(AggregateType.INSPECTION, i.id, i.id, "CONCLUDED", details("date", i.conclusionDate,
                "signer", i.conclusionSigner, "recommendations", issued.size(), "publicDisclosure",
                i.publicDisclosure));
        outbox.publish(Topics.INSPECTION, EventTypes.INSPECTION_CONCLUDED, i.id.toString(), "inspection/" + i.id,
                new InspectionEvents.InspectionConcluded(i.id, i.unitCode, i.steeringUnitCode, i.conclusionDate,
                        i.conclusionSigner, issued.size(), i.publicDisclosure));
        if (issued.isEmpty()) {
            close(i);
        }
        return i;
    }

    /** Closes a concluded inspection once every recommendation is verified or cancelled. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void closeIfDone(UUID inspectionId) {
        Inspection i = Inspection.findById(inspectionId);
        if (i != null && i.status() == Inspection.Status.CONCLUDED && recommendations.unfinishedOf(i.id) == 0) {
            close(i);
        }
    }

    private void close(Inspection i) {
        i.status = Inspection.Status.CLOSED.name();
        i.closedAt = OffsetDateTime.now(clock);
        touch(i);
        history.record(AggregateType.INSPECTION, i.id, i.id, "CLOSED", Map.of());
        outbox.publish(Topics.INSPECTION, EventTypes.INSPECTION_CLOSED, i.id.toString(), "inspection/" + i.id,
                new InspectionEvents.InspectionClosed(i.id, i.unitCode));
    }

    // --- findings ---

    @Transactional
    public Finding addFinding(UUID id, FindingInput in) {
        Inspection i = findFor(id, InspectionOperations.ADD_FINDING, null);
        requireNotCancelled(i, "add-finding");
        Finding f = new Finding();
        f.id = UUID.randomUUID();
        f.inspectionId = i.id;
        f.amendment = i.status().concluded();
        f.createdAt = OffsetDateTime.now(clock);
        f.createdBy = access.actor();
        applyFinding(f, in);
        f.persist();
        history.record(AggregateType.INSPECTION, i.id, i.id, f.amendment ? "FINDING_AMENDED" : "FINDING_ADDED",
                details("findingId", f.id, "kind", f.kind, "area", f.area));
        return f;
    }

    /**
     * Changes a finding. Before the conclusion it is overwritten; after it, the finding is frozen and the change is a
     * new finding that amends it, the old one kept and marked superseded.
     */
    @Transactional
    public Finding changeFinding(UUID id, UUID findingId, String ifMatch, FindingInput in) {
        Inspection i = findFor(id, InspectionOperations.CHANGE_FINDING, null);
        requireNotCancelled(i, "change-finding");
        Finding f = Finding.findById(findingId);
        if (f == null || !f.inspectionId.equals(i.id)) {
            throw ProblemException.notFound("finding", findingId);
        }
        ETags.requireMatch(ifMatch, RowLocks.forUpdate(f).version);
        if (f.superseded) {
            throw ProblemException.conflict("finding-superseded");
        }
        if (!i.status().concluded()) {
            String before = f.text;
            applyFinding(f, in);
            history.record(AggregateType.INSPECTION, i.id, i.id, "FINDING_CHANGED",
                    details("findingId", f.id, "beforeText", before));
            return f;
        }
        Finding amendment = new Finding();
        amendment.id = UUID.randomUUID();
        amendment.inspectionId = i.id;
        amendment.amendment = true;
        amendment.amendsId = f.id;
        amendment.createdAt = OffsetDateTime.now(clock);
        amendment.createdBy = access.actor();
        applyFinding(amendment, in);
        amendment.persist();
        f.superseded = true;
        history.record(AggregateType.INSPECTION, i.id, i.id, "FINDING_AMENDED",
                details("findingId", amendment.id, "amends", f.id));
        return amendment;
    }

    @Transactional
    public List<Finding> findings(UUID id) {
        Inspection i = find(id, InspectionOperations.LIST_FINDINGS);
        return Finding.<Finding>find("inspectionId = ?1 order by createdAt, id", i.id).list();
    }

    // --- evidence ---

    @Transactional
    public Evidence linkEvidence(UUID id, EvidenceLinkInput in) {
        Inspection i = findFor(id, InspectionOperations.LINK_EVIDENCE, null);
        requireNotCancelled(i, "add-evidence");
        Evidence e = newEvidence(i, in.title(), in.kind(), in.referenceNumber(), in.documentDate());
        e.uri = in.uri();
        e.persist();
        history.record(AggregateType.INSPECTION, i.id, i.id, "EVIDENCE_LINKED",
                details("evidenceId", e.id, "title", e.title, "uri", e.uri));
        return e;
    }

    /** Stores an uploaded document with its SHA-256 (its fingerprint for whoever downloads it later). */
    @Transactional
    public Evidence uploadEvidence(UUID id, EvidenceUpload upload) {
        Inspection i = findFor(id, InspectionOperations.UPLOAD_EVIDENCE, null);
        Evidence e = store(i, upload);
        history.record(AggregateType.INSPECTION, i.id, i.id, "EVIDENCE_UPLOADED",
                details("evidenceId", e.id, "title", e.title, "sha256", e.sha256, "sizeBytes", e.sizeBytes));
        return e;
    }

    /**
     * Stores an uploaded document among the evidence of inspection {@code inspectionId}, for whoever the caller's
     * decision table let upload it (the caller has checked that, and records its own history entry).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Evidence storeEvidence(UUID inspectionId, EvidenceUpload upload) {
        Inspection i = Inspection.findById(inspectionId);
        if (i == null) {
            throw ProblemException.notFound(WHAT, inspectionId);
        }
        return store(i, upload);
    }

    private Evidence store(Inspection i, EvidenceUpload upload) {
        requireNotCancelled(i, "add-evidence");
        Evidence e = newEvidence(i, upload.title(), upload.kind(), upload.referenceNumber(), upload.documentDate());
        e.fileName = upload.fileName();
        e.contentType = upload.contentType() == null || upload.contentType().isBlank()
                ? "application/octet-stream"
                : upload.contentType();
        e.sizeBytes = (long) upload.content().length;
        e.sha256 = sha256(upload.content());
        e.persist();
        em.flush();
        em.createNativeQuery("INSERT INTO evidence_content (evidence_id, content) VALUES (?1, ?2)")
                .setParameter(1, e.id).setParameter(2, upload.content()).executeUpdate();
        return e;
    }

    @Transactional
    public List<Evidence> evidence(UUID id) {
        Inspection i = find(id, InspectionOperations.LIST_EVIDENCE);
        return Evidence.<Evidence>find("inspectionId = ?1 order by createdAt, id", i.id).list();
    }

    /** An uploaded document and its bytes; 404 for a linked one (nothing stored here to download). */
    @Transactional
    public Map.Entry<Evidence, byte[]> evidenceContent(UUID id, UUID evidenceId) {
        Inspection i = find(id, InspectionOperations.DOWNLOAD_EVIDENCE);
        Evidence e = Evidence.findById(evidenceId);
        if (e == null || !e.inspectionId.equals(i.id) || e.sha256 == null) {
            throw ProblemException.notFound("evidence", evidenceId);
        }
        return Map.entry(e, content(e));
    }

    /** The stored bytes of an uploaded document (the caller has decided that its caller may read them). */
    @Transactional(Transactional.TxType.MANDATORY)
    public byte[] content(Evidence e) {
        return (byte[]) em.createNativeQuery("SELECT content FROM evidence_content WHERE evidence_id = ?1")
                .setParameter(1, e.id).getSingleResult();
    }

    private Evidence newEvidence(Inspection i, String title, Evidence.Kind kind, String referenceNumber,
            LocalDate documentDate) {
        Evidence e = new Evidence();
        e.id = UUID.randomUUID();
        e.inspectionId = i.id;
        e.title = VietnameseText.nfc(title);
        e.kind = kind.name();
        e.referenceNumber = VietnameseText.nfc(referenceNumber);
        e.documentDate = documentDate;
        e.createdAt = OffsetDateTime.now(clock);
        e.createdBy = access.actor();
        return e;
    }

    // --- reading ---

    /** An inspection the caller may read; outside its unit it does not exist. */
    @Transactional
    public Inspection find(UUID id) {
        return find(id, InspectionOperations.READ_INSPECTION);
    }

    /** The inspection if the caller may perform {@code op} on it: 404 if it does not see it, 403 if it only sees it. */
    @Transactional
    public Inspection find(UUID id, InspectionOperations op) {
        access.requireRole(op);
        Inspection i = Inspection.findById(id);
        if (i == null) {
            throw ProblemException.notFound(WHAT, id);
        }
        access.require(op, target(i), WHAT, id);
        return i;
    }

    /** An inspection as authorization sees it: the inspected ward, decided on by the delegation's committee. */
    public static Target target(Inspection i) {
        return Target.decidedBy(i.unitCode, i.steeringUnitCode);
    }

    /** Inspections within {@code unitCode} (default: the caller's unit), latest scheduled first. */
    @Transactional
    public Page<InspectionView> list(String unitCode, Integer year, String status, String q, String cursor,
            Integer limit) {
        int size = Cursor.limit(limit);
        StringBuilder where = new StringBuilder("1 = 1");
        Map<String, Object> params = new HashMap<>();
        Access.Scope scope = access.scope(InspectionOperations.LIST_INSPECTIONS, unitCode);
        if (!scope.everywhere()) {
            where.append(" and ").append(AnyOf.condition("unitCode", "units"));
            params.put("units", AnyOf.texts(scope.units()));
        }
        if (year != null) {
            where.append(" and yearAssessed = :year");
            params.put("year", year);
        }
        if (status != null) {
            where.append(" and status = :status");
            params.put("status", parseEnum(Inspection.Status.class, "status", status).name());
        }
        if (q != null && !q.isBlank()) {
            if (q.length() > 200) {
                throw ProblemException.invalidField("q", "query-too-long", 200);
            }
            where.append(" and searchKey like :q");
            params.put("q", SearchWords.containing(VietnameseText.fold(q)));
        }
        if (cursor != null) {
            List<String> c = Cursor.decode(cursor, 2);
            try {
                params.put("cd", LocalDate.parse(c.get(0)));
                params.put("cid", UUID.fromString(c.get(1)));
            } catch (RuntimeException e) {
                throw ProblemException.invalidField("cursor", "invalid-cursor");
            }
            where.append(" and (scheduledDate < :cd or (scheduledDate = :cd and id > :cid))");
        }
        List<Inspection> rows = Inspection.<Inspection>find(where + " order by scheduledDate desc, id", params)
                .page(0, size + 1).list();
        List<InspectionView> items = rows.stream().limit(size).map(this::view).toList();
        String next = rows.size() > size
                ? Cursor.encode(List.of(rows.get(size - 1).scheduledDate.toString(), rows.get(size - 1).id.toString()))
                : null;
        return new Page<>(items, next, size);
    }

    public InspectionView view(Inspection i) {
        Delegation d = Delegation.findById(i.delegationId);
        ConclusionView conclusion = i.conclusionDate == null
                ? null
                : new ConclusionView(i.conclusionText, i.conclusionSigner, i.conclusionSignerTitle,
                        i.conclusionDate, i.concludedAt);
        return new InspectionView(i.id, i.delegationId, d == null ? null : d.name, i.unitCode, i.unitName,
                i.steeringUnitCode, i.scheduledDate, i.yearAssessed, topics(i), i.status(), i.cancelReason,
                access.allows(InspectionOperations.READ_INTERNAL_NOTE, target(i)) ? i.internalNote : null,
                i.publicDisclosure, conclusion, recommendations.countOf(i.id),
                dvkModels.figures(i.unitCode, i.yearAssessed), i.version, i.createdAt, i.createdBy, i.updatedAt,
                i.updatedBy);
    }

    public static FindingView view(Finding f) {
        return new FindingView(f.id, f.inspectionId, Finding.Kind.valueOf(f.kind), Area.valueOf(f.area), f.text,
                f.indicators, f.amendment, f.amendsId, f.superseded, f.version, f.createdAt, f.createdBy,
                f.updatedAt, f.updatedBy);
    }

    public static EvidenceView view(Evidence e) {
        return view(e, e.sha256 == null
                ? null
                : "/api/v1/inspections/" + e.inspectionId + "/evidence/" + e.id + "/content");
    }

    /** The view of a document served at {@code downloadUrl} (a recommendation serves its reports' files itself). */
    public static EvidenceView view(Evidence e, String downloadUrl) {
        return new EvidenceView(e.id, e.inspectionId, e.title, Evidence.Kind.valueOf(e.kind), e.referenceNumber,
                e.documentDate, e.uri, e.fileName, e.contentType, e.sizeBytes, e.sha256, downloadUrl, e.createdAt,
                e.createdBy);
    }

    public static java.util.Set<Delegation.Topic> topics(Inspection i) {
        return Arrays.stream(i.topics).map(Delegation.Topic::valueOf)
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(Delegation.Topic.class)));
    }

    // --- helpers ---

    private Inspection findFor(UUID id, InspectionOperations op, String ifMatch) {
        Inspection i = find(id, op);
        ETags.requireMatch(ifMatch, RowLocks.forUpdate(i).version);
        return i;
    }

    private void applySchedule(Inspection i, LocalDate date, int year, java.util.Set<Delegation.Topic> topics,
            String internalNote, Boolean publicDisclosure) {
        if (year > date.getYear() || year < date.getYear() - 1) {
            throw ProblemException.invalidField("yearAssessed", "year-assessed-mismatch", date.getYear());
        }
        i.scheduledDate = date;
        i.yearAssessed = year;
        i.topics = EnumSet.copyOf(topics).stream().map(Enum::name).toArray(String[]::new);
        i.internalNote = VietnameseText.nfc(internalNote);
        if (publicDisclosure != null) {
            i.publicDisclosure = publicDisclosure;
        }
        i.searchKey = SearchKeys.inspection(i, Delegation.findById(i.delegationId));
        i.searchVersion = SearchKeys.VERSION;
        touch(i);
    }

    private void applyFinding(Finding f, FindingInput in) {
        f.kind = in.kind().name();
        f.area = in.area().name();
        f.text = VietnameseText.nfc(in.text());
        f.indicators = in.indicators() == null
                ? List.of()
                : in.indicators().stream().map(x -> new Finding.Indicator(VietnameseText.nfc(x.name()), x.value(),
                        VietnameseText.nfc(x.unit()))).toList();
        f.updatedAt = OffsetDateTime.now(clock);
        f.updatedBy = access.actor();
    }

    private void touch(Inspection i) {
        i.updatedAt = OffsetDateTime.now(clock);
        i.updatedBy = access.actor();
    }

    private static void requireStatus(Inspection i, String action, Inspection.Status... allowed) {
        for (Inspection.Status s : allowed) {
            if (i.status() == s) {
                return;
            }
        }
        throw ProblemException.conflict("invalid-transition", i.status(), Label.of("InspectionAction", action),
                Label.of("Resource", WHAT));
    }

    private static void requireNotCancelled(Inspection i, String action) {
        if (i.status() == Inspection.Status.CANCELLED) {
            throw ProblemException.conflict("invalid-transition", i.status(), Label.of("InspectionAction", action),
                    Label.of("Resource", WHAT));
        }
    }

    public static <E extends Enum<E>> E parseEnum(Class<E> type, String field, String value) {
        try {
            return Enum.valueOf(type, value);
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalidField(field, "unknown-value",
                    Arrays.stream(type.getEnumConstants()).map(Enum::name).collect(Collectors.joining(", ")));
        }
    }

    public static LocalDate parseDate(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        LocalDate date;
        try {
            date = LocalDate.parse(value);
        } catch (RuntimeException e) {
            throw ProblemException.invalidField(field, "invalid-date", value);
        }
        return DateRules.require(field, date);
    }

    public static Map<String, Object> details(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int k = 0; k + 1 < kv.length; k += 2) {
            m.put((String) kv[k], kv[k + 1] == null
                    ? null
                    : kv[k + 1] instanceof Number || kv[k + 1] instanceof Boolean
                            || kv[k + 1] instanceof Map || kv[k + 1] instanceof List
                                    ? kv[k + 1]
                                    : kv[k + 1].toString());
        }
        return m;
    }

    static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

}
