package vn.qcdc.notification.calendar;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** The Labour Code's holidays as computed, against the days the government announced. */
class PublicHolidaysTest {

    private static final Set<DayOfWeek> WEEKEND = EnumSet.of(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY);

    private static List<LocalDate> days(int year) {
        return List.copyOf(PublicHolidays.of(year, WEEKEND).keySet());
    }

    private static List<LocalDate> dates(String... iso) {
        return java.util.Arrays.stream(iso).map(LocalDate::parse).toList();
    }

    @Test
    void year2026AsAnnounced() {
        // Tết 16–20 Feb (with the weekends 14–22), Giỗ Tổ on Sunday 26 April → Monday 27, 30/4–1/5, 1–2 September.
        assertEquals(dates("2026-01-01", "2026-02-16", "2026-02-17", "2026-02-18", "2026-02-19", "2026-02-20",
                "2026-04-26", "2026-04-27", "2026-04-30", "2026-05-01", "2026-09-01", "2026-09-02"), days(2026));
    }

    @Test
    void holidaysOnAWeekendGiveTheNextWorkingDays() {
        // 2022: 1 January a Saturday → Monday 3; Giỗ Tổ Sunday 10 April → 11; 30/4 Sat and 1/5 Sun → 2 and 3 May.
        List<LocalDate> y2022 = days(2022);
        for (LocalDate d : dates("2022-01-03", "2022-04-11", "2022-05-02", "2022-05-03", "2022-09-01",
                "2022-09-02")) {
            assertEquals(true, y2022.contains(d), d.toString());
        }
        // 2023: Tết's 30th and mùng 1 on the weekend → Thursday 26 and Friday 27 January (after the Tết days).
        assertEquals(true, days(2023).containsAll(dates("2023-01-26", "2023-01-27", "2023-09-04")));
    }

    @Test
    void nationalDayIsTwoDaysFrom2021() {
        assertEquals(true, days(2020).contains(LocalDate.of(2020, 9, 2)));
        assertEquals(false, days(2020).contains(LocalDate.of(2020, 9, 1)));
        assertEquals(false, days(2020).contains(LocalDate.of(2020, 9, 3)));
        // As announced: 2021 Thu 2 + Fri 3; 2024 Mon 2 + Tue 3; 2025 Mon 1 + Tue 2.
        assertEquals(true, days(2021).containsAll(dates("2021-09-02", "2021-09-03")));
        assertEquals(true, days(2024).containsAll(dates("2024-09-02", "2024-09-03")));
        assertEquals(true, days(2025).containsAll(dates("2025-09-01", "2025-09-02")));
    }

    @Test
    void tetIsTheLastDayOfTheLunarYearAndTheFirstFour() {
        assertEquals(true, days(2027).containsAll(dates("2027-02-05", "2027-02-06", "2027-02-07", "2027-02-08",
                "2027-02-09", "2027-02-10", "2027-02-11")), "two of them on the weekend: two compensatory days");
        assertEquals(false, days(2027).contains(LocalDate.of(2027, 2, 12)));
    }
}
