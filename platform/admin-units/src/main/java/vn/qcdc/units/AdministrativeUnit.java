package vn.qcdc.units;

import java.time.LocalDate;
import java.util.Optional;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * One version of an administrative unit (đơn vị hành chính): what a code named between {@code validFrom} and
 * {@code validTo} (both inclusive). A code can have several versions because a unit formed in a merger keeps the
 * code of one predecessor: 01843 is "Phường Phùng Chí Kiên" (in Thành phố Bắc Kạn) until 30 June 2025 and "Phường
 * Bắc Kạn" (in Tỉnh Thái Nguyên, with a larger extent) from 1 July 2025. A record made at a unit on a date keeps the
 * version valid on that date.
 *
 * @param validFrom first day of this version; {@code null} when it began before the reference data starts (the
 *        official list in force until 30 June 2025 does not record when each unit was established)
 * @param validTo last day of this version; {@code null} while it is in force
 */
public record AdministrativeUnit(String code, String name, Level level, Type type, String parentCode,
        LocalDate validFrom, LocalDate validTo) {

    /** The three tiers of the national code scheme; the district tier was abolished on 1 July 2025. */
    @Schema(name = "UnitLevel")
    public enum Level {
        PROVINCE, DISTRICT, COMMUNE;

        /** Communes, wards, townships and special zones: the grassroots level that inspections visit. */
        public boolean isGrassroots() {
            return this == COMMUNE;
        }
    }

    /** The unit's official type word, as the code lists print it. */
    @Schema(name = "UnitType")
    public enum Type {
        PROVINCE("Tỉnh", Level.PROVINCE), CENTRAL_CITY("Thành phố trung ương", Level.PROVINCE), URBAN_DISTRICT("Quận",
                Level.DISTRICT), RURAL_DISTRICT("Huyện", Level.DISTRICT), TOWN("Thị xã",
                        Level.DISTRICT), PROVINCIAL_CITY("Thành phố", Level.DISTRICT), WARD("Phường",
                                Level.COMMUNE), COMMUNE("Xã", Level.COMMUNE), TOWNSHIP("Thị trấn",
                                        Level.COMMUNE), SPECIAL_ZONE("Đặc khu", Level.COMMUNE);

        private final String vietnamese;
        private final Level level;

        Type(String vietnamese, Level level) {
            this.vietnamese = vietnamese;
            this.level = level;
        }

        public String vietnamese() {
            return vietnamese;
        }

        public Level level() {
            return level;
        }

        /** The type a code list names with {@code word} at {@code level} ("Thành phố" is a district-level city). */
        public static Type of(String word, Level level) {
            for (Type t : values()) {
                if (t.vietnamese.equals(word) && t.level == level) {
                    return t;
                }
            }
            throw new IllegalArgumentException("Unknown unit type " + word + " at level " + level);
        }
    }

    public AdministrativeUnit {
        if (type != null && type.level() != level) {
            throw new IllegalArgumentException("Unit " + code + ": type " + type + " is not at level " + level);
        }
        if (validFrom != null && validTo != null && validTo.isBefore(validFrom)) {
            throw new IllegalArgumentException("Unit " + code + " ends before it starts");
        }
    }

    public boolean validOn(LocalDate day) {
        return (validFrom == null || !day.isBefore(validFrom)) && (validTo == null || !day.isAfter(validTo));
    }

    /** Whether the two versions were in force on at least one common day. */
    boolean overlaps(AdministrativeUnit other) {
        boolean startsBeforeOtherEnds = validFrom == null || other.validTo == null || !validFrom.isAfter(other.validTo);
        boolean endsAfterOtherStarts = validTo == null || other.validFrom == null || !validTo.isBefore(other.validFrom);
        return startsBeforeOtherEnds && endsAfterOtherStarts;
    }

    public Optional<String> parent() {
        return Optional.ofNullable(parentCode);
    }
}
