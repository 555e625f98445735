package vn.qcdc.api.time;

import java.time.Clock;
import java.time.ZoneId;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.quarkus.arc.DefaultBean;

/**
 * The one clock of a service, in Vietnam's time zone, so that "today" and deadlines (local dates) are right and tests
 * can move time instead of waiting by providing their own {@link Clock} bean.
 */
public class ClockProducer {

    public static final ZoneId VIETNAM = ZoneId.of("Asia/Ho_Chi_Minh");

    @Produces
    @Singleton
    @DefaultBean
    Clock clock() {
        return Clock.system(VIETNAM);
    }
}
