package vn.qcdc.inspection.imports;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import jakarta.validation.Validator;

import vn.qcdc.api.access.Access;
import vn.qcdc.api.access.Target;
import vn.qcdc.api.imports.Cells;
import vn.qcdc.api.imports.ImportFile.Row;
import vn.qcdc.api.imports.RowError;
import vn.qcdc.api.problem.ProblemException;
import vn.qcdc.api.text.VietnameseText;
import vn.qcdc.events.BodyType;
import vn.qcdc.events.inspection.InspectionEvents.Addressee;
import vn.qcdc.inspection.access.InspectionOperations;
import vn.qcdc.inspection.delegation.Delegation;
import vn.qcdc.inspection.delegation.DelegationDto.DelegationInput;
import vn.qcdc.inspection.delegation.DelegationDto.MemberInput;
import vn.qcdc.inspection.delegation.DelegationService;
import vn.qcdc.inspection.inspection.Area;
import vn.qcdc.inspection.inspection.Finding;
import vn.qcdc.inspection.recommendation.Recommendation;
import vn.qcdc.inspection.recommendation.RecommendationService;
import vn.qcdc.units.AdministrativeUnit;
import vn.qcdc.units.AdministrativeUnits;

/**
 * The rules a row of an inspection import must meet, the same as the API's for the records it writes (a unit valid on
 * the inspection date and within the delegation's committee, a conclusion not before the inspection nor in the future,
 * due dates not before the inspection, completion and verification dates in order and not in the future), plus who may
 * import it (the decision table: the inspecting committee's side). A delegation's row is checked by the delegation
 * service's own rules ({@link DelegationService#check} and its input's constraints). One instance per job: it
 * remembers the delegations it looked up or read (so an inspection may name a delegation of the file by its external
 * id) and each inspection's columns, which every row of that inspection must repeat identically.
 */
final class ImportRows {

    /** An inspection as its rows describe it. */
    record Header(String externalId, Delegation delegation, AdministrativeUnit unit, LocalDate scheduledDate,
            int yearAssessed, LocalDate conclusionDate, String signer, String conclusionText) {
    }

    /** A valid recommendation row. */
    record RecommendationRow(long row, String externalId, Header inspection, String content, Area area,
            Recommendation.Priority priority, LocalDate dueDate, LocalDate originalDueDate, List<Addressee> addressees,
            Recommendation.Status status, int progressPercent, LocalDate completionReportedOn, LocalDate verifiedOn) {
    }

    /** A valid finding row. */
    record FindingRow(long row, String externalId, Header inspection, Finding.Kind kind, Area area, String text) {
    }

    /**
     * A valid delegation row: the delegation's id (kept from an earlier import of the same external id, else new) and
     * its input, checked by the delegation service's rules.
     */
    record DelegationRow(long row, String externalId, UUID id, DelegationInput input) {
    }

    enum Kind {
        RECOMMENDATION, FINDING, DELEGATION
    }

    private final Access access;
    private final AdministrativeUnits units;
    private final DelegationService delegationService;
    private final Validator validator;
    private final LocalDate today;
    private final Map<UUID, Optional<Delegation>> delegations = new HashMap<>();
    /** The delegations of the file (not written yet in a dry run) and those looked up by external id. */
    private final Map<String, Optional<Delegation>> byExternalId = new HashMap<>();
    private final Map<String, Header> headers = new HashMap<>();
    private final Set<String> seen = new java.util.HashSet<>();

    private final String scope;

    ImportRows(Access access, AdministrativeUnits units, DelegationService delegationService, Validator validator,
            LocalDate today, String scope) {
        this.access = access;
        this.units = units;
        this.delegationService = delegationService;
        this.validator = validator;
        this.today = today;
        this.scope = scope;
    }

