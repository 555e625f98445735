package vn.qcdc.notification.calendar;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.MonthDay;
import java.util.Collections;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Vietnam's public holidays of a year as the Labour Code sets them (Bộ luật Lao động 2019, Art. 112 cl. 1), with the
 * compensatory days of Art. 111 cl. 3:
 * <ul>
 * <li>Tết Dương lịch: 1 January;
 * <li>Tết Âm lịch: 5 days: the last day of the lunar year and the first four days of the new one (the usual
 * arrangement; the Prime Minister sets the exact days each year, Art. 112 cl. 3);
 * <li>Giỗ Tổ Hùng Vương: the 10th day of the 3rd lunar month;
 * <li>Ngày Chiến thắng: 30 April; Quốc tế Lao động: 1 May;
 * <li>Quốc khánh: 2 September and, since 2021, one adjacent day (before or after, set each year; computed here as
 * the day that joins the holiday to a weekend, or the day before when neither does);
 * <li>a holiday that falls on a weekly rest day gives a compensatory day off on the next working day.
 * </ul>
 * The arrangements the government announces for a year (another choice of days, swapped working days) are
 * configuration: extra days off and make-up working days ({@code WorkingCalendar}).
 */
public final class PublicHolidays {

    /** The Labour Code 2019 (in force 1 January 2021) made National Day two days. */
    private static final int TWO_DAY_NATIONAL_DAY_FROM = 2021;

    private PublicHolidays() {
    }

    /**
     * The days off of {@code year}, each with its Vietnamese name, given the weekly rest days (Saturday and Sunday
     * for state offices).
     */
    public static SortedMap<LocalDate, String> of(int year, Set<DayOfWeek> weeklyRest) {
        TreeMap<LocalDate, String> days = new TreeMap<>();
        days.put(LocalDate.of(year, 1, 1), "Tết Dương lịch");
        LocalDate tet = LunarCalendar.newYear(year);
        days.put(tet.minusDays(1), "Tết Âm lịch (ngày cuối năm âm lịch)");
        for (int i = 0; i < 4; i++) {
            days.put(tet.plusDays(i), "Tết Âm lịch (mùng " + (i + 1) + ")");
        }
        days.put(LunarCalendar.toSolar(year, 3, 10), "Giỗ Tổ Hùng Vương (10/3 âm lịch)");
        days.put(MonthDay.of(4, 30).atYear(year), "Ngày Chiến thắng");
        days.put(MonthDay.of(5, 1).atYear(year), "Ngày Quốc tế Lao động");
        LocalDate national = LocalDate.of(year, 9, 2);
        days.put(national, "Quốc khánh");
        if (year >= TWO_DAY_NATIONAL_DAY_FROM) {
            days.put(adjacentNationalDay(national), "Quốc khánh (ngày liền kề)");
        }
        TreeMap<LocalDate, String> out = new TreeMap<>(days);
        for (var h : days.entrySet()) {
            if (weeklyRest.contains(h.getKey().getDayOfWeek())) {
                LocalDate d = h.getKey().plusDays(1);
                while (weeklyRest.contains(d.getDayOfWeek()) || out.containsKey(d)) {
                    d = d.plusDays(1);
                }
                out.put(d, "Nghỉ bù " + h.getValue() + " " + h.getKey());
            }
        }
        return Collections.unmodifiableSortedMap(out);
    }

    /**
     * The day next to 2 September that the holiday takes: the one that joins it to the weekend (Tuesday → Monday 1st,
     * Thursday → Friday 3rd, Friday or Saturday → the day before, Monday or Sunday → the day after), else the day
     * before (Wednesday), as the government chose from 2021 to 2026.
     */
    static LocalDate adjacentNationalDay(LocalDate national) {
        return switch (national.getDayOfWeek()) {
            case MONDAY, THURSDAY, SUNDAY -> national.plusDays(1);
            default -> national.minusDays(1);
        };
    }
}
