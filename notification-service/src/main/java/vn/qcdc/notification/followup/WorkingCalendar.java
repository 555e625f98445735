package vn.qcdc.notification.followup;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import vn.qcdc.api.time.ClockProducer;
import vn.qcdc.notification.calendar.PublicHolidays;

/**
 * Working days (ngày làm việc): the configured week days, minus Vietnam's public holidays of each year (computed,
 * lunar ones included, with their compensatory days: {@link PublicHolidays}) and the announced extra days off, plus
 * the announced make-up working days.
 */
@ApplicationScoped
public class WorkingCalendar {

    @Inject
    FollowUpConfig config;

    private final Map<Integer, Set<LocalDate>> holidaysByYear = new ConcurrentHashMap<>();
    private volatile Set<LocalDate> extraDaysOff;
    private volatile Set<LocalDate> makeUpWorkingDays;

    public WorkingCalendar() {
    }

    /** A calendar on {@code config} outside CDI (tests). */
    public WorkingCalendar(FollowUpConfig config) {
        this.config = config;
    }

    /** The computed public holidays of {@code year} and their compensatory days. */
    public Set<LocalDate> holidays(int year) {
        return holidaysByYear.computeIfAbsent(year, y -> {
            Set<DayOfWeek> rest = EnumSet.complementOf(EnumSet.copyOf(config.workingDays()));
            return Set.copyOf(PublicHolidays.of(y, rest).keySet());
        });
    }

    public boolean isWorkingDay(LocalDate d) {
        if (makeUpWorkingDays().contains(d)) {
            return true;
        }
        return config.workingDays().contains(d.getDayOfWeek()) && !holidays(d.getYear()).contains(d)
                && !extraDaysOff().contains(d);
    }

    private Set<LocalDate> extraDaysOff() {
        if (extraDaysOff == null) {
            extraDaysOff = Set.copyOf(config.calendar().extraDaysOff().orElse(List.of()));
        }
        return extraDaysOff;
    }

    private Set<LocalDate> makeUpWorkingDays() {
        if (makeUpWorkingDays == null) {
            makeUpWorkingDays = Set.copyOf(config.calendar().makeUpWorkingDays().orElse(List.of()));
        }
        return makeUpWorkingDays;
    }

    /** {@code d} or the last working day before it: a reminder before a deadline must not slip past it. */
    public LocalDate onOrBefore(LocalDate d) {
        LocalDate x = d;
        for (int i = 0; i < 60 && !isWorkingDay(x); i++) {
            x = x.minusDays(1);
        }
        return x;
    }

    /** {@code d} or the first working day after it: an overdue notice on a holiday waits for the office to open. */
    public LocalDate onOrAfter(LocalDate d) {
        LocalDate x = d;
        for (int i = 0; i < 60 && !isWorkingDay(x); i++) {
            x = x.plusDays(1);
        }
        return x;
    }

    public ZonedDateTime at(LocalDate d) {
        return d.atTime(config.reminderTime()).atZone(zone());
    }

    public ZoneId zone() {
        return ClockProducer.VIETNAM;
    }
}
