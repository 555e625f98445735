package vn.qcdc.notification.followup;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * The follow-up policy ({@code qcdc.followup.*}): when reminders go out and when an overdue recommendation escalates.
 * Days are calendar days; the moments land on working days at the reminder hour, local time.
 */
@ConfigMapping(prefix = "qcdc.followup")
public interface FollowUpConfig {

    /** Reminders this many days before the due date. */
    @WithDefault("14,3")
    List<Integer> remindDaysBefore();

    /** A reminder on the due date itself. */
    @WithDefault("true")
    boolean remindOnDueDate();

    /** While overdue, a reminder every this many days after the due date. */
    @WithDefault("7")
    int overdueEveryDays();

    /** After this many overdue days the steering committee of the unit above is told. */
    @WithDefault("30")
    int escalateAfterDays();

    /** Local time of day reminders go out. */
    @WithDefault("08:00")
    LocalTime reminderTime();

    @WithDefault("MONDAY,TUESDAY,WEDNESDAY,THURSDAY,FRIDAY")
    List<DayOfWeek> workingDays();

    /**
     * Days off beyond the weekly rest days and the public holidays computed from the Labour Code
     * ({@code PublicHolidays}): what the government announces for a year ({@code qcdc.followup.calendar.*}).
     */
    Calendar calendar();

    interface Calendar {
        /** Extra days off announced for a year (a day swapped to make a longer Tết, a new holiday …). */
        Optional<List<LocalDate>> extraDaysOff();

        /**
         * Make-up working days (ngày làm bù): days worked although they are a weekly rest day or a computed day off
         * (the Saturday that pays back a swapped day, or a computed adjacent day the government placed elsewhere).
         */
        Optional<List<LocalDate>> makeUpWorkingDays();
    }

    /** How often due steps are looked for ({@code off} disables the schedule, e.g. for a replica that only serves). */
    @WithDefault("30s")
    String tickInterval();

    /**
     * What a plan does with a deadline that had already passed when the plan started (a past record entered or
     * imported): {@code silent} (default) follows nothing for it, since every reminder, overdue notice and escalation
     * would be for a moment long gone; {@code notice-once} sends one overdue notice to the addressees and the
     * {@code recommendation.overdue} event when the plan starts, and nothing after (no repeated reminders, no
     * escalation). A deadline still ahead is followed as usual either way.
     */
    @WithDefault("silent")
    OverdueAtStart overdueAtStart();

    /** The policies of {@link #overdueAtStart()}. */
    enum OverdueAtStart {
        SILENT, NOTICE_ONCE
    }

    /** Steps claimed per short transaction. */
    @WithDefault("100")
    int batchSize();
}
