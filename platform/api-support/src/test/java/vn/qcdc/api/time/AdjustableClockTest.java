package vn.qcdc.api.time;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class AdjustableClockTest {

    @Test
    void movedClockKeepsTickingFromTheNewInstantInVietnamTime() {
        AdjustableClock clock = new AdjustableClock(Clock.system(ClockProducer.VIETNAM));
        Instant target = Instant.parse("2020-12-03T01:00:00Z"); // 08:00 in Hà Nội
        clock.set(target);
        Duration drift = Duration.between(target, clock.instant()).abs();
        assertTrue(drift.toSeconds() < 5, "now is the chosen instant: " + drift);
        assertEquals(LocalDate.of(2020, 12, 3), LocalDate.now(clock));
        assertEquals(8, clock.instant().atZone(clock.getZone()).getHour());
        clock.reset();
        assertTrue(Duration.between(Instant.now(), clock.instant()).abs().toSeconds() < 5);
        assertEquals(ZoneOffset.ofHours(7), clock.getZone().getRules().getOffset(clock.instant()));
    }

    /**
     * Both clocks a service can have stamp in microseconds, as PostgreSQL stores them: what a write answers with is what
     * a later read finds.
     */
    @Test
    void theServiceClocksTickInMicroseconds() {
        ClockProducer.ClockConfig fixed = config(false);
        ClockProducer.ClockConfig adjustable = config(true);
        for (Clock clock : new Clock[]{new ClockProducer().clock(fixed), new ClockProducer().clock(adjustable)}) {
            assertEquals(ClockProducer.VIETNAM, clock.getZone());
            for (int i = 0; i < 10_000; i++) {
                assertEquals(0, clock.instant().getNano() % 1_000, clock.toString());
                assertEquals(0, OffsetDateTime.now(clock).getNano() % 1_000);
            }
        }
        AdjustableClock moved = (AdjustableClock) new ClockProducer().clock(adjustable);
        moved.set(Instant.parse("2021-03-18T01:30:00.123456789Z"));
        assertEquals(0, moved.instant().getNano() % 1_000);
    }

    private static ClockProducer.ClockConfig config(boolean adjustable) {
        return new ClockProducer.ClockConfig() {
            @Override
            public boolean adjustable() {
                return adjustable;
            }

            @Override
            public Optional<OffsetDateTime> startAt() {
                return Optional.empty();
            }
        };
    }
}