    /** The row's record, or its errors (added to {@code errors}). */
    Object check(Row<InspectionColumn> row, List<RowError> errors) {
        Checker c = new Checker(row, errors, today);
        if (c.unreadable()) {
            return null;
        }
        Kind kind = c.kind();
        String externalId = c.text(InspectionColumn.EXTERNAL_ID, 100, true);
        if (externalId != null && !seen.add((kind == null ? "" : kind.name()) + "/" + externalId)) {
            c.error(InspectionColumn.EXTERNAL_ID, "import-duplicate-id", externalId);
        }
        if (kind == Kind.DELEGATION) {
            DelegationRow d = delegation(c, externalId);
            return c.failed() ? null : d;
        }
        Header header = header(c);
        Object out = null;
        if (kind == Kind.FINDING) {
            Finding.Kind fk = c.enumValue(InspectionColumn.FINDING_KIND, Finding.Kind.class, true);
            Area area = c.enumValue(InspectionColumn.AREA, Area.class, true);
            String text = c.text(InspectionColumn.CONTENT, 10000, true);
            out = new FindingRow(row.number(), externalId, header, fk, area, text);
        } else if (kind == Kind.RECOMMENDATION) {
            out = recommendation(c, externalId, header);
        }
        return c.failed() ? null : out;
    }

    /** The columns of a delegation's input, by its property (for the service's refusals). */
    private static final Map<String, InspectionColumn> DELEGATION_FIELDS = Map.of("name", InspectionColumn.NAME,
            "committeeName", InspectionColumn.COMMITTEE_NAME, "committeeLevel", InspectionColumn.COMMITTEE_LEVEL,
            "committeeUnitCode", InspectionColumn.COMMITTEE_UNIT, "year", InspectionColumn.YEAR, "topics",
            InspectionColumn.TOPICS, "members", InspectionColumn.MEMBERS);

    /**
     * A delegation's row: its input read from the cells, then the API's rules for it (the input's constraints and
     * {@link DelegationService#check}), then who may import it (the committee's unit within the job's and the
     * caller's). Remembered by external id so the file's later inspection rows may refer to it.
     */
    private DelegationRow delegation(Checker c, String externalId) {
        String name = c.text(InspectionColumn.NAME, Integer.MAX_VALUE, false);
        String committeeName = c.text(InspectionColumn.COMMITTEE_NAME, Integer.MAX_VALUE, false);
        Delegation.CommitteeLevel level = c.enumValue(InspectionColumn.COMMITTEE_LEVEL,
                Delegation.CommitteeLevel.class, false);
        String unitCode = c.text(InspectionColumn.COMMITTEE_UNIT, Integer.MAX_VALUE, false);
        Integer year = c.integer(InspectionColumn.YEAR, Integer.MIN_VALUE, Integer.MAX_VALUE);
        Set<Delegation.Topic> topics = EnumSet.noneOf(Delegation.Topic.class);
        String rawTopics = c.get(InspectionColumn.TOPICS);
        if (rawTopics != null) {
            for (String part : rawTopics.split("[;|\\n]")) {
                if (!part.isBlank()) {
                    enumOf(Delegation.Topic.class, part.strip()).ifPresentOrElse(topics::add,
                            () -> c.error(InspectionColumn.TOPICS, "import-unknown-value", part.strip()));
                }
            }
        }
        List<MemberInput> members = new ArrayList<>();
        String head = c.text(InspectionColumn.HEAD, Integer.MAX_VALUE, false);
        if (head != null) {
            members.add(member(c, InspectionColumn.HEAD, head, Delegation.MemberRole.HEAD));
        }
        String others = c.text(InspectionColumn.MEMBERS, Integer.MAX_VALUE, false);
        if (others != null) {
            for (String part : others.split("[;\\n]")) {
                if (!part.isBlank()) {
                    members.add(member(c, InspectionColumn.MEMBERS, part.strip(), Delegation.MemberRole.MEMBER));
                }
            }
        }
        DelegationInput in = new DelegationInput(name, committeeName, level, unitCode, year, topics, members);
        c.violations(validator.validate(in), DELEGATION_FIELDS::get);
        if (c.failed()) {
            return null;
        }
        try {
            delegationService.check(in);
        } catch (ProblemException e) {
            c.error(e, DELEGATION_FIELDS::get);
            return null;
        }
        if (!units.isWithin(unitCode, scope)
                || !access.allows(InspectionOperations.IMPORT_INSPECTIONS, Target.unit(unitCode))) {
            c.error(InspectionColumn.COMMITTEE_UNIT, "import-forbidden-unit", unitCode);
            return null;
        }
        Delegation known = Delegation.<Delegation>find("externalId", externalId).firstResultOptional().orElse(null);
        if (known != null && !units.isWithin(known.committeeUnitCode, scope)) {
            c.error(InspectionColumn.EXTERNAL_ID, "import-delegation-outside-unit", externalId, scope);
            return null;
        }
        // what the file's inspections need of it before it is written (never persisted from here)
        Delegation d = new Delegation();
        d.id = known != null ? known.id : UUID.randomUUID();
        d.name = VietnameseText.nfc(name);
        d.committeeUnitCode = unitCode;
        d.topics = topics.stream().map(Enum::name).toArray(String[]::new);
        d.members = members.stream().map(m -> new Delegation.Member(VietnameseText.nfc(m.name()),
                VietnameseText.nfc(m.title()), m.role())).toList();
        byExternalId.put(externalId, Optional.of(d));
        delegations.put(d.id, Optional.of(d));
        return new DelegationRow(c.row.number(), externalId, d.id, in);
    }

