package vn.qcdc.events;

/**
 * Bodies at an administrative unit that recommendations are addressed to, that register "Dân vận khéo" models, and
 * that receive notifications. The {@code org_type} claim of an organisation officer's token is one of these names.
 */
public enum BodyType {
    /** Cấp ủy Đảng. */
    PARTY_COMMITTEE,
    /** Chính quyền, Ủy ban nhân dân. */
    GOVERNMENT,
    /** Hội đồng nhân dân. */
    PEOPLES_COUNCIL,
    /** Mặt trận Tổ quốc (MTTQ). */
    FATHERLAND_FRONT,
    /** Hội Liên hiệp Phụ nữ. */
    WOMENS_UNION,
    /** Đoàn Thanh niên. */
    YOUTH_UNION,
    /** Hội Nông dân. */
    FARMERS_ASSOCIATION,
    /** Hội Cựu chiến binh. */
    VETERANS_ASSOCIATION,
    /** Công đoàn. */
    TRADE_UNION,
    /** Ban Thanh tra nhân dân. */
    PEOPLES_INSPECTION_BOARD,
    /** Ban giám sát đầu tư của cộng đồng. */
    COMMUNITY_INVESTMENT_SUPERVISION_BOARD,
    /** Chi bộ (below a ward). */
    PARTY_CELL,
    /** Tổ dân phố (below a ward). */
    RESIDENTIAL_GROUP,
    /** Thôn, bản (below a commune). */
    VILLAGE,
    /** Ban Chỉ đạo QCDC & DVK: where overdue recommendations escalate to. */
    STEERING_COMMITTEE;

    /** Mass organisations (tổ chức chính trị - xã hội) and the Fatherland Front. */
    public boolean isMassOrganisation() {
        return switch (this) {
            case FATHERLAND_FRONT, WOMENS_UNION, YOUTH_UNION, FARMERS_ASSOCIATION, VETERANS_ASSOCIATION, TRADE_UNION ->
                true;
            default -> false;
        };
    }
}
