package vn.qcdc.api.input;

import java.time.LocalDate;

import vn.qcdc.api.problem.ProblemException;

/**
 * The dates the suite accepts anywhere (due dates, document dates, filters): from 1 January 1945 (the founding of the
 * state; no record of these committees is older) to 31 December 2100. ISO 8601 parsing alone accepts
 * {@code +99999-01-01}, which planned reminders 98,000 years ahead; one bound for every date keeps that out.
 */
public final class DateRules {

    public static final LocalDate EARLIEST = LocalDate.of(1945, 1, 1);
    public static final LocalDate LATEST = LocalDate.of(2100, 12, 31);

    private DateRules() {
    }

    public static boolean plausible(LocalDate date) {
        return date == null || (!date.isBefore(EARLIEST) && !date.isAfter(LATEST));
    }

    /** Refuses a date outside {@link #EARLIEST}..{@link #LATEST} with a 400 naming {@code field}. */
    public static LocalDate require(String field, LocalDate date) {
        if (!plausible(date)) {
            throw ProblemException.invalidField(field, "date-out-of-range", EARLIEST, LATEST);
        }
        return date;
    }
}