    /**
     * A person as a spreadsheet writes them: "name, title" (the title may hold commas), and for a member optionally a
     * role last ("…, Thư ký").
     */
    private static MemberInput member(Checker c, InspectionColumn column, String text,
            Delegation.MemberRole role) {
        List<String> parts = new ArrayList<>(List.of(text.split(",")));
        if (column == InspectionColumn.MEMBERS && parts.size() > 2) {
            Optional<Delegation.MemberRole> r = enumOf(Delegation.MemberRole.class, parts.get(parts.size() - 1)
                    .strip());
            if (r.isPresent()) {
                role = r.get();
                parts.remove(parts.size() - 1);
            }
        }
        String name = parts.get(0).strip();
        String title = String.join(",", parts.subList(1, parts.size())).strip();
        if (title.isEmpty()) {
            c.error(column, "import-member-format", text);
        }
        return new MemberInput(name, title, role);
    }

    /**
     * The delegation an inspection's row names: by id, or by the external id a delegation row of this file or of an
     * earlier import gave it.
     */
    private Delegation delegationOf(String ref) {
        try {
            UUID id = UUID.fromString(ref);
            return delegations.computeIfAbsent(id, k -> Optional.ofNullable(Delegation.findById(k))).orElse(null);
        } catch (IllegalArgumentException notAnId) {
            return byExternalId.computeIfAbsent(ref,
                    k -> Delegation.<Delegation>find("externalId", k).firstResultOptional()).orElse(null);
        }
    }

