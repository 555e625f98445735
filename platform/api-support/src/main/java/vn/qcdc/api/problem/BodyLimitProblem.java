package vn.qcdc.api.problem;

import java.net.URI;
import java.util.Locale;
import java.util.Optional;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;

/**
 * Answers a body larger than {@code quarkus.http.limits.max-body-size} with a 413 problem in the caller's language,
 * before anything reads it: the HTTP layer's own answer is an empty 413, which would break the error contract that
 * every 4xx is {@code application/problem+json}.
 */
@Singleton
public class BodyLimitProblem {

    void install(@Observes Router router, ObjectMapper mapper,
            @ConfigProperty(name = "quarkus.http.limits.max-body-size") Optional<MemorySize> limit) {
        if (limit.isEmpty()) {
            return;
        }
        long max = limit.get().asLongValue();
        router.route().order(Integer.MIN_VALUE).handler(ctx -> {
            String length = ctx.request().getHeader(HttpHeaders.CONTENT_LENGTH);
            long size;
            try {
                size = length == null ? -1 : Long.parseLong(length.trim());
            } catch (NumberFormatException e) {
                size = -1;
            }
            if (size <= max) {
                ctx.next();
                return;
            }
            Locale locale = Messages.localeOf(ctx.acceptableLanguages().stream()
                    .map(l -> Locale.forLanguageTag(l.tag())).toList());
            Problem problem = new Problem(URI.create(Problem.TYPE_BASE + "payload-too-large"),
                    Messages.format(locale, "payload-too-large.title"), 413,
                    Messages.format(locale, "payload-too-large"), ctx.request().path(), "payload-too-large", null);
            String body;
            try {
                body = mapper.writeValueAsString(problem);
            } catch (JsonProcessingException e) {
                body = "{\"status\":413}";
            }
            ctx.response().setStatusCode(413).putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                    .putHeader(HttpHeaders.CONNECTION, "close").end(body);
        });
    }
}
