package vn.qcdc.inspection.imports;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import vn.qcdc.api.text.VietnameseText;

/**
 * The columns of an inspection import file: one row per recommendation or finding, its inspection's columns repeated
 * on each row (as a spreadsheet keeps them). A header may be the English name ({@code due_date}, {@code dueDate}) or
 * the Vietnamese one, with or without diacritics ({@code Thời hạn}, {@code thoi han}).
 */
public enum ImportColumn {

    RECORD("record", "loại bản ghi", "loại"), EXTERNAL_ID("external_id", "mã bản ghi", "mã"), INSPECTION(
            "inspection_external_id",
            "mã buổi kiểm tra"), DELEGATION("delegation_id", "mã đoàn kiểm tra"), UNIT("unit_code",
                    "mã đơn vị"), SCHEDULED_DATE("scheduled_date", "ngày kiểm tra"), YEAR_ASSESSED("year_assessed",
                            "năm đánh giá"), CONCLUSION_DATE("conclusion_date", "ngày kết luận"), SIGNER("signer",
                                    "người ký"), CONCLUSION_TEXT("conclusion_text", "nội dung kết luận"), AREA("area",
                                            "lĩnh vực"), CONTENT("content", "nội dung"), FINDING_KIND("finding_kind",
                                                    "loại phát hiện"), PRIORITY("priority", "mức ưu tiên"), DUE_DATE(
                                                            "due_date", "thời hạn", "hạn thực hiện"), ORIGINAL_DUE_DATE(
                                                                    "original_due_date", "hạn ban đầu"), ADDRESSEES(
                                                                            "addressees", "cơ quan thực hiện",
                                                                            "đơn vị thực hiện"), STATUS("status",
                                                                                    "trạng thái"), PROGRESS_PERCENT(
                                                                                            "progress_percent",
                                                                                            "tiến độ"), COMPLETION_REPORTED_ON(
                                                                                                    "completion_reported_on",
                                                                                                    "ngày báo cáo hoàn thành"), VERIFIED_ON(
                                                                                                            "verified_on",
                                                                                                            "ngày xác nhận");

    /** The name used in reports and the error file. */
    public final String key;
    private final List<String> names;

    ImportColumn(String key, String... vietnamese) {
        this.key = key;
        this.names = java.util.stream.Stream.concat(java.util.stream.Stream.of(key),
                java.util.Arrays.stream(vietnamese)).map(ImportColumn::normalise).toList();
    }

    private static final Map<String, ImportColumn> BY_NAME = new HashMap<>();
    static {
        for (ImportColumn c : values()) {
            c.names.forEach(n -> BY_NAME.put(n, c));
        }
    }

    /** The column a header names: case, diacritics, spaces, underscores and camelCase do not matter. */
    public static Optional<ImportColumn> of(String header) {
        return Optional.ofNullable(BY_NAME.get(normalise(header)));
    }

    static String normalise(String header) {
        if (header == null) {
            return "";
        }
        String spaced = header.strip().replace("\uFEFF", "").replaceAll("([a-z])([A-Z])", "$1 $2");
        return VietnameseText.fold(spaced).toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", " ").strip();
    }
}
