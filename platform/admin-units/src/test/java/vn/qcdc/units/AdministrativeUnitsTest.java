package vn.qcdc.units;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import vn.qcdc.units.AdministrativeUnit.Level;
import vn.qcdc.units.AdministrativeUnit.Type;
import vn.qcdc.units.AdministrativeUnits.Validity;

/** The official data as loaded, checked against facts published in the 2025 resolutions and the code lists. */
class AdministrativeUnitsTest {

    private static final LocalDate INSPECTION_DAY = LocalDate.of(2020, 12, 3);
    private static final LocalDate EVE = LocalDate.of(2025, 6, 30);
    private static final LocalDate REFORM = LocalDate.of(2025, 7, 1);

    private final AdministrativeUnits units = AdministrativeUnits.builtIn();

    @Test
    void countsPerLevelBeforeAndAfterTheReform() {
        assertEquals(Map.of(Level.PROVINCE, 63L, Level.DISTRICT, 696L, Level.COMMUNE, 10_035L), countOn(EVE));
        assertEquals(Map.of(Level.PROVINCE, 34L, Level.COMMUNE, 3_321L), countOn(REFORM));
        assertEquals(14_149, units.size());
        Map<Type, Long> after = units.all().stream().filter(u -> u.validOn(REFORM))
                .collect(Collectors.groupingBy(AdministrativeUnit::type, TreeMap::new, Collectors.counting()));
        assertEquals(2_621L, after.get(Type.COMMUNE));
        assertEquals(687L, after.get(Type.WARD));
        assertEquals(13L, after.get(Type.SPECIAL_ZONE));
    }

    private Map<Level, Long> countOn(LocalDate day) {
        return units.all().stream().filter(u -> u.validOn(day))
                .collect(Collectors.groupingBy(AdministrativeUnit::level, Collectors.counting()));
    }

    @Test
    void referenceScenarioUnitsHaveTheirOfficialCodes() {
        AdministrativeUnit xuatHoa = units.versionOn("01855", INSPECTION_DAY).orElseThrow();
        assertEquals("Phường Xuất Hóa", xuatHoa.name());
        assertEquals(Type.WARD, xuatHoa.type());
        assertEquals("058", xuatHoa.parentCode());
        assertEquals("Thành phố Bắc Kạn", units.versionOn("058", INSPECTION_DAY).orElseThrow().name());
        assertEquals("06", units.versionOn("058", INSPECTION_DAY).orElseThrow().parentCode());
        assertEquals("Tỉnh Bắc Kạn", units.find("06").orElseThrow().name());
        assertEquals(EVE, units.find("01855").orElseThrow().validTo());
        assertEquals("Tỉnh Thái Nguyên", units.versionOn("19", REFORM).orElseThrow().name());
    }

    @Test
    void aCodeThatContinuesAcrossTheReformHasTwoVersions() {
        List<AdministrativeUnit> v = units.versions("01843");
        assertEquals(2, v.size());
        assertEquals("Phường Phùng Chí Kiên", v.get(0).name());
        assertEquals("058", v.get(0).parentCode());
        assertEquals(EVE, v.get(0).validTo());
        assertEquals("Phường Bắc Kạn", v.get(1).name());
        assertEquals("19", v.get(1).parentCode());
        assertEquals(REFORM, v.get(1).validFrom());
        assertEquals("Phường Bắc Kạn", units.find("01843").orElseThrow().name());
        assertEquals(Set.of("01837", "01843", "01852", "01855"),
                units.predecessors("01843").stream().map(Successor::oldCode).collect(Collectors.toSet()));
        assertEquals("1683/NQ-UBTVQH15 Điều 1 khoản 90", units.successors("01855").get(0).basis());
    }

    @Test
    void oneValidityRuleForDatedRecords() {
        assertEquals(Validity.VALID, units.check("01843", LocalDate.of(2021, 12, 3)), "Phùng Chí Kiên in 2021");
        assertEquals(Validity.VALID, units.check("01843", LocalDate.of(2026, 1, 5)), "Phường Bắc Kạn in 2026");
        assertEquals(Validity.VALID, units.check("01855", INSPECTION_DAY));
        assertEquals(Validity.NOT_VALID_ON, units.check("01855", REFORM), "Xuất Hóa ended on 30 June 2025");
        assertEquals(Validity.NOT_VALID_ON, units.check("11948", INSPECTION_DAY), "a special zone formed in 2025");
        assertEquals(Validity.VALID, units.check("11948", REFORM));
        assertEquals(Validity.UNKNOWN, units.check("99999", INSPECTION_DAY));
        assertEquals(Validity.UNKNOWN, units.check(null, INSPECTION_DAY));
    }

