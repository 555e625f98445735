package vn.qcdc.api.imports;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.regex.Pattern;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import vn.qcdc.api.input.DateRules;
import vn.qcdc.api.input.TextRules;
import vn.qcdc.api.labels.Labels;
import vn.qcdc.api.problem.Messages;
import vn.qcdc.api.problem.ProblemException;
import vn.qcdc.api.text.VietnameseText;

/**
 * Reads the cells of one row of an import file, recording each refusal with its column and value (the row's errors
 * are the report a dry run gives and the error file holds). Dates are ISO ({@code 2021-03-10}) or as Vietnamese
 * spreadsheets write them ({@code 10/3/2021}); enum values by code or Vietnamese or English label, diacritics ignored.
 */
public class Cells<C extends Enum<C> & ImportColumn> {

    private static final Pattern DAY_FIRST = Pattern.compile("\\d{1,2}/\\d{1,2}/\\d{4}");
    private static final DateTimeFormatter DAY_MONTH_YEAR = DateTimeFormatter.ofPattern("d/M/uuuu");
    /** Each enum's constants by every way a spreadsheet may write them, folded (built once per enum). */
    private static final Map<Class<?>, Map<String, Enum<?>>> NAMES = new ConcurrentHashMap<>();

    public final ImportFile.Row<C> row;
    private final List<RowError> errors;
    private final java.util.Set<String> refused = new java.util.HashSet<>();
    private final LocalDate today;

    public Cells(ImportFile.Row<C> row, List<RowError> errors, LocalDate today) {
        this.row = row;
        this.errors = errors;
        this.today = today;
    }

    /**
     * The row as a whole refused by the reader (not JSON, too many cells, an unknown key): true if so, its error
     * recorded.
     */
    public boolean unreadable() {
        if (row.problem() == null) {
            return false;
        }
        errors.add(new RowError(row.number(), null, row.problem(), List.of(), row.problemValue()));
        return true;
    }

    public boolean has(C c) {
        return row.get(c) != null;
    }

    public String get(C c) {
        return row.get(c);
    }

    public LocalDate today() {
        return today;
    }

    public void error(C c, String code, Object... args) {
        List<String> a = new ArrayList<>();
        for (Object o : args) {
            a.add(o instanceof Enum<?> e ? e.name() : Objects.toString(o));
        }
        refused.add(c.key());
        errors.add(new RowError(row.number(), c.key(), code, a, row.get(c)));
    }

    /** Whether {@code c} was refused already. */
    public boolean refused(C c) {
        return refused.contains(c.key());
    }

    /** How many errors the row has so far. */
    public int errorCount() {
        return (int) errors.stream().filter(e -> e.row() == row.number()).count();
    }

    /** Whether this row has an error. */
    public boolean failed() {
        return errors.stream().anyMatch(e -> e.row() == row.number());
    }

    /**
     * The Bean Validation constraints of a service's input (the API's own rules for the record) as this row's errors,
     * in the column {@code columnOf} gives for the violated property; a column already refused while it was read is
     * not refused again.
     */
    public <T> void violations(Set<ConstraintViolation<T>> violations, Function<String, C> columnOf) {
        violations.stream().sorted(Comparator.comparing(v -> v.getPropertyPath().toString())).forEach(v -> {
            String property = v.getPropertyPath().iterator().next().getName();
            C c = property == null ? null : columnOf.apply(property);
            String column = c == null ? property : c.key();
            if (refused.contains(column)) {
                return;
            }
            var annotation = v.getConstraintDescriptor().getAnnotation();
            Map<String, Object> attributes = v.getConstraintDescriptor().getAttributes();
            String code;
            List<String> args = new ArrayList<>();
            if (annotation instanceof NotNull || annotation instanceof NotBlank || annotation instanceof NotEmpty) {
                code = "import-required";
            } else if (annotation instanceof Size) {
                code = v.getInvalidValue() instanceof java.util.Collection<?> ? "import-too-many" : "import-too-long";
                args.add(String.valueOf(attributes.get("max")));
            } else if (annotation instanceof Min || annotation instanceof DecimalMin) {
                code = "import-at-least";
                args.add(String.valueOf(attributes.get("value")));
            } else if (annotation instanceof Max || annotation instanceof DecimalMax) {
                code = "import-at-most";
                args.add(String.valueOf(attributes.get("value")));
            } else {
                code = "import-invalid";
            }
            refused.add(column);
            errors.add(new RowError(row.number(), column, code, args, c == null ? null : row.get(c)));
        });
    }

