package vn.qcdc.api.security;

import java.time.Duration;
import java.util.function.LongSupplier;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;

import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.JWTCallerPrincipal;
import io.smallrye.jwt.auth.principal.ParseException;

/**
 * Tokens that smallrye-jwt has already verified, so that a client sending the same bearer token on every request
 * pays the signature check and the claims parsing once (they were ~17% of a service's CPU under load; issue 11).
 * <p>
 * The key is the whole compact token, signature included: the same string verified under the same
 * {@link JWTAuthContextInfo} gives the same answer until a time-dependent check could change it. An entry is
 * therefore used only before the token's {@code exp} (plus the clock skew smallrye-jwt allows) and before the end of
 * the maximum token age when one is configured; after that the token goes back to the real parser, which refuses
 * it with its own error. Refused tokens are never kept. An entry is kept at most {@code maxKeep} (so a key removed
 * from a rotated key set stops being trusted soon after), and at most {@code maxSize} entries are kept (least
 * recently used go first), which bounds the memory to a few megabytes.
 */
final class VerifiedTokens {

    /** What was verified, under which settings, and until when (epoch seconds) the verification holds. */
    record Verified(JWTCallerPrincipal principal, JWTAuthContextInfo settings, long validUntil) {
    }

    /** Parses and verifies a token: smallrye-jwt's parser. */
    interface Parser {
        JWTCallerPrincipal parse(String token, JWTAuthContextInfo settings) throws ParseException;
    }

    private final Cache<String, Verified> cache;
    private final LongSupplier nowSeconds;

    VerifiedTokens(long maxSize, Duration maxKeep, LongSupplier nowSeconds) {
        this.nowSeconds = nowSeconds;
        this.cache = Caffeine.newBuilder().maximumSize(maxSize)
                .expireAfter(Expiry.<String, Verified>creating((token, v) -> {
                    long left = Math.max(0, v.validUntil() - nowSeconds.getAsLong());
                    return left < maxKeep.toSeconds() ? Duration.ofSeconds(left) : maxKeep;
                })).build();
    }

    /** The principal of {@code token}: the one verified earlier if it still holds, else {@code parser}'s answer. */
    JWTCallerPrincipal verify(String token, JWTAuthContextInfo settings, Parser parser) throws ParseException {
        Verified known = cache.getIfPresent(token);
        if (known != null && known.settings() == settings && nowSeconds.getAsLong() < known.validUntil()) {
            return known.principal();
        }
        JWTCallerPrincipal principal = parser.parse(token, settings);
        long validUntil = validUntil(principal, settings);
        if (nowSeconds.getAsLong() < validUntil) {
            cache.put(token, new Verified(principal, settings, validUntil));
        }
        return principal;
    }

    /** How many verified tokens are kept now (tests). */
    long size() {
        cache.cleanUp();
        return cache.estimatedSize();
    }

    /**
     * The first second at which smallrye-jwt's time checks could refuse the token: its {@code exp} plus the allowed
     * skew, or {@code iat} plus the maximum token age (without skew: back to the parser early rather than late); 0
     * (never kept) when the principal does not show its times.
     */
    static long validUntil(JWTCallerPrincipal principal, JWTAuthContextInfo settings) {
        long exp = principal.getExpirationTime();
        if (exp <= 0) {
            return 0;
        }
        // smallrye-jwt passes one skew to jose4j: the expiry grace period if set, else the clock skew.
        long skew = settings.getExpGracePeriodSecs() > 0
                ? settings.getExpGracePeriodSecs()
                : Math.max(0, settings.getClockSkew());
        long until = exp + skew;
        Long age = settings.getTokenAge();
        if (age != null) {
            long iat = principal.getIssuedAtTime();
            if (iat <= 0) {
                return 0;
            }
            until = Math.min(until, iat + age);
        }
        return until;
    }
}
