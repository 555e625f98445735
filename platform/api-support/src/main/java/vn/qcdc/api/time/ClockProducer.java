package vn.qcdc.api.time;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.Optional;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.quarkus.arc.DefaultBean;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * The one clock of a service, in Vietnam's time zone, so that "today" and deadlines (local dates) are right and tests
 * can move time instead of waiting: unit tests provide their own {@link Clock} bean; a running suite (acceptance
 * tests, demos) can be given an {@link AdjustableClock} by configuration.
 *
 * <p>
 * It ticks in microseconds, the precision of PostgreSQL's timestamps: a time it stamps reads back from the database
 * as it was written, so a write's answer and a later read show the same value (with nanoseconds, the answer showed
 * {@code .197858833} and the read {@code .197859}, rounded by the database).
 */
public class ClockProducer {

    public static final ZoneId VIETNAM = ZoneId.of("Asia/Ho_Chi_Minh");

    /** The precision of a stamp: PostgreSQL's. */
    public static final Duration TICK = Duration.ofNanos(1_000);

    @ConfigMapping(prefix = "qcdc.clock")
    public interface ClockConfig {
        /**
         * Whether an admin may move this service's clock ({@code PUT /api/v1/admin/clock}). Never in production: it
         * exists so an end-to-end test or a demo can show next month's reminders today.
         */
        @WithDefault("false")
        boolean adjustable();

        /** Where an adjustable clock starts, so a process (re)started mid-test is at the test's time from its first tick. */
        Optional<OffsetDateTime> startAt();
    }

    @Produces
    @Singleton
    @DefaultBean
    Clock clock(ClockConfig config) {
        Clock system = Clock.tick(Clock.system(VIETNAM), TICK);
        if (!config.adjustable()) {
            return system;
        }
        AdjustableClock clock = new AdjustableClock(system);
        config.startAt().ifPresent(t -> clock.set(t.toInstant()));
        return clock;
    }
}
