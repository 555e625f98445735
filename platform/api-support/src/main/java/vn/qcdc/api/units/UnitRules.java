package vn.qcdc.api.units;

import java.time.LocalDate;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import vn.qcdc.api.problem.ProblemException;
import vn.qcdc.units.AdministrativeUnit;
import vn.qcdc.units.AdministrativeUnits;

/**
 * The suite's validity rule for dated records, as every service applies it to its input: a record dated D at unit U
 * needs a version of U in force on D ({@link AdministrativeUnits#check}); the record keeps that version (its name).
 */
@ApplicationScoped
public class UnitRules {

    @Inject
    AdministrativeUnits units;

    /**
     * The version of {@code code} in force on {@code date}. 400 naming {@code unitField} for a code no unit ever had;
     * 400 naming {@code dateField} when the unit did not exist on that date (not yet formed, or merged away).
     */
    public AdministrativeUnit requireValidOn(String unitField, String code, String dateField, LocalDate date) {
        return switch (units.check(code, date)) {
            case VALID -> units.versionOn(code, date).orElseThrow();
            case UNKNOWN -> throw ProblemException.invalidField(unitField, "unknown-unit", code);
            case NOT_VALID_ON -> throw ProblemException.invalidField(dateField, "unit-not-valid-on",
                    units.find(code).orElseThrow().name() + " (" + code + ")", date);
        };
    }

    /** A unit code that must exist at some time (a filter, a scope): 400 naming {@code field} otherwise. */
    public void requireKnown(String field, String code) {
        if (!units.exists(code)) {
            throw ProblemException.invalidField(field, "unknown-unit", code);
        }
    }
}