    private RecommendationRow recommendation(Checker c, String externalId, Header h) {
        String content = c.text(InspectionColumn.CONTENT, 5000, true);
        Area area = c.enumValue(InspectionColumn.AREA, Area.class, true);
        Recommendation.Priority priority = c.enumValue(InspectionColumn.PRIORITY, Recommendation.Priority.class, false);
        LocalDate due = c.date(InspectionColumn.DUE_DATE, true);
        LocalDate original = c.date(InspectionColumn.ORIGINAL_DUE_DATE, false);
        if (h != null && due != null && due.isBefore(h.scheduledDate())) {
            c.error(InspectionColumn.DUE_DATE, "due-before-inspection", h.scheduledDate());
        }
        if (h != null && original != null && original.isBefore(h.scheduledDate())) {
            c.error(InspectionColumn.ORIGINAL_DUE_DATE, "due-before-inspection", h.scheduledDate());
        }
        Recommendation.Status status = c.enumValue(InspectionColumn.STATUS, Recommendation.Status.class, false);
        status = status == null ? Recommendation.Status.ISSUED : status;
        Integer percent = c.integer(InspectionColumn.PROGRESS_PERCENT, 0, 100);
        LocalDate completed = c.date(InspectionColumn.COMPLETION_REPORTED_ON, false);
        LocalDate verified = c.date(InspectionColumn.VERIFIED_ON, false);
        boolean reported = status == Recommendation.Status.COMPLETION_REPORTED
                || status == Recommendation.Status.VERIFIED;
        if (reported && completed == null && c.has(InspectionColumn.STATUS)) {
            c.error(InspectionColumn.COMPLETION_REPORTED_ON, "import-required-for-status", status);
        }
        if (status == Recommendation.Status.VERIFIED && verified == null) {
            c.error(InspectionColumn.VERIFIED_ON, "import-required-for-status", status);
        }
        if (!reported && completed != null) {
            c.error(InspectionColumn.COMPLETION_REPORTED_ON, "import-not-for-status", status);
        }
        if (status != Recommendation.Status.VERIFIED && verified != null) {
            c.error(InspectionColumn.VERIFIED_ON, "import-not-for-status", status);
        }
        if (h != null) {
            c.notFutureNorBefore(InspectionColumn.COMPLETION_REPORTED_ON, completed, h.conclusionDate(),
                    "date-before-conclusion");
        }
        if (completed != null) {
            c.notFutureNorBefore(InspectionColumn.VERIFIED_ON, verified, completed, "date-before-completion");
        }
        List<Addressee> addressees = addressees(c, h);
        return new RecommendationRow(c.row.number(), externalId, h, content, area,
                priority == null ? Recommendation.Priority.NORMAL : priority, due, original == null ? due : original,
                addressees, status, reported ? 100 : percent == null ? 0 : percent, completed, verified);
    }

    private List<Addressee> addressees(Checker c, Header h) {
        String raw = c.get(InspectionColumn.ADDRESSEES);
        if (raw == null) {
            c.error(InspectionColumn.ADDRESSEES, "import-required");
            return List.of();
        }
        Set<Addressee> out = new LinkedHashSet<>();
        for (String part : raw.split("[;|\\n]")) {
            if (part.isBlank()) {
                continue;
            }
            Optional<BodyType> t = enumOf(BodyType.class, part.strip());
            if (t.isEmpty()) {
                c.error(InspectionColumn.ADDRESSEES, "import-unknown-value", part.strip());
                continue;
            }
            if (h != null) {
                out.add(new Addressee(t.get(), h.unit().code(),
                        RecommendationService.defaultName(t.get()) + " " + h.unit().name()));
            }
        }
        if (out.size() > 20) {
            c.error(InspectionColumn.ADDRESSEES, "import-too-many", 20);
        }
        return List.copyOf(out);
    }