    /**
     * A service rule's refusal ({@link ProblemException}, the same message key and arguments the API would answer) as
     * this row's errors: each field error in the column {@code columnOf} gives for its field (the row as a whole if
     * none).
     */
    public void error(ProblemException e, Function<String, C> columnOf) {
        List<String> a = new ArrayList<>();
        for (Object o : e.args()) {
            a.add(o instanceof Enum<?> x ? x.name() : Objects.toString(o));
        }
        if (e.errors().isEmpty()) {
            errors.add(new RowError(row.number(), null, e.messageKey(), a, null));
            return;
        }
        for (var fe : e.errors()) {
            C c = fe.field() == null ? null : columnOf.apply(fe.field());
            errors.add(new RowError(row.number(), c == null ? fe.field() : c.key(), fe.message(), a,
                    c == null ? null : row.get(c)));
        }
    }

    public String text(C c, int max, boolean required) {
        String v = row.get(c);
        if (v == null) {
            if (required) {
                error(c, "import-required");
            }
            return null;
        }
        try {
            TextRules.require(c.key(), v);
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

    public UUID uuid(C c, boolean required) {
        String v = row.get(c);
        if (v == null) {
            if (required) {
                error(c, "import-required");
            }
            return null;
        }
        try {
            return UUID.fromString(v);
        } catch (IllegalArgumentException e) {
            error(c, "import-not-an-id");
            return null;
        }
    }

    public LocalDate date(C c, boolean required) {
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

    /** A date not after today, nor before {@code notBefore} (refused with {@code beforeCode}). */
    public void notFutureNorBefore(C c, LocalDate d, LocalDate notBefore, String beforeCode) {
        if (d == null) {
            return;
        }
        if (d.isAfter(today)) {
            error(c, "date-in-future", today);
        } else if (notBefore != null && d.isBefore(notBefore)) {
            error(c, beforeCode, notBefore);
        }
    }

    public Integer integer(C c, int min, int max) {
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

    /** Yes or no: {@code true}/{@code false}, {@code 1}/{@code 0}, {@code có}/{@code không}, {@code x} for yes. */
    public Boolean yesNo(C c) {
        String v = row.get(c);
        if (v == null) {
            return null;
        }
        return switch (VietnameseText.fold(v).toLowerCase(Locale.ROOT)) {
            case "true", "1", "yes", "co", "x", "dung" -> true;
            case "false", "0", "no", "khong", "sai" -> false;
            default -> {
                error(c, "import-unknown-value", v);
                yield null;
            }
        };
    }

    public BigDecimal decimal(C c) {
        String v = row.get(c);
        if (v == null) {
            return null;
        }
        try {
            return new BigDecimal(v);
        } catch (NumberFormatException e) {
            error(c, "import-not-a-number");
            return null;
        }
    }

    public <E extends Enum<E>> E enumValue(C c, Class<E> type, boolean required) {
        String v = row.get(c);
        if (v == null) {
            if (required) {
                error(c, "import-required");
            }
            return null;
        }
        Optional<E> e = lookup(type, v);
        if (e.isEmpty()) {
            error(c, "import-unknown-value", v);
            return null;
        }
        return e.get();
    }

    /** How {@link #enumValue} finds a constant; a service adds the names its officials write for its own codes. */
    protected <E extends Enum<E>> Optional<E> lookup(Class<E> type, String value) {
        return enumOf(type, value, e -> List.of());
    }

    /**
     * An enum constant by its code or its Vietnamese or English label, case and diacritics ignored, or by one of
     * {@code aliases} (the first call for an enum decides its aliases).
     */
    @SuppressWarnings("unchecked")
    public static <E extends Enum<E>> Optional<E> enumOf(Class<E> type, String value,
            Function<E, List<String>> aliases) {
        Map<String, Enum<?>> names = NAMES.computeIfAbsent(type, t -> {
            Map<String, Enum<?>> m = new HashMap<>();
            for (E e : type.getEnumConstants()) {
                m.put(VietnameseText.fold(e.name()), e);
                m.put(VietnameseText.fold(e.name().replace('_', ' ')), e);
                Labels.text(e, Messages.VIETNAMESE).ifPresent(l -> m.putIfAbsent(VietnameseText.fold(l), e));
                Labels.text(e, Locale.ENGLISH).ifPresent(l -> m.putIfAbsent(VietnameseText.fold(l), e));
                for (String a : aliases.apply(e)) {
                    m.putIfAbsent(VietnameseText.fold(a), e);
                    m.putIfAbsent(a, e);
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
}
