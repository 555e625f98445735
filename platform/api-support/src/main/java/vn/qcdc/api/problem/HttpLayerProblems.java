package vn.qcdc.api.problem;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * The HTTP layer's own refusals as problem+json, and the headers every response carries. Runs first on every request,
 * before authentication and the REST layer.
 * <ul>
 * <li>{@code X-Content-Type-Options: nosniff} on every response; {@code Cache-Control: no-store} on every answer to
 * a request that carried credentials (unless the endpoint chose its own), so that a shared cache or the browser's
 * disk never keeps another unit's records.</li>
 * <li>Request line and header limits: the network layer's limits are set generously
 * ({@code quarkus.http.limits.max-initial-line-length}, {@code max-header-size}) because it answers an empty 414/431;
 * the real limits ({@code qcdc.http.max-request-line}, {@code qcdc.http.max-header-size}) are enforced here, with a
 * problem body.</li>
 * <li>A chunked body (no Content-Length) is read here, counted against the JSON limit (multipart: the HTTP limit) and
 * refused with a 413 problem beyond it: without this, the limit checked on Content-Length ({@link BodyLimitProblem})
 * did not apply, up to the multipart limit was parsed as JSON, and past the HTTP limit the REST layer answered an
 * empty 413.</li>
 * <li>A request the routing layer fails for its form (400, 411, 413, 414, 415, 431) is answered with a problem.</li>
 * </ul>
 */
@Singleton
public class HttpLayerProblems {

    /**
     * The refusals of the request's form answered here; 401/403 stay with the security layer (its challenge
     * headers), 404/405 with the REST layer's mappers.
     */
    private static final Map<Integer, String> CODES = Map.of(400, "bad-request", 411, "length-required", 413,
            "payload-too-large", 414, "uri-too-long", 415, "unsupported-media-type", 431, "header-too-large");

    void install(@Observes Router router, ObjectMapper mapper,
            @ConfigProperty(name = "qcdc.http.max-request-line", defaultValue = "4096") int maxLine,
            @ConfigProperty(name = "qcdc.http.max-header-size", defaultValue = "20K") MemorySize maxHeaders,
            @ConfigProperty(name = "quarkus.http.limits.max-body-size") Optional<MemorySize> limit,
            @ConfigProperty(name = "qcdc.http.max-json-body-size", defaultValue = "1M") MemorySize jsonLimit) {
        long maxAny = limit.map(MemorySize::asLongValue).orElse(Long.MAX_VALUE);
        long maxJson = Math.min(maxAny, jsonLimit.asLongValue());
        router.route().order(Integer.MIN_VALUE).handler(ctx -> {
            HttpServerRequest request = ctx.request();
            HttpServerResponse response = ctx.response();
            response.putHeader("X-Content-Type-Options", "nosniff");
            if (request.getHeader(HttpHeaders.AUTHORIZATION) != null) {
                ctx.addHeadersEndHandler(v -> {
                    if (!response.headers().contains(HttpHeaders.CACHE_CONTROL)) {
                        response.putHeader(HttpHeaders.CACHE_CONTROL, "no-store");
                    }
                });
            }
            if (request.uri().length() > maxLine) {
                end(ctx, mapper, 414, "uri-too-long");
                return;
            }
            long headerBytes = 0;
            for (Map.Entry<String, String> h : request.headers()) {
                headerBytes += h.getKey().length() + h.getValue().length() + 4;
            }
            if (headerBytes > maxHeaders.asLongValue()) {
                end(ctx, mapper, 431, "header-too-large");
                return;
            }
            if (request.getHeader(HttpHeaders.CONTENT_LENGTH) == null
                    && request.getHeader(HttpHeaders.TRANSFER_ENCODING) != null && !request.isEnded()) {
                String type = request.getHeader(HttpHeaders.CONTENT_TYPE);
                boolean multipart = type != null && type.regionMatches(true, 0, "multipart/", 0, 10);
                readCounted(ctx, mapper, multipart ? maxAny : maxJson);
                return;
            }
            ctx.next();
        });
        router.route().order(Integer.MIN_VALUE).failureHandler(ctx -> {
            int status = ctx.statusCode();
            if (CODES.containsKey(status) && !ctx.response().headWritten() && !ctx.response().ended()) {
                end(ctx, mapper, status, CODES.get(status));
            } else {
                ctx.next();
            }
        });
        // A request the router refuses before any route matches (a target that is not a path, a bad Host header)
        // is failed with 400 outside the routes above; the router's error handler is the only place to answer it.
        for (int status : List.of(400, 411, 413, 414, 431)) {
            router.errorHandler(status, ctx -> {
                if (!ctx.response().headWritten() && !ctx.response().ended()) {
                    end(ctx, mapper, status, CODES.get(status));
                }
            });
        }
    }

    /**
     * Reads a body of unknown length, counting: past {@code max} bytes the request is refused with 413 (and the
     * connection closed); else the body is handed on as if a body handler had read it, and the REST layer reads it
     * from there (its own reading would answer an empty 413 past the HTTP limit, and counted JSON only against that).
     */
    private static void readCounted(RoutingContext ctx, ObjectMapper mapper, long max) {
        HttpServerRequest request = ctx.request();
        Buffer body = Buffer.buffer();
        boolean[] refused = {false};
        request.handler(chunk -> {
            if (refused[0]) {
                return;
            }
            if (body.length() + (long) chunk.length() > max) {
                refused[0] = true;
                end(ctx, mapper, 413, "payload-too-large");
            } else {
                body.appendBuffer(chunk);
            }
        });
        request.endHandler(v -> {
            if (!refused[0]) {
                ctx.setBody(body);
                ctx.next();
            }
        });
        request.resume();
    }

    /**
     * Ends {@code ctx} with a problem in the caller's language; the connection is closed after refusals of the
     * request's framing, where the rest of what the client sends can no longer be trusted to be read correctly.
     */
    public static void end(RoutingContext ctx, ObjectMapper mapper, int status, String code) {
        Locale locale = Messages.localeOf(ctx.acceptableLanguages().stream()
                .map(l -> Locale.forLanguageTag(l.tag())).toList());
        String title = Messages.format(locale, code + ".title");
        if (title.equals(code + ".title")) {
            title = Messages.format(locale, "bad-request.title");
        }
        String detail = Messages.format(locale, code);
        Problem problem = new Problem(URI.create(Problem.TYPE_BASE + code), title, status,
                detail.equals(code) ? null : detail, ctx.request().path(), code, null);
        String body;
        try {
            body = mapper.writeValueAsString(problem);
        } catch (JsonProcessingException e) {
            body = "{\"status\":" + status + "}";
        }
        HttpServerResponse response = ctx.response().setStatusCode(status)
                .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                .putHeader(HttpHeaders.CONTENT_LANGUAGE, locale.getLanguage());
        if (status == 411 || status == 413 || status == 414 || status == 431 || status == 400) {
            response.putHeader(HttpHeaders.CONNECTION, "close");
        }
        response.end(body);
    }
}
