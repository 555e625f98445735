package vn.qcdc.api.security;

/** The roles a bearer token carries in its {@code groups} claim. */
public final class Roles {
    /** Full access, every unit. */
    public static final String ADMIN = "admin";
    /** Steering committee member / inspector (Ban Chỉ đạo, Đoàn kiểm tra): acts within its own unit. */
    public static final String STEERING = "steering";
    /** Officer of a ward or commune (cán bộ phường/xã): its own unit only. */
    public static final String UNIT_OFFICER = "unit-officer";
    /** Officer of a mass organisation (MTTQ, Hội Phụ nữ …) at a unit: its own organisation only. */
    public static final String ORG_OFFICER = "org-officer";
    /** A provincial portal's service account: reads within its unit, writes where a service allows it. */
    public static final String INTEGRATION = "integration";
    /** Read-only within its unit. */
    public static final String VIEWER = "viewer";

    /** Every role of the suite. */
    public static final java.util.Set<String> ALL = java.util.Set.of(ADMIN, STEERING, UNIT_OFFICER, ORG_OFFICER,
            INTEGRATION, VIEWER);

    private Roles() {
    }
}
