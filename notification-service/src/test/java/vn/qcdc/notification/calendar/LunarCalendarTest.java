package vn.qcdc.notification.calendar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The lunar calendar against published Vietnamese dates (the government's Tết and Hùng Kings' day announcements and
 * the Vietnamese almanac), 2020–2030.
 */
class LunarCalendarTest {

    @ParameterizedTest(name = "{0}: Tết {1}, Giỗ Tổ {2}")
    @CsvSource({"2020, 2020-01-25, 2020-04-02", "2021, 2021-02-12, 2021-04-21", "2022, 2022-02-01, 2022-04-10",
            "2023, 2023-01-22, 2023-04-29", "2024, 2024-02-10, 2024-04-18", "2025, 2025-01-29, 2025-04-07",
            "2026, 2026-02-17, 2026-04-26", "2027, 2027-02-06, 2027-04-16", "2028, 2028-01-26, 2028-04-04",
            "2029, 2029-02-13, 2029-04-23", "2030, 2030-02-02, 2030-04-12"})
    void tetAndHungKingsDayMatchPublishedDates(int year, LocalDate tet, LocalDate hungKings) {
        assertEquals(tet, LunarCalendar.newYear(year));
        assertEquals(hungKings, LunarCalendar.toSolar(year, 3, 10));
    }

    @Test
    void vietnamCountsDaysInUtcPlus7NotInChinasUtcPlus8() {
        // The new moon of 2 February 2030 falls at 23:07 in Hà Nội and 00:07 on 3 February in Beijing: Tết Canh Tuất
        // is on 2 February, the Chinese New Year on 3 February. Likewise 1985 (a month apart) and 2007.
        assertEquals(LocalDate.of(2030, 2, 2), LunarCalendar.newYear(2030));
        assertEquals(LocalDate.of(1985, 1, 21), LunarCalendar.newYear(1985));
        assertEquals(LocalDate.of(2007, 2, 17), LunarCalendar.newYear(2007));
    }

    @Test
    void leapMonthsAreCountedAndOnlyExistWhereTheyDo() {
        // 2023 had a leap 2nd month: the 3rd month (and Giỗ Tổ) comes a month later; 2020 had a leap 4th month.
        assertEquals(LocalDate.of(2023, 3, 22), LunarCalendar.toSolar(2023, 2, 1, true));
        assertEquals(LocalDate.of(2020, 5, 23), LunarCalendar.toSolar(2020, 4, 1, true));
        assertThrows(IllegalArgumentException.class, () -> LunarCalendar.toSolar(2021, 4, 1, true));
        assertThrows(IllegalArgumentException.class, () -> LunarCalendar.toSolar(2021, 13, 1));
    }
}
