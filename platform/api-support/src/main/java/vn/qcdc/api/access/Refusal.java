package vn.qcdc.api.access;

/**
 * The rule that refused an operation, so that a 403 says why (its message key is {@code forbidden.<key>}) without
 * saying anything about records the caller may not see.
 */
public enum Refusal {
    /** None of the caller's roles may perform the operation. */
    ROLE("role"),
    /** The token names no administrative unit ({@code unit_code}): scope fails closed. */
    NO_UNIT("no-unit"),
    /** The unit asked for, or the record's unit, is not within the caller's unit. */
    UNIT_SCOPE("scope"),
    /** Only the deciding side (the inspecting committee, the competent level) may do this; the caller's unit is not it. */
    DECIDING_UNIT("deciding-unit"),
    /** Only a body the recommendation is addressed to may report on it. */
    ADDRESSEE("addressee"),
    /** Only the caller's own organisation's records. */
    OWN_ORGANISATION("organisation");

    private final String key;

    Refusal(String key) {
        this.key = key;
    }

    /** The message key of the 403's detail. */
    public String messageKey() {
        return "forbidden." + key;
    }
}
