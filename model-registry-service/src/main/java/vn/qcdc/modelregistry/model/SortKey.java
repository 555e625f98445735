package vn.qcdc.modelregistry.model;

import java.time.OffsetDateTime;

import vn.qcdc.api.problem.ProblemException;

/**
 * The sort orders of the model list: {@code year}, {@code name}, {@code createdAt}, each ascending or, with a leading
 * {@code -}, descending; ties broken by id so keyset cursors are exact. Default: newest year first.
 */
final class SortKey {

    final String name;
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
            case "name" -> new SortKey(n, "nameKey", desc);
            case "createdAt" -> new SortKey(n, "createdAt", desc);
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

    String valueOf(DvkModel m) {
        return switch (name) {
            case "year" -> String.valueOf(m.year);
            case "createdAt" -> m.createdAt.toString();
            default -> m.nameKey;
        };
    }
}
