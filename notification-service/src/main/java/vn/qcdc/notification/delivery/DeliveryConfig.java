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

    /**
     * Hard deadline of one email send (connect, SMTP dialogue, acceptance). A send that takes longer counts as a failed
     * attempt and is retried later. Webhooks have their own ({@code qcdc.webhooks.timeout}).
     */
    @WithDefault("30s")
    Duration sendTimeout();

    /**
     * Sends in flight at once on this replica. A slow endpoint holds one of them at most (one send per webhook endpoint
     * at a time; email at most {@link #emailConcurrency()}), so it delays only its own deliveries.
     */
    @WithDefault("8")
    int senders();

    /** Emails sent at once (one SMTP server serves them all). */
    @WithDefault("2")
    int emailConcurrency();
}
