package vn.qcdc.notification.webhook;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import vn.qcdc.notification.contact.WebhookEndpoint;
import vn.qcdc.notification.delivery.Delivery;
import vn.qcdc.notification.delivery.Outcome;

/**
 * Webhooks per Standard Webhooks: {@code webhook-id} (the delivery id, the same on every retry so receivers can
 * de-duplicate), {@code webhook-timestamp} (seconds) and {@code webhook-signature}. A 2xx is acceptance; 410 Gone
 * disables the endpoint at once; other failures are retried, and an endpoint failing without a success for
 * {@code qcdc.webhooks.disable-after} is disabled. Redirects are not followed (they could lead inside the network).
 */
@ApplicationScoped
public class WebhookChannel {

    @Inject
    WebhookConfig config;

    @Inject
    ObjectMapper mapper;

    @Inject
    Clock clock;

    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5)).build();

    @Transactional(Transactional.TxType.MANDATORY)
    public Outcome send(Delivery d) {
        WebhookEndpoint w = d.webhookEndpointId == null ? null : WebhookEndpoint.findById(d.webhookEndpointId);
        if (w == null) {
            return Outcome.giveUp("webhook endpoint removed");
        }
        if (!w.enabled) {
            return Outcome.giveUp("webhook endpoint disabled: " + w.disabledReason);
        }
        String refusal = new TargetGuard(config.allowPrivateTargets()).refusal(w.url);
        if (refusal != null) {
            return Outcome.giveUp("refused target (" + refusal + ")");
        }
        OffsetDateTime now = OffsetDateTime.now(clock);
        String body = body(d, now);
        String id = d.id.toString();
        long timestamp = now.toEpochSecond();
        HttpRequest request = HttpRequest.newBuilder(URI.create(w.url)).timeout(config.timeout())
                .header("content-type", "application/json").header("webhook-id", id)
                .header("webhook-timestamp", String.valueOf(timestamp))
                .header("webhook-signature", WebhookSigner.signatureHeader(List.of(w.secrets), id, timestamp, body))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        int status;
        try {
            status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return failed(w, now, "interrupted");
        } catch (java.io.IOException e) {
            return failed(w, now, e.getClass().getSimpleName() + ": " + e.getMessage());
        }
        if (status >= 200 && status < 300) {
            w.failingSince = null;
            return Outcome.ok();
        }
        if (status == 410) {
            disable(w, now, "410 Gone");
            return Outcome.giveUp("HTTP 410: endpoint gone, disabled");
        }
        return failed(w, now, "HTTP " + status);
    }

    private Outcome failed(WebhookEndpoint w, OffsetDateTime now, String error) {
        if (w.failingSince == null) {
            w.failingSince = now;
        } else if (!now.isBefore(w.failingSince.plus(config.disableAfter()))) {
            disable(w, now, "failing since " + w.failingSince + ": " + error);
            return Outcome.giveUp(error + "; endpoint disabled");
        }
        return Outcome.retry(error);
    }

    private static void disable(WebhookEndpoint w, OffsetDateTime now, String reason) {
        w.enabled = false;
        w.disabledAt = now;
        w.disabledReason = reason;
    }

    /** The Standard Webhooks envelope: type, timestamp, data. */
    String body(Delivery d, OffsetDateTime now) {
        Map<String, Object> data = new LinkedHashMap<>(d.payload == null ? Map.of() : d.payload);
        data.put("deliveryId", d.id.toString());
        data.put("subject", d.subject);
        data.put("text", d.body);
        Map<String, Object> envelope = new LinkedHashMap<>();
        envelope.put("type", "vn.qcdc.notification." + d.sourceKind.toLowerCase(Locale.ROOT).replace('_', '-'));
        envelope.put("timestamp", now.toString());
        envelope.put("data", data);
        try {
            return mapper.writeValueAsString(envelope);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
