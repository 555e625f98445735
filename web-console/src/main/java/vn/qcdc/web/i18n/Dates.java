package vn.qcdc.web.i18n;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/** Dates as people in Vietnam write them: dd/MM/yyyy, instants in Asia/Ho_Chi_Minh. */
public final class Dates {

    public static final ZoneId ZONE = ZoneId.of("Asia/Ho_Chi_Minh");
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("dd/MM/yyyy");
    private static final DateTimeFormatter DAY_TIME = DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm");

    private Dates() {
    }

    public static String day(LocalDate d) {
        return d == null ? "" : DAY.format(d);
    }

    public static String day(OffsetDateTime t) {
        return t == null ? "" : DAY.format(t.atZoneSameInstant(ZONE));
    }

    /** A moment as dd/MM/yyyy HH:mm in Vietnam's time. */
    public static String dayTime(OffsetDateTime t) {
        return t == null ? "" : DAY_TIME.format(t.atZoneSameInstant(ZONE));
    }

    /** The ISO form for {@code <time datetime>}. */
    public static String iso(LocalDate d) {
        return d == null ? "" : d.toString();
    }
}