    /** The inspection's columns: checked on its first row, and every later row of it must repeat them. */
    private Header header(Checker c) {
        String ext = c.text(InspectionColumn.INSPECTION, 100, true);
        String delegationRef = c.text(InspectionColumn.DELEGATION, 100, true);
        String unitCode = c.text(InspectionColumn.UNIT, 20, true);
        LocalDate scheduled = c.date(InspectionColumn.SCHEDULED_DATE, true);
        Integer year = c.integer(InspectionColumn.YEAR_ASSESSED, 1945, 2100);
        LocalDate concluded = c.date(InspectionColumn.CONCLUSION_DATE, true);
        String signer = c.text(InspectionColumn.SIGNER, 200, true);
        String text = c.text(InspectionColumn.CONCLUSION_TEXT, 20000, false);
        if (ext == null || delegationRef == null || unitCode == null || scheduled == null || concluded == null
                || signer == null) {
            return null;
        }
        Delegation d = delegationOf(delegationRef);
        Header known = headers.get(ext);
        if (known != null) {
            if (d == null || !known.delegation().id.equals(d.id) || !known.unit().code().equals(unitCode)
                    || !known.scheduledDate().equals(scheduled) || !known.conclusionDate().equals(concluded)
                    || (year != null && year != known.yearAssessed()) || !known.signer().equals(signer)) {
                c.error(InspectionColumn.INSPECTION, "import-inspection-differs", ext);
                return null;
            }
            return known;
        }
        if (d == null || !access.allows(InspectionOperations.READ_DELEGATION, Target.unit(d.committeeUnitCode))) {
            c.error(InspectionColumn.DELEGATION, "import-unknown-delegation", delegationRef);
            return null;
        }
        if (!units.isWithin(d.committeeUnitCode, scope)) {
            c.error(InspectionColumn.DELEGATION, "import-delegation-outside-unit", delegationRef, scope);
            return null;
        }
        AdministrativeUnit unit;
        try {
            unit = switch (units.check(unitCode, scheduled)) {
                case VALID -> units.versionOn(unitCode, scheduled).orElseThrow();
                case UNKNOWN -> throw ProblemException.invalidField("unitCode", "unknown-unit", unitCode);
                case NOT_VALID_ON -> throw ProblemException.invalidField("scheduledDate", "unit-not-valid-on",
                        units.find(unitCode).orElseThrow().name() + " (" + unitCode + ")", scheduled);
            };
        } catch (ProblemException e) {
            c.error(e.errors().get(0).field().equals("unitCode")
                    ? InspectionColumn.UNIT
                    : InspectionColumn.SCHEDULED_DATE,
                    e.errors().get(0).message(), e.args());
            return null;
        }
        boolean ok = true;
        if (!unit.level().isGrassroots()) {
            c.error(InspectionColumn.UNIT, "unit-not-grassroots", unitCode);
            ok = false;
        } else if (!units.isWithin(unit.code(), scheduled, d.committeeUnitCode)) {
            c.error(InspectionColumn.UNIT, "unit-outside-committee", unitCode, d.committeeUnitCode);
            ok = false;
        } else if (!access.allows(InspectionOperations.IMPORT_INSPECTIONS,
                Target.decidedBy(unit.code(), d.committeeUnitCode))) {
            c.error(InspectionColumn.UNIT, "import-forbidden-unit", unitCode);
            ok = false;
        }
        int y = year == null ? scheduled.getYear() : year;
        if (y != scheduled.getYear() && y != scheduled.getYear() - 1) {
            c.error(InspectionColumn.YEAR_ASSESSED, "year-assessed-mismatch", scheduled.getYear());
            ok = false;
        }
        if (concluded.isBefore(scheduled)) {
            c.error(InspectionColumn.CONCLUSION_DATE, "conclusion-before-inspection", scheduled);
            ok = false;
        } else if (concluded.isAfter(today)) {
            c.error(InspectionColumn.CONCLUSION_DATE, "date-in-future", today);
            ok = false;
        }
        if (!ok) {
            return null;
        }
        Header h = new Header(ext, d, unit, scheduled, y, concluded, VietnameseText.nfc(signer),
                text == null ? null : VietnameseText.nfc(text));
        headers.put(ext, h);
        return h;
    }

    /**
     * An enum constant by its code or its Vietnamese or English label, case and diacritics ignored; a body type also
     * by the short name officials write (UBND, HĐND, Ủy ban MTTQ).
     */
    static <E extends Enum<E>> Optional<E> enumOf(Class<E> type, String value) {
        return Cells.enumOf(type, value,
                e -> e instanceof BodyType b ? List.of(RecommendationService.defaultName(b)) : List.of());
    }

    /** The cells of a row, with the names officials write for body types. */
    private static final class Checker extends Cells<InspectionColumn> {
        Checker(Row<InspectionColumn> row, List<RowError> errors, LocalDate today) {
            super(row, errors, today);
        }

        @Override
        protected <E extends Enum<E>> Optional<E> lookup(Class<E> type, String value) {
            return ImportRows.enumOf(type, value);
        }

        Kind kind() {
            String v = get(InspectionColumn.RECORD);
            if (v == null) {
                return Kind.RECOMMENDATION;
            }
            String f = VietnameseText.fold(v);
            if (f.equals("recommendation") || f.equals("kien nghi") || f.equals("de nghi")) {
                return Kind.RECOMMENDATION;
            }
            if (f.equals("finding") || f.equals("phat hien")) {
                return Kind.FINDING;
            }
            if (f.equals("delegation") || f.equals("doan kiem tra") || f.equals("doan")) {
                return Kind.DELEGATION;
            }
            error(InspectionColumn.RECORD, "import-unknown-value", v);
            return null;
        }
    }
}
