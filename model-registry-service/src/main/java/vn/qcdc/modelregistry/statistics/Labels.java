package vn.qcdc.modelregistry.statistics;

import java.util.Map;

/** Vietnamese labels of the enum values, for exports a person reads in a spreadsheet. */
final class Labels {

    private static final Map<String, String> VI = Map.ofEntries(
            Map.entry("PARTY_COMMITTEE", "Cấp ủy Đảng"), Map.entry("GOVERNMENT", "Chính quyền"),
            Map.entry("PEOPLES_COUNCIL", "Hội đồng nhân dân"), Map.entry("FATHERLAND_FRONT", "Mặt trận Tổ quốc"),
            Map.entry("WOMENS_UNION", "Hội Liên hiệp Phụ nữ"), Map.entry("YOUTH_UNION", "Đoàn Thanh niên"),
            Map.entry("FARMERS_ASSOCIATION", "Hội Nông dân"), Map.entry("VETERANS_ASSOCIATION", "Hội Cựu chiến binh"),
            Map.entry("TRADE_UNION", "Công đoàn"), Map.entry("PEOPLES_INSPECTION_BOARD", "Ban Thanh tra nhân dân"),
            Map.entry("COMMUNITY_INVESTMENT_SUPERVISION_BOARD", "Ban giám sát đầu tư của cộng đồng"),
            Map.entry("PARTY_CELL", "Chi bộ"), Map.entry("RESIDENTIAL_GROUP", "Tổ dân phố"),
            Map.entry("VILLAGE", "Thôn, bản"), Map.entry("STEERING_COMMITTEE", "Ban Chỉ đạo"),
            Map.entry("ECONOMIC", "Kinh tế"), Map.entry("CULTURE_SOCIAL", "Văn hóa – xã hội"),
            Map.entry("DEFENCE_SECURITY", "Quốc phòng – an ninh"),
            Map.entry("POLITICAL_SYSTEM", "Xây dựng hệ thống chính trị"), Map.entry("COLLECTIVE", "Tập thể"),
            Map.entry("INDIVIDUAL", "Cá nhân"), Map.entry("REGISTERED", "Đã đăng ký"),
            Map.entry("IMPLEMENTING", "Đang thực hiện"), Map.entry("SELF_EVALUATED", "Đã tự đánh giá"),
            Map.entry("PROPOSED", "Đề nghị công nhận"), Map.entry("RECOGNISED", "Được công nhận"),
            Map.entry("NOT_RECOGNISED", "Không được công nhận"), Map.entry("WITHDRAWN", "Đã rút"));

    private Labels() {
    }

    static String vi(String key) {
        return VI.getOrDefault(key, key);
    }
}
