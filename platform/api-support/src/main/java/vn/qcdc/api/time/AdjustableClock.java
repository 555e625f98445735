package vn.qcdc.api.time;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;

/**
 * The system clock shifted by an offset that an admin can change (only where {@code qcdc.clock.adjustable}), in
 * microseconds as the system clock ({@link ClockProducer#TICK}).
 */
public final class AdjustableClock extends Clock {

    private final Clock base;
    private volatile Duration offset = Duration.ZERO;

    AdjustableClock(Clock base) {
        this.base = base;
    }

    public Duration offset() {
        return offset;
    }

    /** Makes "now" be {@code instant}; time goes on from there at the normal pace. */
    public void set(Instant instant) {
        offset = Duration.between(base.instant(), instant);
    }

    public void reset() {
        offset = Duration.ZERO;
    }

    @Override
    public ZoneId getZone() {
        return base.getZone();
    }

    @Override
    public Clock withZone(ZoneId zone) {
        AdjustableClock c = new AdjustableClock(base.withZone(zone));
        c.offset = offset;
        return c;
    }

    @Override
    public Instant instant() {
        return base.instant().plus(offset).truncatedTo(ChronoUnit.MICROS);
    }
}
