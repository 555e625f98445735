package vn.qcdc.api.imports;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import vn.qcdc.api.text.VietnameseText;

/**
 * Which column a header names. A header may be the column's English key ({@code due_date}, {@code dueDate}) or one of
 * its Vietnamese names, with or without diacritics ({@code Thời hạn}, {@code thoi han}): case, diacritics, spaces,
 * underscores and camelCase do not matter, and a spreadsheet's byte-order mark is ignored.
 */
public final class ImportHeaders<C extends Enum<C> & ImportColumn> {

    private final Class<C> type;
    private final Map<String, C> byName = new HashMap<>();

    private ImportHeaders(Class<C> type) {
        this.type = type;
        for (C c : type.getEnumConstants()) {
            byName.put(normalise(c.key()), c);
            c.vietnamese().forEach(n -> byName.put(normalise(n), c));
        }
    }

    public static <C extends Enum<C> & ImportColumn> ImportHeaders<C> of(Class<C> type) {
        return new ImportHeaders<>(type);
    }

    public Class<C> type() {
        return type;
    }

    /** The column {@code header} names, if any. */
    public Optional<C> column(String header) {
        return Optional.ofNullable(byName.get(normalise(header)));
    }

    static String normalise(String header) {
        if (header == null) {
            return "";
        }
        String spaced = header.strip().replace("\uFEFF", "").replaceAll("([a-z])([A-Z])", "$1 $2");
        return VietnameseText.fold(spaced).toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", " ").strip();
    }
}
