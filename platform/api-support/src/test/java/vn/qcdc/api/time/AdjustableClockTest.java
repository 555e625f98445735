package vn.qcdc.api.time;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

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
}