    @Test
    void successorProvinceCoversTheUnitsItWasFormedFrom() {
        Set<String> thaiNguyen = units.coverage("19");
        assertTrue(thaiNguyen.containsAll(List.of("19", "06", "058", "01855", "01843", "01840", "164", "05443")));
        assertFalse(thaiNguyen.contains("11"), "Điện Biên is another province");
        assertTrue(units.isWithin("01855", "19"), "2020 records of Xuất Hóa roll up into today's Thái Nguyên");
        assertTrue(units.isWithin("01855", "06"));
        assertFalse(units.isWithin("01855", "11"));
        assertFalse(units.isWithin("06", "01855"), "a ward does not cover its province");
        assertFalse(units.coverage("06").contains("164"), "old Bắc Kạn does not cover old Thái Nguyên's city");
    }

    @Test
    void mergedWardRollsIntoItsSuccessorAndNotIntoItsNeighbour() {
        assertEquals(Set.of("01843", "01837", "01852", "01855"), units.coverage("01843"));
        assertEquals(Set.of("01840", "01834", "01846"), units.coverage("01840"),
                "Nguyễn Thị Minh Khai and Huyền Tụng went into Đức Xuân (1683/NQ-UBTVQH15 Điều 1 khoản 89)");
        assertEquals("01843", units.currentFor("01855", LocalDate.of(2026, 1, 1)).orElseThrow().code());
        assertEquals("Phường Bắc Kạn", units.currentFor("01843", LocalDate.of(2026, 1, 1)).orElseThrow().name());
        assertEquals("Phường Xuất Hóa", units.currentFor("01855", INSPECTION_DAY).orElseThrow().name());
    }

    @Test
    void aDividedCommuneIsCoveredByEveryUnitItWentInto() {
        // Kỳ Lợi (Hà Tĩnh, 18796): its area went to Vũng Áng, its people to Sông Trí and Hoành Sơn.
        List<Successor> kyLoi = units.successors("18796");
        assertEquals(3, kyLoi.size());
        assertTrue(kyLoi.stream().noneMatch(Successor::whole));
        for (Successor s : kyLoi) {
            assertTrue(units.isWithin("18796", s.newCode()), s.newCode());
            assertTrue(units.isWithin("18796", LocalDate.of(2024, 5, 1), s.newCode()));
        }
        String province = units.versionOn(kyLoi.get(0).newCode(), REFORM).orElseThrow().parentCode();
        assertTrue(units.isWithin("18796", province), "the new province covers the divided commune");
    }

    @Test
    void aProvincesCoverageIsComputedOnceAndCannotBeChanged() {
        AdministrativeUnits fresh = AdministrativeUnits.readBuiltIn();
        Set<String> first = fresh.coverage("06");
        assertTrue(first == fresh.coverage("06"), "remembered");
        assertThrows(UnsupportedOperationException.class, () -> first.add("79"));
        assertEquals(117, first.size(), "Bắc Kạn: the province, its districts and communes in each version");
    }

    @Test
    void walkingUpAgreesWithCoverageForEveryUnit() {
        // isWithin walks up from the unit; coverage walks down from the ancestor. For every version of the official
        // data, the versions above it (walking up) must be exactly those whose coverage holds it (walking down).
        Map<AdministrativeUnit, Set<AdministrativeUnit>> below = new IdentityHashMap<>();
        for (AdministrativeUnit v : units.all()) {
            for (AdministrativeUnit above : units.coveringVersions(v)) {
                below.computeIfAbsent(above, k -> Collections.newSetFromMap(new IdentityHashMap<>())).add(v);
            }
        }
        Set<String> codes = new TreeSet<>();
        units.all().forEach(u -> codes.add(u.code()));
        List<String> wrong = new ArrayList<>();
        for (String code : codes) {
            Set<AdministrativeUnit> down = units.coveredVersions(code);
            Set<AdministrativeUnit> up = Collections.newSetFromMap(new IdentityHashMap<>());
            units.versions(code).forEach(v -> up.addAll(below.getOrDefault(v, Set.of())));
            if (!down.equals(up)) {
                wrong.add(code);
            }
        }
        assertEquals(List.of(), wrong);
        assertTrue(codes.size() > 10_000, "the whole country: " + codes.size());
    }

