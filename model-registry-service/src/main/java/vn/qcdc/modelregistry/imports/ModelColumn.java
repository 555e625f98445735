package vn.qcdc.modelregistry.imports;

import java.util.List;

import vn.qcdc.api.imports.ImportColumn;

/**
 * The columns of a model import file: one row per model and year, its steps' dates on the row. A header may be the
 * English name ({@code decision_date}, {@code decisionDate}) or the Vietnamese one, with or without diacritics
 * ({@code Ngày quyết định}, {@code ngay quyet dinh}).
 */
public enum ModelColumn implements ImportColumn {

    // One column per line, so the list reads as a table (the formatter would wrap it).
    // @formatter:off
    EXTERNAL_ID("external_id", "mã bản ghi", "mã mô hình", "mã"),
    NAME("name", "tên mô hình"),
    UNIT("unit_code", "mã đơn vị"),
    ORG_TYPE("org_type", "tổ chức", "loại tổ chức"),
    ORG_NAME("org_name", "tên tổ chức"),
    YEAR("year", "năm"),
    FIELD("field", "lĩnh vực"),
    KIND("kind", "tập thể cá nhân", "loại mô hình"),
    HOLDER("holder_name", "tên tập thể cá nhân", "chủ thể"),
    DESCRIPTION("description", "mô tả", "nội dung"),
    OBJECTIVES("objectives", "mục tiêu"),
    START_DATE("start_date", "ngày bắt đầu"),
    PARTICIPANTS("participants", "thành phần tham gia"),
    BENEFICIARIES("beneficiaries", "đối tượng thụ hưởng"),
    STATUS("status", "trạng thái"),
    REGISTERED_ON("registered_on", "ngày đăng ký"),
    STARTED_ON("started_on", "ngày triển khai"),
    SELF_EVALUATED_ON("self_evaluated_on", "ngày tự đánh giá"),
    SELF_EVALUATION("self_evaluation", "nội dung tự đánh giá", "tự đánh giá"),
    PROPOSED_ON("proposed_on", "ngày đề nghị"),
    PROPOSAL_LEVEL("proposal_level", "cấp đề nghị"),
    PROPOSAL_UNIT("proposal_unit_code", "mã đơn vị xét công nhận", "đơn vị xét công nhận"),
    PROPOSAL_BODY("proposal_body", "cơ quan xét công nhận"),
    DECISION_NUMBER("decision_number", "số quyết định"),
    DECISION_DATE("decision_date", "ngày quyết định", "ngày công nhận"),
    RECOGNITION_LEVEL("recognition_level", "cấp công nhận"),
    RECOGNITION_BODY("recognition_body", "cơ quan công nhận"),
    OUTSTANDING("outstanding", "tiêu biểu"),
    ENDED_ON("ended_on", "ngày kết thúc", "ngày không công nhận", "ngày rút"),
    REASON("reason", "lý do");
    // @formatter:on

    private final String key;
    private final List<String> vietnamese;

    ModelColumn(String key, String... vietnamese) {
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
