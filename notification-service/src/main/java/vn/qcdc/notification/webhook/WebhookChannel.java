package vn.qcdc.notification.webhook;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;

import vn.qcdc.notification.contact.WebhookEndpoint;
import vn.qcdc.notification.delivery.Delivery;
import vn.qcdc.notification.delivery.Outcome;

/**
 * Webhooks per Standard Webhooks: {@code webhook-id} (the delivery id, the same on every retry so receivers can
 * de-duplicate), {@code webhook-timestamp} (seconds) and {@code webhook-signature}. A 2xx is acceptance; 410 Gone
 * disables the endpoint at once; other failures are retried, and an endpoint failing without a success for
 * {@code qcdc.webhooks.disable-after} is disabled. Redirects are not followed (they could lead inside the network).
 *
 * <p>
 * Three steps, so that no network call happens inside a database transaction: {@link #prepare} reads the endpoint
 * (in the claim's transaction), {@link #call} makes the call with a hard deadline that covers connecting, sending and
 * reading the whole response, and {@link #settle} records what it means for the endpoint (in the outcome's
 * transaction). The call connects to the address {@link TargetGuard} checked, never to a second lookup.
 */
@ApplicationScoped
public class WebhookChannel {

    @Inject
    WebhookConfig config;

    @Inject
    ObjectMapper mapper;

    @Inject
    Clock clock;

    @Inject
    Vertx vertx;

    private volatile HttpClient http;

    /** What to call: the endpoint's URL and secrets, read in a transaction; or why the delivery cannot be made. */
    public record Call(String url, List<String> secrets, String body, String id, long timestamp, Outcome refusal) {
    }

    /** What the endpoint answered: an HTTP status, or an error before one. */
    public record Answer(int status, String error) {
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public Call prepare(Delivery d) {
        WebhookEndpoint w = d.webhookEndpointId == null ? null : WebhookEndpoint.findById(d.webhookEndpointId);
        if (w == null) {
            return refused(Outcome.giveUp("webhook endpoint removed"));
        }
        if (!w.enabled) {
            return refused(Outcome.giveUp("webhook endpoint disabled: " + w.disabledReason));
        }
        OffsetDateTime now = OffsetDateTime.now(clock);
        return new Call(w.url, List.of(w.secrets), body(d, now), d.id.toString(), now.toEpochSecond(), null);
    }

    private static Call refused(Outcome why) {
        return new Call(null, List.of(), null, null, 0, why);
    }

    /** Calls the endpoint, outside any transaction; returns within the configured deadline whatever the endpoint does. */
    public Answer call(Call c) {
        TargetGuard.Target target = new TargetGuard(config.allowPrivateTargets()).pin(c.url());
        if (target.refusal() != null) {
            return new Answer(0, "refused target (" + target.refusal() + ")");
        }
        long deadlineMs = config.timeout().toMillis();
        RequestOptions options = new RequestOptions().setMethod(HttpMethod.POST).setAbsoluteURI(c.url())
                .setFollowRedirects(false).setConnectTimeout(Math.min(5_000, deadlineMs)).setIdleTimeout(deadlineMs)
                .putHeader("content-type", "application/json").putHeader("webhook-id", c.id())
                .putHeader("webhook-timestamp", String.valueOf(c.timestamp())).putHeader("webhook-signature",
                        WebhookSigner.signatureHeader(c.secrets(), c.id(), c.timestamp(), c.body()));
        if (target.address() != null) {
            // connect to the checked address; Host and TLS server name stay the URL's host
            options.setServer(SocketAddress.inetSocketAddress(target.port(), target.address().getHostAddress()));
        }
        AtomicReference<HttpClientRequest> request = new AtomicReference<>();
        var status = client().request(options).compose(req -> {
            request.set(req);
            return req.send(c.body());
        }).compose(resp -> {
            // Wait for the end of the body (the deadline covers it); with no data handler its chunks are dropped.
            // Setting a handler here raced with a short answer that had already ended ("Response already ended"):
            // the receiver had the call, the delivery counted it as failed and sent it again.
            return resp.end().map(v -> resp.statusCode());
        }).toCompletionStage().toCompletableFuture();
        try {
            return new Answer(status.get(deadlineMs, TimeUnit.MILLISECONDS), null);
        } catch (TimeoutException e) {
            HttpClientRequest req = request.get();
            if (req != null) {
                req.reset(); // close the exchange: nothing of it outlives the deadline
            }
            status.cancel(true);
            return new Answer(0, "no complete answer within " + Duration.ofMillis(deadlineMs).toSeconds() + " s");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            return new Answer(0, cause.getClass().getSimpleName() + ": " + cause.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Answer(0, "interrupted");
        }
    }

    /** What the answer means for the delivery and the endpoint, inside the outcome's transaction. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Outcome settle(Delivery d, Answer a) {
        WebhookEndpoint w = d.webhookEndpointId == null ? null : WebhookEndpoint.findById(d.webhookEndpointId);
        OffsetDateTime now = OffsetDateTime.now(clock);
        if (a.error() != null && a.error().startsWith("refused target")) {
            return Outcome.giveUp(a.error());
        }
        if (a.status() >= 200 && a.status() < 300) {
            if (w != null) {
                w.failingSince = null;
            }
            return Outcome.ok();
        }
        if (a.status() == 410) {
            if (w != null) {
                disable(w, now, "410 Gone");
            }
            return Outcome.giveUp("HTTP 410: endpoint gone, disabled");
        }
        String error = a.error() != null ? a.error() : "HTTP " + a.status();
        return w == null ? Outcome.giveUp(error) : failed(w, now, error);
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

    private HttpClient client() {
        HttpClient c = http;
        if (c == null) {
            synchronized (this) {
                if (http == null) {
                    // no keep-alive: a portal closing an idle connection must not fail the next POST, which is not retried
                    http = vertx.createHttpClient(new HttpClientOptions().setMaxPoolSize(32).setKeepAlive(false)
                            .setVerifyHost(true));
                }
                c = http;
            }
        }
        return c;
    }

    @PreDestroy
    void close() {
        if (http != null) {
            http.close();
        }
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
