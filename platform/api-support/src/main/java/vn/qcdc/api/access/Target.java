package vn.qcdc.api.access;

import java.util.List;

/**
 * What an operation acts on, as far as authorization cares: the record's own unit ({@code unit}, where it "lives":
 * an inspection's ward, a delegation's committee, a model's unit), the unit that decides on it ({@code decidingUnit},
 * see {@link Relation#DECIDING_UNIT}), the organisation it belongs to ({@code orgType}, models) and the bodies it is
 * addressed to ({@code addressees}, recommendations). Fields that do not apply are null or empty.
 */
public record Target(String unit, String decidingUnit, String orgType, List<Body> addressees) {

    /** A body (its {@code BodyType} name) at a unit. */
    public record Body(String bodyType, String unitCode) {
    }

    public Target {
        addressees = addressees == null ? List.of() : List.copyOf(addressees);
    }

    /** A record of one unit that is also the unit deciding on it (a delegation, a contact, a list's unit). */
    public static Target unit(String unit) {
        return new Target(unit, unit, null, List.of());
    }

    /** A record of {@code unit} decided on by the committee (or competent unit) of {@code decidingUnit}. */
    public static Target decidedBy(String unit, String decidingUnit) {
        return new Target(unit, decidingUnit == null ? unit : decidingUnit, null, List.of());
    }

    public Target ofOrganisation(String org) {
        return new Target(unit, decidingUnit, org, addressees);
    }

    public Target addressedTo(List<Body> bodies) {
        return new Target(unit, decidingUnit, orgType, bodies);
    }
}
