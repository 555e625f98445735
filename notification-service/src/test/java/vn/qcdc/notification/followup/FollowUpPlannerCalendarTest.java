package vn.qcdc.notification.followup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;

import vn.qcdc.api.time.ClockProducer;

/**
 * Reminders planned by {@link FollowUpPlanner} never fall on a day off: computed holidays (lunar ones included) of
 * any year, their compensatory days and the configured extra days off; a make-up working day is a working day.
 */
class FollowUpPlannerCalendarTest {

    private static final List<LocalDate> EXTRA_OFF = List.of(LocalDate.of(2028, 4, 3));
    private static final List<LocalDate> MAKE_UP = List.of(LocalDate.of(2028, 4, 8));

    private final FollowUpPlanner planner = planner();

    private static FollowUpPlanner planner() {
        FollowUpConfig config = new TestConfig();
        FollowUpPlanner p = new FollowUpPlanner();
        p.config = config;
        p.calendar = new WorkingCalendar(config);
        return p;
    }

    private List<LocalDate> stepDays(LocalDate due) {
        ZonedDateTime longBefore = due.minusYears(1).atStartOfDay(ClockProducer.VIETNAM);
        return planner.steps(due, longBefore, false, false).stream().map(s -> s.dueAt().toLocalDate()).toList();
    }

    @Test
    void noReminderOnTet2027() {
        // Tết Đinh Mùi: 5–11 February 2027 off (last day of the year, mùng 1–4, two compensatory days).
        // Due on mùng 1: the 3-day reminder (3 Feb, a Wednesday) stays; the due-date reminder moves back to Thursday
        // 4 February; the overdue notice waits for Friday 12 February.
        List<LocalDate> days = stepDays(LocalDate.of(2027, 2, 6));
        assertEquals(LocalDate.of(2027, 2, 3), days.get(1));
        assertEquals(LocalDate.of(2027, 2, 4), days.get(2));
        assertEquals(LocalDate.of(2027, 2, 12), days.get(3));
        for (LocalDate d : days) {
            assertTrue(d.isBefore(LocalDate.of(2027, 2, 5)) || d.isAfter(LocalDate.of(2027, 2, 11)), d.toString());
        }
    }

    @Test
    void noStepOnAnyDayOffFrom2020To2035() {
        WorkingCalendar calendar = planner.calendar;
        int checked = 0;
        for (LocalDate due = LocalDate.of(2020, 1, 1); due.getYear() <= 2035; due = due.plusDays(3)) {
            for (LocalDate d : stepDays(due)) {
                assertTrue(calendar.isWorkingDay(d), "a step of the deadline " + due + " falls on " + d);
                assertFalse(calendar.holidays(d.getYear()).contains(d) && !MAKE_UP.contains(d), d.toString());
                checked++;
            }
        }
        assertTrue(checked > 9_000);
    }

    @Test
    void configuredExtraDaysOffAndMakeUpDaysCount() {
        WorkingCalendar calendar = planner.calendar;
        assertFalse(calendar.isWorkingDay(LocalDate.of(2028, 4, 3)), "an announced extra day off (a Monday)");
        assertTrue(calendar.isWorkingDay(LocalDate.of(2028, 4, 8)), "an announced make-up Saturday");
        assertFalse(calendar.isWorkingDay(LocalDate.of(2028, 4, 4)), "Giỗ Tổ 2028 (10/3 lunar)");
        // Due Thursday 6 April 2028: 3 days before is the extra day off (Monday 3) → back to Friday 31 March.
        List<LocalDate> days = stepDays(LocalDate.of(2028, 4, 6));
        assertEquals(LocalDate.of(2028, 3, 31), days.get(1));
        assertEquals(LocalDate.of(2028, 4, 6), days.get(2));
        // Due Saturday 1 April: the overdue notice skips Sunday, the extra day off and Giỗ Tổ → Wednesday 5 April;
        // the 7-day overdue reminder lands on the make-up Saturday 8 April.
        List<LocalDate> sat = stepDays(LocalDate.of(2028, 4, 1));
        assertEquals(LocalDate.of(2028, 4, 5), sat.get(3));
        assertTrue(sat.contains(LocalDate.of(2028, 4, 8)), sat.toString());
    }

    /** The shipped policy defaults, with one announced extra day off and one make-up day. */
    static class TestConfig implements FollowUpConfig {
        @Override
        public List<Integer> remindDaysBefore() {
            return List.of(14, 3);
        }

        @Override
        public boolean remindOnDueDate() {
            return true;
        }

        @Override
        public int overdueEveryDays() {
            return 7;
        }

        @Override
        public int escalateAfterDays() {
            return 30;
        }

        @Override
        public LocalTime reminderTime() {
            return LocalTime.of(8, 0);
        }

        @Override
        public List<DayOfWeek> workingDays() {
            return List.copyOf(Set.of(DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY,
                    DayOfWeek.FRIDAY));
        }

        @Override
        public Calendar calendar() {
            return new Calendar() {
                @Override
                public Optional<List<LocalDate>> extraDaysOff() {
                    return Optional.of(EXTRA_OFF);
                }

                @Override
                public Optional<List<LocalDate>> makeUpWorkingDays() {
                    return Optional.of(MAKE_UP);
                }
            };
        }

        @Override
        public String tickInterval() {
            return "off";
        }

        @Override
        public int batchSize() {
            return 100;
        }

        @Override
        public OverdueAtStart overdueAtStart() {
            return OverdueAtStart.SILENT;
        }
    }
}
