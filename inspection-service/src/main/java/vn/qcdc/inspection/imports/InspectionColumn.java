package vn.qcdc.inspection.imports;

import java.util.List;

import vn.qcdc.api.imports.ImportColumn;

/**
 * The columns of an inspection import file: one row per delegation, recommendation or finding, its inspection's
 * columns repeated on each recommendation and finding row (as a spreadsheet keeps them). A header may be the English
 * name ({@code due_date}, {@code dueDate}) or the Vietnamese one, with or without diacritics ({@code Thời hạn},
 * {@code thoi han}).
 */
public enum InspectionColumn implements ImportColumn {

    // One column per line, so the list reads as a table (the formatter would wrap it).
    // @formatter:off
    RECORD("record", "loại bản ghi", "loại"),
    EXTERNAL_ID("external_id", "mã bản ghi", "mã"),
    INSPECTION("inspection_external_id", "mã buổi kiểm tra"),
    DELEGATION("delegation_id", "mã đoàn kiểm tra", "đoàn kiểm tra"),
    UNIT("unit_code", "mã đơn vị"),
    SCHEDULED_DATE("scheduled_date", "ngày kiểm tra"),
    YEAR_ASSESSED("year_assessed", "năm đánh giá"),
    CONCLUSION_DATE("conclusion_date", "ngày kết luận"),
    SIGNER("signer", "người ký"),
    CONCLUSION_TEXT("conclusion_text", "nội dung kết luận"),
    AREA("area", "lĩnh vực"),
    CONTENT("content", "nội dung"),
    FINDING_KIND("finding_kind", "loại phát hiện"),
    PRIORITY("priority", "mức ưu tiên"),
    DUE_DATE("due_date", "thời hạn", "hạn thực hiện"),
    ORIGINAL_DUE_DATE("original_due_date", "hạn ban đầu"),
    ADDRESSEES("addressees", "cơ quan thực hiện", "đơn vị thực hiện"),
    STATUS("status", "trạng thái"),
    PROGRESS_PERCENT("progress_percent", "tiến độ"),
    COMPLETION_REPORTED_ON("completion_reported_on", "ngày báo cáo hoàn thành"),
    VERIFIED_ON("verified_on", "ngày xác nhận"),
    // a delegation's row
    NAME("name", "tên đoàn", "tên đoàn kiểm tra"),
    COMMITTEE_NAME("committee_name", "ban chỉ đạo", "tên ban chỉ đạo", "đơn vị gửi đoàn"),
    COMMITTEE_LEVEL("committee_level", "cấp ban chỉ đạo", "cấp"),
    COMMITTEE_UNIT("committee_unit_code", "mã đơn vị ban chỉ đạo", "mã đơn vị gửi đoàn"),
    YEAR("year", "năm"),
    TOPICS("topics", "chủ đề kiểm tra", "nội dung kiểm tra"),
    HEAD("head", "trưởng đoàn"),
    MEMBERS("members", "thành viên", "thành viên đoàn");
    // @formatter:on

    private final String key;
    private final List<String> vietnamese;

    InspectionColumn(String key, String... vietnamese) {
        this.key = key;
        this.vietnamese = List.of(vietnamese);
    }

    @Override
    public String key() {
        return key;
    }

    @Override
    public List<String> vietnamese() {
        return vietnamese;
    }
}
