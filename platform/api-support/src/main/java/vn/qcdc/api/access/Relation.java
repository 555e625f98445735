package vn.qcdc.api.access;

/**
 * What the caller's administrative unit ({@code unit_code}) must be to a record for a role to act on it. "Within"
 * means the unit itself, a unit below it, or a unit merged into it ({@code AdministrativeUnits#isWithin}). A caller
 * whose token has no unit is within nothing: every relation but {@link #EVERYWHERE} and {@link #OWN_ITEMS} fails
 * for it (scope fails closed).
 */
public enum Relation {

    /** Anywhere in the country, unit or not: the national administrator. */
    EVERYWHERE("everywhere"),

    /** The record's unit (an inspection's inspected ward, a model's unit …) is within the caller's unit. */
    IN_SCOPE("in scope"),

    /**
     * The unit that decides on the record is within the caller's unit: the inspecting committee's unit of an
     * inspection or recommendation ({@code steeringUnitCode}), the competent unit a model is proposed to. The
     * inspected side sits below that unit, so it reads and reports but never decides.
     */
    DECIDING_UNIT("deciding unit"),

    /**
     * The caller answers for a body the recommendation is addressed to: that addressee's unit is within the caller's
     * unit and, for an organisation officer, the addressee is its own organisation ({@code org_type}).
     */
    ADDRESSEE("addressed body"),

    /** The record belongs to the caller's own organisation ({@code org_type}) and its unit is within the caller's. */
    OWN_ORGANISATION("own organisation"),

    /** The caller's own items (its inbox, by token subject); no unit involved. */
    OWN_ITEMS("own items"),

    /** Reference data every authenticated caller may read. */
    ANY("any");

    private final String label;

    Relation(String label) {
        this.label = label;
    }

    /** How the README table names the relation. */
    public String label() {
        return label;
    }
}
