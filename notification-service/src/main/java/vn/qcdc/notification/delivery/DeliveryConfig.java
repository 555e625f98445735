package vn.qcdc.notification.delivery;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Sending ({@code qcdc.deliveries.*}): how often, how many attempts, how long between them. */
@ConfigMapping(prefix = "qcdc.deliveries")
public interface DeliveryConfig {

    /** How often the worker looks for pending deliveries ({@code off} disables it on this replica). */
    @WithDefault("2s")
    String interval();

    /** Deliveries one worker run sends at most before yielding to the next run. */
    @WithDefault("500")
    int maxPerRun();

    /** Attempts before a delivery is given up as failed. */
    @WithDefault("6")
    int maxAttempts();

    /** Wait after the first failed attempt; doubled after each further one, plus up to 50 % jitter. */
    @WithDefault("30s")
    Duration initialBackoff();

    @WithDefault("6h")
    Duration maxBackoff();

    /** A send that takes longer aborts its transaction: the delivery stays pending and is tried again. */
    @WithDefault("60s")
    Duration sendTimeout();
}
