package vn.qcdc.notification.webhook;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Outbound webhooks ({@code qcdc.webhooks.*}). */
@ConfigMapping(prefix = "qcdc.webhooks")
public interface WebhookConfig {

    /**
     * Whether endpoints may resolve to private, loopback or link-local addresses. Off in production: a contact's URL
     * must never let the service be used to reach the inside of its own network (SSRF). Tests turn it on to reach a
     * local test server.
     */
    @WithDefault("false")
    boolean allowPrivateTargets();

    /** How long one call may take before it counts as failed. */
    @WithDefault("10s")
    Duration timeout();

    /** An endpoint that has failed without a single success for this long is disabled. */
    @WithDefault("3d")
    Duration disableAfter();
}