    @Test
    void datedCoverageTellsAKeptCodeFromTheDividedUnit() {
        // A commune divided between a unit that kept its code and another: the other covers the old records only.
        Successor split = units.all().stream().filter(u -> u.validTo() != null)
                .flatMap(u -> units.successors(u.code()).stream())
                .filter(s -> !s.whole() && !s.newCode().equals(s.oldCode()))
                .filter(s -> units.successors(s.oldCode()).stream().anyMatch(o -> o.newCode().equals(o.oldCode())))
                .findFirst().orElseThrow();
        assertTrue(units.isWithin(split.oldCode(), LocalDate.of(2024, 1, 1), split.newCode()));
        assertFalse(units.isWithin(split.oldCode(), LocalDate.of(2026, 1, 1), split.newCode()));
        assertTrue(units.isWithin(split.oldCode(), LocalDate.of(2026, 1, 1), split.oldCode()));
    }

    @Test
    void currentChildrenAreTheStructureOfTheDay() {
        LocalDate today = LocalDate.of(2026, 11, 27);
        List<AdministrativeUnit> thaiNguyen = units.currentChildren("19", today);
        assertEquals(92, thaiNguyen.size(), "Tỉnh Thái Nguyên has 92 communes and wards (1683/NQ-UBTVQH15)");
        assertTrue(thaiNguyen.stream().allMatch(u -> u.level() == Level.COMMUNE && u.validOn(today)));
        assertEquals(8, units.currentChildren("06", today).size(), "Bắc Kạn ended: its districts of 30 June 2025");
        assertEquals(8, units.currentChildren("058", today).size());
        assertEquals(9, units.currentChildren("19", INSPECTION_DAY).size(), "Thái Nguyên's districts in 2020");
    }

    @Test
    void escalationGoesToTheCurrentUnitAbove() {
        assertEquals("058", units.escalationTarget("01855", INSPECTION_DAY).orElseThrow().code());
        assertEquals("19", units.escalationTarget("01855", LocalDate.of(2026, 1, 1)).orElseThrow().code());
        assertEquals("19", units.escalationTarget("01843", LocalDate.of(2026, 1, 1)).orElseThrow().code());
        assertTrue(units.escalationTarget("19", LocalDate.of(2026, 1, 1)).isEmpty());
    }

    @Test
    void unknownCodesCoverNothing() {
        assertTrue(units.coverage("99999").isEmpty());
        assertFalse(units.isWithin(null, "19"));
        assertTrue(units.find("99999").isEmpty());
    }

    @Test
    void inconsistentDataIsRefused() {
        AdministrativeUnit orphan = new AdministrativeUnit("00001", "Xã X", Level.COMMUNE, Type.COMMUNE, "999", null,
                null);
        assertThrows(IllegalArgumentException.class, () -> AdministrativeUnits.of(List.of(orphan), List.of()));
        AdministrativeUnit ended = new AdministrativeUnit("01", "Tỉnh X", Level.PROVINCE, Type.PROVINCE, null, null,
                EVE);
        assertThrows(IllegalArgumentException.class, () -> AdministrativeUnits.of(List.of(ended), List.of()),
                "a unit that ends needs a successor");
        assertThrows(IllegalArgumentException.class,
                () -> new AdministrativeUnit("01", "Phường X", Level.PROVINCE, Type.WARD, null, null, null));
    }

    @Test
    void quotedCsvCellsAreRead() {
        assertEquals(List.of("02", "08", "whole", "60-NQ/TW: a, b \"c\""),
                List.of(AdministrativeUnits.splitCsv("02,08,whole,\"60-NQ/TW: a, b \"\"c\"\"\"")));
    }
}
