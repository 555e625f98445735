package vn.qcdc.api.access;

import java.util.Set;

/**
 * Where a caller's unit sits relative to the reference scenario (the Bắc Kạn committee, 06, inspecting Xuất Hóa
 * ward, 01855, in Thành phố Bắc Kạn, 058), with the units of that scenario each position is within, written out by
 * hand from the published hierarchy and the 2025 mergers (06 → 19, 01855 → 01843) so that the expected answers do
 * not come from the code under test.
 */
public enum Position {
    /** The inspecting committee's own unit. */
    COMMITTEE("06", Set.of("06", "058", "01855")),
    /** Above the committee: the province Bắc Kạn was merged into. */
    ABOVE("19", Set.of("19", "06", "058", "01855", "01843")),
    /** The inspected ward's parent (the city), below the committee. */
    PARENT("058", Set.of("058", "01855")),
    /** The inspected ward itself. */
    WARD("01855", Set.of("01855")),
    /** The ward the inspected ward was merged into in 2025. */
    SUCCESSOR_WARD("01843", Set.of("01843", "01855")),
    /** Another ward of the same city. */
    SIBLING_WARD("01840", Set.of("01840")),
    /** Another province. */
    OTHER_PROVINCE("11", Set.of("11")),
    /** A token without {@code unit_code}: within no unit at all. */
    NO_UNIT(null, Set.of());

    public final String unit;
    private final Set<String> within;

    Position(String unit, Set<String> within) {
        this.unit = unit;
        this.within = within;
    }

    /** Whether a caller at this position is at or above {@code code} (one of the scenario's units). */
    public boolean covers(String code) {
        return code != null && within.contains(code);
    }
}
