package vn.qcdc.api.security;

import java.time.Duration;
import java.util.Collection;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.JsonString;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.smallrye.mutiny.Uni;

/**
 * What the suite requires of a token beyond its signature, issuer, audience and expiry (which smallrye-jwt checks):
 * a bounded lifetime ({@code exp - iat} at most {@code qcdc.security.max-token-lifetime}, 24 h by default), an
 * {@code iat} not in the future beyond {@code qcdc.security.clock-skew}, and the suite's claims of the right type
 * ({@code unit_code}, {@code org_type}, {@code name}: strings; {@code groups}: a list of strings). A token that fails
 * is refused like a badly signed one (401), so a broken claim mapping at an identity provider shows as "not
 * authenticated", never as a server error or as a caller without limits.
 */
@ApplicationScoped
public class TokenChecks implements SecurityIdentityAugmentor {

    @ConfigProperty(name = "qcdc.security.max-token-lifetime", defaultValue = "PT24H")
    Duration maxLifetime;

    @ConfigProperty(name = "qcdc.security.clock-skew", defaultValue = "PT60S")
    Duration clockSkew;

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        if (identity.getPrincipal() instanceof JsonWebToken jwt) {
            // The wall clock on purpose, not the suite's adjustable one: token times come from the identity
            // provider's real clock, as smallrye-jwt's expiry check assumes.
            check(jwt, System.currentTimeMillis() / 1000);
        }
        return Uni.createFrom().item(identity);
    }

    void check(JsonWebToken jwt, long nowSeconds) {
        Long iat = number(jwt.getClaim("iat"));
        Long exp = number(jwt.getClaim("exp"));
        // Without both the lifetime cannot be bounded: refused rather than trusted for ever.
        if (iat == null || exp == null) {
            throw refused("the token has no iat or exp");
        }
        if (iat > nowSeconds + clockSkew.toSeconds()) {
            throw refused("the token is issued in the future");
        }
        if (exp - iat > maxLifetime.toSeconds()) {
            throw refused("the token lives longer than " + maxLifetime);
        }
        for (String claim : new String[]{Caller.UNIT_CLAIM, Caller.ORG_CLAIM, "name"}) {
            string(jwt.getClaim(claim));
        }
        Object groups = jwt.getClaim("groups");
        if (groups != null && !(groups instanceof Collection<?> c && c.stream().allMatch(TokenChecks::isString))) {
            throw refused("groups is not a list of strings");
        }
    }

    /** A string claim's value; empty when absent; refused (401) when the claim is of another JSON type. */
    public static Optional<String> string(Object claim) {
        if (claim == null) {
            return Optional.empty();
        }
        if (claim instanceof String s) {
            return Optional.of(s);
        }
        if (claim instanceof JsonString s) {
            return Optional.of(s.getString());
        }
        throw refused("a claim that must be a string is not");
    }

    private static boolean isString(Object o) {
        return o instanceof String || o instanceof JsonString;
    }

    private static Long number(Object o) {
        if (o instanceof Long l) {
            return l;
        }
        if (o instanceof Number n) {
            return n.longValue();
        }
        if (o instanceof jakarta.json.JsonNumber n) {
            return n.longValue();
        }
        return null;
    }

    private static AuthenticationFailedException refused(String why) {
        return new AuthenticationFailedException(why);
    }
}
