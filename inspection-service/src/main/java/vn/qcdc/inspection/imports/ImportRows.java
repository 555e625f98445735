package vn.qcdc.inspection.imports;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import vn.qcdc.api.access.Access;
import vn.qcdc.api.access.Target;
import vn.qcdc.api.input.DateRules;
import vn.qcdc.api.input.TextRules;
import vn.qcdc.api.labels.Labels;
import vn.qcdc.api.problem.Messages;
import vn.qcdc.api.problem.ProblemException;
import vn.qcdc.api.text.VietnameseText;
import vn.qcdc.events.BodyType;
import vn.qcdc.events.inspection.InspectionEvents.Addressee;
import vn.qcdc.inspection.access.InspectionOperations;
import vn.qcdc.inspection.delegation.Delegation;
import vn.qcdc.inspection.imports.ImportFile.Row;
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
 * import it (the decision table: the inspecting committee's side). One instance per job: it remembers the delegations
 * it looked up and each inspection's columns, which every row of that inspection must repeat identically.
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

    /** One error of a row: the column, a message key with its arguments, the value refused. */
    record RowError(long row, String column, String code, List<String> args, String value) {
    }

    enum Kind {
        RECOMMENDATION, FINDING
    }

    private final Access access;
    private final AdministrativeUnits units;
    private final LocalDate today;
    private final Map<UUID, Optional<Delegation>> delegations = new HashMap<>();
    private final Map<String, Header> headers = new HashMap<>();
    private final Set<String> seen = new java.util.HashSet<>();

    private final String scope;

    ImportRows(Access access, AdministrativeUnits units, LocalDate today, String scope) {
        this.access = access;
        this.units = units;
        this.today = today;
        this.scope = scope;
    }

    /** The row's record, or its errors (added to {@code errors}). */
    Object check(Row row, List<RowError> errors) {
        int before = errors.size();
        if (row.problem() != null) {
            errors.add(new RowError(row.number(), null, row.problem(), List.of(), row.get(ImportColumn.RECORD)));
            return null;
        }
        Checker c = new Checker(row, errors);
        Kind kind = c.kind();
        String externalId = c.text(ImportColumn.EXTERNAL_ID, 100, true);
        if (externalId != null && !seen.add((kind == null ? "" : kind.name()) + "/" + externalId)) {
            c.error(ImportColumn.EXTERNAL_ID, "import-duplicate-id", externalId);
        }
        Header header = header(c);
        Object out = null;
        if (kind == Kind.FINDING) {
            Finding.Kind fk = c.enumValue(ImportColumn.FINDING_KIND, Finding.Kind.class, true);
            Area area = c.enumValue(ImportColumn.AREA, Area.class, true);
            String text = c.text(ImportColumn.CONTENT, 10000, true);
            out = new FindingRow(row.number(), externalId, header, fk, area, text);
        } else if (kind == Kind.RECOMMENDATION) {
            out = recommendation(c, externalId, header);
        }
        return errors.size() == before ? out : null;
    }

    private RecommendationRow recommendation(Checker c, String externalId, Header h) {
        String content = c.text(ImportColumn.CONTENT, 5000, true);
        Area area = c.enumValue(ImportColumn.AREA, Area.class, true);
        Recommendation.Priority priority = c.enumValue(ImportColumn.PRIORITY, Recommendation.Priority.class, false);
        LocalDate due = c.date(ImportColumn.DUE_DATE, true);
        LocalDate original = c.date(ImportColumn.ORIGINAL_DUE_DATE, false);
        if (h != null && due != null && due.isBefore(h.scheduledDate())) {
            c.error(ImportColumn.DUE_DATE, "due-before-inspection", h.scheduledDate());
        }
        if (h != null && original != null && original.isBefore(h.scheduledDate())) {
            c.error(ImportColumn.ORIGINAL_DUE_DATE, "due-before-inspection", h.scheduledDate());
        }
        Recommendation.Status status = c.enumValue(ImportColumn.STATUS, Recommendation.Status.class, false);
        status = status == null ? Recommendation.Status.ISSUED : status;
        Integer percent = c.integer(ImportColumn.PROGRESS_PERCENT, 0, 100);
        LocalDate completed = c.date(ImportColumn.COMPLETION_REPORTED_ON, false);
        LocalDate verified = c.date(ImportColumn.VERIFIED_ON, false);
        boolean reported = status == Recommendation.Status.COMPLETION_REPORTED
                || status == Recommendation.Status.VERIFIED;
        if (reported && completed == null && c.has(ImportColumn.STATUS)) {
            c.error(ImportColumn.COMPLETION_REPORTED_ON, "import-required-for-status", status);
        }
        if (status == Recommendation.Status.VERIFIED && verified == null) {
            c.error(ImportColumn.VERIFIED_ON, "import-required-for-status", status);
        }
        if (!reported && completed != null) {
            c.error(ImportColumn.COMPLETION_REPORTED_ON, "import-not-for-status", status);
        }
        if (status != Recommendation.Status.VERIFIED && verified != null) {
            c.error(ImportColumn.VERIFIED_ON, "import-not-for-status", status);
        }
        if (h != null) {
            c.notFutureNorBefore(ImportColumn.COMPLETION_REPORTED_ON, completed, h.conclusionDate(),
                    "date-before-conclusion");
        }
        if (completed != null) {
            c.notFutureNorBefore(ImportColumn.VERIFIED_ON, verified, completed, "date-before-completion");
        }
        List<Addressee> addressees = addressees(c, h);
        return new RecommendationRow(c.row.number(), externalId, h, content, area,
                priority == null ? Recommendation.Priority.NORMAL : priority, due, original == null ? due : original,
                addressees, status, reported ? 100 : percent == null ? 0 : percent, completed, verified);
    }

    private List<Addressee> addressees(Checker c, Header h) {
        String raw = c.row.get(ImportColumn.ADDRESSEES);
        if (raw == null) {
            c.error(ImportColumn.ADDRESSEES, "import-required");
            return List.of();
        }
        Set<Addressee> out = new LinkedHashSet<>();
        for (String part : raw.split("[;|\\n]")) {
            if (part.isBlank()) {
                continue;
            }
            Optional<BodyType> t = enumOf(BodyType.class, part.strip());
            if (t.isEmpty()) {
                c.error(ImportColumn.ADDRESSEES, "import-unknown-value", part.strip());
                continue;
            }
            if (h != null) {
                out.add(new Addressee(t.get(), h.unit().code(),
                        RecommendationService.defaultName(t.get()) + " " + h.unit().name()));
            }
        }
        if (out.size() > 20) {
            c.error(ImportColumn.ADDRESSEES, "import-too-many", 20);
        }
        return List.copyOf(out);
    }

    /** The inspection's columns: checked on its first row, and every later row of it must repeat them. */
    private Header header(Checker c) {
        String ext = c.text(ImportColumn.INSPECTION, 100, true);
        UUID delegationId = c.uuid(ImportColumn.DELEGATION);
        String unitCode = c.text(ImportColumn.UNIT, 20, true);
        LocalDate scheduled = c.date(ImportColumn.SCHEDULED_DATE, true);
        Integer year = c.integer(ImportColumn.YEAR_ASSESSED, 1945, 2100);
        LocalDate concluded = c.date(ImportColumn.CONCLUSION_DATE, true);
        String signer = c.text(ImportColumn.SIGNER, 200, true);
        String text = c.text(ImportColumn.CONCLUSION_TEXT, 20000, false);
        if (ext == null || delegationId == null || unitCode == null || scheduled == null || concluded == null
                || signer == null) {
            return null;
        }
        Header known = headers.get(ext);
        if (known != null) {
            if (!known.delegation().id.equals(delegationId) || !known.unit().code().equals(unitCode)
                    || !known.scheduledDate().equals(scheduled) || !known.conclusionDate().equals(concluded)
                    || (year != null && year != known.yearAssessed()) || !known.signer().equals(signer)) {
                c.error(ImportColumn.INSPECTION, "import-inspection-differs", ext);
                return null;
            }
            return known;
        }
        Delegation d = delegations.computeIfAbsent(delegationId, id -> Optional.ofNullable(Delegation.findById(id)))
                .orElse(null);
        if (d == null || !access.allows(InspectionOperations.READ_DELEGATION, Target.unit(d.committeeUnitCode))) {
            c.error(ImportColumn.DELEGATION, "import-unknown-delegation", delegationId);
            return null;
        }
        if (!units.isWithin(d.committeeUnitCode, scope)) {
            c.error(ImportColumn.DELEGATION, "import-delegation-outside-unit", delegationId, scope);
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
            c.error(e.errors().get(0).field().equals("unitCode") ? ImportColumn.UNIT : ImportColumn.SCHEDULED_DATE,
                    e.errors().get(0).message(), e.args());
            return null;
        }
        boolean ok = true;
        if (!unit.level().isGrassroots()) {
            c.error(ImportColumn.UNIT, "unit-not-grassroots", unitCode);
            ok = false;
        } else if (!units.isWithin(unit.code(), scheduled, d.committeeUnitCode)) {
            c.error(ImportColumn.UNIT, "unit-outside-committee", unitCode, d.committeeUnitCode);
            ok = false;
        } else if (!access.allows(InspectionOperations.IMPORT_INSPECTIONS,
                Target.decidedBy(unit.code(), d.committeeUnitCode))) {
            c.error(ImportColumn.UNIT, "import-forbidden-unit", unitCode);
            ok = false;
        }
        int y = year == null ? scheduled.getYear() : year;
        if (y != scheduled.getYear() && y != scheduled.getYear() - 1) {
            c.error(ImportColumn.YEAR_ASSESSED, "year-assessed-mismatch", scheduled.getYear());
            ok = false;
        }
        if (concluded.isBefore(scheduled)) {
            c.error(ImportColumn.CONCLUSION_DATE, "conclusion-before-inspection", scheduled);
            ok = false;
        } else if (concluded.isAfter(today)) {
            c.error(ImportColumn.CONCLUSION_DATE, "date-in-future", today);
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

    /** Each enum's constants by every way a spreadsheet may write them, folded (built once per enum). */
    private static final Map<Class<?>, Map<String, Enum<?>>> NAMES = new java.util.concurrent.ConcurrentHashMap<>();
    private static final java.util.regex.Pattern DAY_FIRST = java.util.regex.Pattern
            .compile("\\d{1,2}/\\d{1,2}/\\d{4}");
    private static final java.time.format.DateTimeFormatter DAY_MONTH_YEAR = java.time.format.DateTimeFormatter
            .ofPattern("d/M/uuuu");

    /**
     * An enum constant by its code or its Vietnamese or English label, case and diacritics ignored; a body type also
     * by the short name officials write (UBND, HĐND, Ủy ban MTTQ).
     */
    @SuppressWarnings("unchecked")
    static <E extends Enum<E>> Optional<E> enumOf(Class<E> type, String value) {
        Map<String, Enum<?>> names = NAMES.computeIfAbsent(type, t -> {
            Map<String, Enum<?>> m = new HashMap<>();
            for (E e : type.getEnumConstants()) {
                m.put(VietnameseText.fold(e.name()), e);
                m.put(VietnameseText.fold(e.name().replace('_', ' ')), e);
                Labels.text(e, Messages.VIETNAMESE).ifPresent(l -> m.putIfAbsent(VietnameseText.fold(l), e));
                Labels.text(e, Locale.ENGLISH).ifPresent(l -> m.putIfAbsent(VietnameseText.fold(l), e));
                if (e instanceof BodyType b) {
                    m.putIfAbsent(VietnameseText.fold(RecommendationService.defaultName(b)), e);
                    m.putIfAbsent(RecommendationService.defaultName(b), e);
                }
                // as written (no folding needed for the usual spelling: a spreadsheet repeats the same words)
                m.putIfAbsent(e.name(), e);
                Labels.text(e, Messages.VIETNAMESE).ifPresent(l -> m.putIfAbsent(l, e));
            }
            return m;
        });
        Enum<?> exact = names.get(value);
        return Optional.ofNullable((E) (exact != null ? exact : names.get(VietnameseText.fold(value))));
    }

    /** Reads the cells of one row, recording each refusal with its column and value. */
    private final class Checker {
        final Row row;
        final List<RowError> errors;

        Checker(Row row, List<RowError> errors) {
            this.row = row;
            this.errors = errors;
        }

        boolean has(ImportColumn c) {
            return row.get(c) != null;
        }

        void error(ImportColumn c, String code, Object... args) {
            List<String> a = new ArrayList<>();
            for (Object o : args) {
                a.add(o instanceof Enum<?> e ? e.name() : Objects.toString(o));
            }
            errors.add(new RowError(row.number(), c.key, code, a, row.get(c)));
        }

        Kind kind() {
            String v = row.get(ImportColumn.RECORD);
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
            error(ImportColumn.RECORD, "import-unknown-value", v);
            return null;
        }

        String text(ImportColumn c, int max, boolean required) {
            String v = row.get(c);
            if (v == null) {
                if (required) {
                    error(c, "import-required");
                }
                return null;
            }
            try {
                TextRules.require(c.key, v);
            } catch (ProblemException e) {
                error(c, "import-control-character");
                return null;
            }
            if (v.length() > max) {
                error(c, "import-too-long", max);
                return null;
            }
            return VietnameseText.nfc(v);
        }

        UUID uuid(ImportColumn c) {
            String v = row.get(c);
            if (v == null) {
                error(c, "import-required");
                return null;
            }
            try {
                return UUID.fromString(v);
            } catch (IllegalArgumentException e) {
                error(c, "import-not-an-id");
                return null;
            }
        }

        LocalDate date(ImportColumn c, boolean required) {
            String v = row.get(c);
            if (v == null) {
                if (required) {
                    error(c, "import-required");
                }
                return null;
            }
            LocalDate d;
            try {
                d = DAY_FIRST.matcher(v).matches() ? LocalDate.parse(v, DAY_MONTH_YEAR) : LocalDate.parse(v);
            } catch (DateTimeParseException e) {
                error(c, "import-not-a-date");
                return null;
            }
            if (!DateRules.plausible(d)) {
                error(c, "date-out-of-range", DateRules.EARLIEST, DateRules.LATEST);
                return null;
            }
            return d;
        }

        void notFutureNorBefore(ImportColumn c, LocalDate d, LocalDate notBefore, String beforeCode) {
            if (d == null) {
                return;
            }
            if (d.isAfter(today)) {
                error(c, "date-in-future", today);
            } else if (notBefore != null && d.isBefore(notBefore)) {
                error(c, beforeCode, notBefore);
            }
        }

        Integer integer(ImportColumn c, int min, int max) {
            String v = row.get(c);
            if (v == null) {
                return null;
            }
            try {
                int n = Integer.parseInt(v);
                if (n < min || n > max) {
                    error(c, "import-out-of-range", min, max);
                    return null;
                }
                return n;
            } catch (NumberFormatException e) {
                error(c, "import-not-a-number");
                return null;
            }
        }

        <E extends Enum<E>> E enumValue(ImportColumn c, Class<E> type, boolean required) {
            String v = row.get(c);
            if (v == null) {
                if (required) {
                    error(c, "import-required");
                }
                return null;
            }
            Optional<E> e = enumOf(type, v);
            if (e.isEmpty()) {
                error(c, "import-unknown-value", v);
                return null;
            }
            return e.get();
        }
    }
}
