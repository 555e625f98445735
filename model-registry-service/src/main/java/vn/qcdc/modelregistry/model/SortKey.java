package vn.qcdc.modelregistry.model;

import java.time.OffsetDateTime;

import vn.qcdc.api.problem.ProblemException;

/**
 * The sort orders of the model list: {@code year}, {@code name}, {@code createdAt}, each ascending or, with a leading
 * {@code -}, descending; ties broken by id so keyset cursors are exact. Default: newest year first.
 */
final class SortKey {

    final String name;
    /** Its column in {@code dvk_model}. */
    final String column;
    final boolean descending;

    private SortKey(String name, String column, boolean descending) {
        this.name = name;
        this.column = column;
        this.descending = descending;
    }

    static SortKey parse(String sort) {
        String s = sort == null || sort.isBlank() ? "-year" : sort.strip();
        boolean desc = s.startsWith("-");
        String n = desc ? s.substring(1) : s;
        return switch (n) {
            case "year" -> new SortKey(n, "year", desc);
            case "name" -> new SortKey(n, "name_key", desc);
            case "createdAt" -> new SortKey(n, "created_at", desc);
            default -> throw ProblemException.invalidField("sort", "unknown-value",
                    "year, -year, name, -name, createdAt, -createdAt");
        };
    }

    Object cursorValue(String value) {
        return switch (name) {
            case "year" -> Integer.parseInt(value);
            case "createdAt" -> OffsetDateTime.parse(value);
            default -> value;
        };
    }

    /** The cursor's value of {@code row}. */
    String valueOf(ModelRows.Row row) {
        return switch (name) {
            case "year" -> String.valueOf(row.view().year());
            case "createdAt" -> row.view().createdAt().toString();
            default -> row.nameKey();
        };
    }
}
