package vn.qcdc.notification;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.annotation.Priority;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Singleton;

import vn.qcdc.api.time.ClockProducer;

/**
 * The service's clock in tests: starts on 4 January 2021, 09:00 in Hà Nội (a month after the reference inspection),
 * and only moves when a test moves it, so tests move time instead of waiting. It only moves forward: tests share it.
 */
@Alternative
@Priority(1)
@Singleton
public class MutableClock extends Clock {

    private static final AtomicReference<Instant> NOW = new AtomicReference<>(
            OffsetDateTime.parse("2021-01-04T09:00:00+07:00").toInstant());

    @Override
    public ZoneId getZone() {
        return ClockProducer.VIETNAM;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return Clock.fixed(NOW.get(), zone);
    }

    @Override
    public Instant instant() {
        return NOW.get();
    }

    public static OffsetDateTime now() {
        return NOW.get().atZone(ClockProducer.VIETNAM).toOffsetDateTime();
    }

    public static void advance(Duration d) {
        NOW.updateAndGet(i -> i.plus(d));
    }

    /** Moves to {@code t} if that is later than now (never backwards). */
    public static void moveTo(OffsetDateTime t) {
        NOW.updateAndGet(i -> t.toInstant().isAfter(i) ? t.toInstant() : i);
    }
}
