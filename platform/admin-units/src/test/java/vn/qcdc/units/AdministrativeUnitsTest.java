package vn.qcdc.units;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;

class AdministrativeUnitsTest {

    private final AdministrativeUnits units = AdministrativeUnits.builtIn();

    @Test
    void referenceScenarioUnitsExistAsTheyWere() {
        AdministrativeUnit xuatHoa = units.find("01855").orElseThrow();
        assertEquals("Phường Xuất Hóa", xuatHoa.name());
        assertTrue(xuatHoa.validOn(LocalDate.of(2020, 12, 3)));
        assertFalse(xuatHoa.validOn(LocalDate.of(2025, 7, 1)));
        assertEquals("06", units.find(xuatHoa.parentCode()).orElseThrow().parentCode());
    }

    @Test
    void successorProvinceCoversTheUnitsItReplaced() {
        assertTrue(units.coverage("19").containsAll(List.of("19", "06", "058", "01855", "01843")));
        assertTrue(units.isWithin("01855", "19"), "2020 records of Xuất Hóa roll up into today's Thái Nguyên");
        assertTrue(units.isWithin("01855", "06"));
        assertFalse(units.isWithin("01855", "11"), "another province does not cover it");
        assertFalse(units.isWithin("06", "01855"), "a ward does not cover its province");
    }

    @Test
    void mergedWardRollsIntoItsSuccessor() {
        assertTrue(units.isWithin("01855", "01843"));
        assertEquals("01843", units.currentFor("01855", LocalDate.of(2026, 1, 1)).orElseThrow().code());
        assertEquals("01855", units.currentFor("01855", LocalDate.of(2020, 12, 3)).orElseThrow().code());
    }

    @Test
    void escalationGoesToTheCurrentUnitAbove() {
        assertEquals("058", units.escalationTarget("01855", LocalDate.of(2020, 12, 3)).orElseThrow().code());
        assertEquals("19", units.escalationTarget("01843", LocalDate.of(2026, 1, 1)).orElseThrow().code());
    }

    @Test
    void unknownCodesCoverNothing() {
        assertTrue(units.coverage("99999").isEmpty());
        assertFalse(units.isWithin(null, "19"));
    }

    @Test
    void inconsistentDataIsRefused() {
        AdministrativeUnit orphan = new AdministrativeUnit("1", "x", AdministrativeUnit.Level.WARD, "nope",
                LocalDate.of(2020, 1, 1), null, null);
        assertThrows(IllegalArgumentException.class, () -> AdministrativeUnits.of(List.of(orphan)));
    }
}
