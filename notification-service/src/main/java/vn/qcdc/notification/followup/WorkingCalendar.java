package vn.qcdc.notification.followup;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import vn.qcdc.api.time.ClockProducer;

/** Working days (ngày làm việc): the configured week days minus the configured public holidays. */
@ApplicationScoped
public class WorkingCalendar {

    @Inject
    FollowUpConfig config;

    private Set<LocalDate> holidays;

    Set<LocalDate> holidays() {
        if (holidays == null) {
            holidays = new HashSet<>(config.holidays().orElse(List.of()));
        }
        return holidays;
    }

    public boolean isWorkingDay(LocalDate d) {
        return config.workingDays().contains(d.getDayOfWeek()) && !holidays().contains(d);
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
