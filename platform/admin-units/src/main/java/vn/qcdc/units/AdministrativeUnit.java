package vn.qcdc.units;

import java.time.LocalDate;
import java.util.Optional;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * An administrative unit (đơn vị hành chính): province, district (before 1 July 2025), ward or commune. A unit has a
 * validity period; when it is merged away its code is closed and {@code successorCode} names the unit that took it
 * over, so history keeps the unit as it was while statistics roll it up into its successor.
 */
public record AdministrativeUnit(String code, String name, Level level, String parentCode, LocalDate validFrom,
        LocalDate validTo, String successorCode) {

    @Schema(name = "UnitLevel")
    public enum Level {
        PROVINCE, DISTRICT, WARD, COMMUNE, TOWNSHIP;

        /** Wards, communes and townships are the grassroots level that inspections visit. */
        public boolean isGrassroots() {
            return this == WARD || this == COMMUNE || this == TOWNSHIP;
        }
    }

    public boolean validOn(LocalDate day) {
        return !day.isBefore(validFrom) && (validTo == null || !day.isAfter(validTo));
    }

    public Optional<String> parent() {
        return Optional.ofNullable(parentCode);
    }
}
