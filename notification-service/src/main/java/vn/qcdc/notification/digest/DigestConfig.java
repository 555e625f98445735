package vn.qcdc.notification.digest;

import java.time.LocalTime;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The digests ({@code qcdc.digest.*}): when they go out and what counts as due. */
@ConfigMapping(prefix = "qcdc.digest")
public interface DigestConfig {

    /** Local time (Asia/Ho_Chi_Minh) of a working day from which the day's digests go out. */
    @WithDefault("08:00")
    LocalTime time();

    /** A recommendation is listed as due when its due date is at most this many days ahead. */
    @WithDefault("14")
    int dueWithinDays();

    /** How often a replica looks for digests to send ({@code off} disables the schedule). */
    @WithDefault("60s")
    String interval();
}
