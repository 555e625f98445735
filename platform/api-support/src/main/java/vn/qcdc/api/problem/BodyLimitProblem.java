package vn.qcdc.api.problem;

import java.util.Optional;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;

/**
 * Answers a body that is too large with a 413 problem in the caller's language, before anything reads it (the HTTP
 * layer's own answer is an empty 413, which would break the error contract that every 4xx is
 * {@code application/problem+json}). Two limits: {@code quarkus.http.limits.max-body-size} for anything (a service
 * raises it for evidence uploads) and {@code qcdc.http.max-json-body-size} (1M) for everything but multipart, so a
 * service that accepts large files still refuses a 10 MB JSON document.
 */
@Singleton
public class BodyLimitProblem {

    void install(@Observes Router router, ObjectMapper mapper,
            @ConfigProperty(name = "quarkus.http.limits.max-body-size") Optional<MemorySize> limit,
            @ConfigProperty(name = "qcdc.http.max-json-body-size", defaultValue = "1M") MemorySize jsonLimit) {
        long maxAny = limit.map(MemorySize::asLongValue).orElse(Long.MAX_VALUE);
        long maxJson = Math.min(maxAny, jsonLimit.asLongValue());
        // after HttpLayerProblems, which sets the headers every response carries
        router.route().order(Integer.MIN_VALUE + 1).handler(ctx -> {
            String type = ctx.request().getHeader(HttpHeaders.CONTENT_TYPE);
            boolean multipart = type != null && type.regionMatches(true, 0, "multipart/", 0, 10);
            long max = multipart ? maxAny : maxJson;
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
            HttpLayerProblems.end(ctx, mapper, 413, "payload-too-large");
        });
    }
}
