package vn.qcdc.notification.calendar;

import java.time.LocalDate;

/**
 * The Vietnamese lunisolar calendar (âm lịch), computed as the Vietnamese calendar is defined: new moons and solar
 * terms from astronomical formulas (J. Meeus, "Astronomical Algorithms", as published for the Vietnamese calendar by
 * Hồ Ngọc Đức), with days counted in Vietnam's time zone, UTC+7. The time zone matters: the Chinese calendar counts
 * in UTC+8 and puts some new moons on the next day (Tết 1985 and 2007 differ from it, for instance), so a Chinese
 * calendar library is not a substitute.
 *
 * <p>
 * The 11th lunar month is the one holding the winter solstice; a lunar year with 13 months has a leap month, the
 * first month after month 11 that contains no major solar term.
 */
public final class LunarCalendar {

    /** Vietnam's time zone offset in hours. */
    private static final double ZONE = 7.0;
    /** Julian day number of 1970-01-01. */
    private static final long EPOCH_JDN = 2_440_588L;
    private static final double SYNODIC_MONTH = 29.530588853;
    /** Julian day of the new moon of 1 January 1900 (k = 0 in the new-moon series). */
    private static final double K0 = 2_415_021.076998695;

    private LunarCalendar() {
    }

    /** The solar date of day {@code day} of the (non-leap) lunar month {@code month} of the lunar year {@code year}. */
    public static LocalDate toSolar(int year, int month, int day) {
        return toSolar(year, month, day, false);
    }

    /** The solar date of a lunar date; {@code leap} for the leap month that repeats {@code month}. */
    public static LocalDate toSolar(int year, int month, int day, boolean leap) {
        if (month < 1 || month > 12 || day < 1 || day > 30) {
            throw new IllegalArgumentException("No lunar date " + day + "/" + month + "/" + year);
        }
        long a11;
        long b11;
        if (month < 11) {
            a11 = month11(year - 1);
            b11 = month11(year);
        } else {
            a11 = month11(year);
            b11 = month11(year + 1);
        }
        long k = (long) Math.floor(0.5 + (a11 - K0) / SYNODIC_MONTH);
        int off = month - 11;
        if (off < 0) {
            off += 12;
        }
        if (b11 - a11 > 365) {
            int leapOff = leapMonthOffset(a11);
            int leapMonth = leapOff - 2;
            if (leapMonth < 0) {
                leapMonth += 12;
            }
            if (leap && month != leapMonth) {
                throw new IllegalArgumentException("Lunar year " + year + " has no leap month " + month);
            }
            if (leap || off >= leapOff) {
                off += 1;
            }
        } else if (leap) {
            throw new IllegalArgumentException("Lunar year " + year + " has no leap month");
        }
        long monthStart = newMoonDay(k + off);
        return LocalDate.ofEpochDay(monthStart + day - 1 - EPOCH_JDN);
    }

    /** Tết Nguyên Đán: the first day of the first lunar month of {@code year}. */
    public static LocalDate newYear(int year) {
        return toSolar(year, 1, 1);
    }

    /** Julian day number (in UTC+7) of the day of the k-th new moon after 1 January 1900. */
    static long newMoonDay(long k) {
        double t = k / 1236.85;
        double t2 = t * t;
        double t3 = t2 * t;
        double dr = Math.PI / 180;
        double jd1 = 2_415_020.75933 + 29.53058868 * k + 0.0001178 * t2 - 0.000000155 * t3;
        jd1 += 0.00033 * Math.sin((166.56 + 132.87 * t - 0.009173 * t2) * dr);
        double m = 359.2242 + 29.10535608 * k - 0.0000333 * t2 - 0.00000347 * t3;
        double mpr = 306.0253 + 385.81691806 * k + 0.0107306 * t2 + 0.00001236 * t3;
        double f = 21.2964 + 390.67050646 * k - 0.0016528 * t2 - 0.00000239 * t3;
        double c1 = (0.1734 - 0.000393 * t) * Math.sin(m * dr) + 0.0021 * Math.sin(2 * dr * m);
        c1 = c1 - 0.4068 * Math.sin(mpr * dr) + 0.0161 * Math.sin(dr * 2 * mpr);
        c1 = c1 - 0.0004 * Math.sin(dr * 3 * mpr);
        c1 = c1 + 0.0104 * Math.sin(dr * 2 * f) - 0.0051 * Math.sin(dr * (m + mpr));
        c1 = c1 - 0.0074 * Math.sin(dr * (m - mpr)) + 0.0004 * Math.sin(dr * (2 * f + m));
        c1 = c1 - 0.0004 * Math.sin(dr * (2 * f - m)) - 0.0006 * Math.sin(dr * (2 * f + mpr));
        c1 = c1 + 0.0010 * Math.sin(dr * (2 * f - mpr)) + 0.0005 * Math.sin(dr * (2 * mpr + m));
        double deltaT = t < -11
                ? 0.001 + 0.000839 * t + 0.0002261 * t2 - 0.00000845 * t3 - 0.000000081 * t * t3
                : -0.000278 + 0.000265 * t + 0.000262 * t2;
        double jdNew = jd1 + c1 - deltaT;
        return (long) Math.floor(jdNew + 0.5 + ZONE / 24);
    }

    /** The sun's longitude at the start of day {@code jdn} (UTC+7), as one of 12 sectors of 30° (0 = 0°..30°). */
    static int sunSector(long jdn) {
        double t = (jdn - 2_451_545.5 - ZONE / 24) / 36525;
        double t2 = t * t;
        double dr = Math.PI / 180;
        double m = 357.52910 + 35999.05030 * t - 0.0001559 * t2 - 0.00000048 * t * t2;
        double l0 = 280.46645 + 36000.76983 * t + 0.0003032 * t2;
        double dl = (1.914600 - 0.004817 * t - 0.000014 * t2) * Math.sin(dr * m);
        dl = dl + (0.019993 - 0.000101 * t) * Math.sin(dr * 2 * m) + 0.000290 * Math.sin(dr * 3 * m);
        double l = (l0 + dl) * dr;
        l = l - Math.PI * 2 * Math.floor(l / (Math.PI * 2));
        return (int) Math.floor(l / Math.PI * 6);
    }

    /** The first day (JDN) of the 11th lunar month of the lunar year that ends in solar year {@code year}. */
    static long month11(int year) {
        long off = LocalDate.of(year, 12, 31).toEpochDay() + EPOCH_JDN - 2_415_021;
        long k = (long) Math.floor(off / SYNODIC_MONTH);
        long nm = newMoonDay(k);
        if (sunSector(nm) >= 9) {
            nm = newMoonDay(k - 1);
        }
        return nm;
    }

    /** Months after month 11 (starting {@code a11}) until the leap month: the first one without a major term. */
    static int leapMonthOffset(long a11) {
        long k = (long) Math.floor((a11 - K0) / SYNODIC_MONTH + 0.5);
        int i = 1;
        int arc = sunSector(newMoonDay(k + i));
        int last;
        do {
            last = arc;
            i++;
            arc = sunSector(newMoonDay(k + i));
        } while (arc != last && i < 14);
        return i - 1;
    }
}
