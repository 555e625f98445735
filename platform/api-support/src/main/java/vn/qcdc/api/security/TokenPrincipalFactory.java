package vn.qcdc.api.security;

import java.time.Duration;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.smallrye.jwt.auth.principal.DefaultJWTCallerPrincipalFactory;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.JWTCallerPrincipal;
import io.smallrye.jwt.auth.principal.JWTCallerPrincipalFactory;
import io.smallrye.jwt.auth.principal.ParseException;

/**
 * smallrye-jwt's own parser, behind a cache of the tokens it verified ({@link VerifiedTokens}: a client's repeated
 * token is checked once, not on every request), except that a correctly signed token whose standard claims have the
 * wrong JSON shape ({@code groups} as an object or a number) is refused as unparseable (401) instead of escaping as a
 * {@link ClassCastException} (500). The suite's own claims are checked afterwards, on every request, by
 * {@link TokenChecks}.
 */
@ApplicationScoped
@Alternative
@Priority(1)
public class TokenPrincipalFactory extends JWTCallerPrincipalFactory {

    private final DefaultJWTCallerPrincipalFactory delegate = new DefaultJWTCallerPrincipalFactory();

    private final VerifiedTokens verified;

    @Inject
    TokenPrincipalFactory(@ConfigProperty(name = "qcdc.security.verified-tokens", defaultValue = "1000") long size,
            @ConfigProperty(name = "qcdc.security.verified-token-keep", defaultValue = "PT5M") Duration keep) {
        this.verified = new VerifiedTokens(size, keep, () -> System.currentTimeMillis() / 1000);
    }

    @Override
    public JWTCallerPrincipal parse(String token, JWTAuthContextInfo authContextInfo) throws ParseException {
        return verified.verify(token, authContextInfo, this::parseNew);
    }

    private JWTCallerPrincipal parseNew(String token, JWTAuthContextInfo authContextInfo) throws ParseException {
        try {
            return delegate.parse(token, authContextInfo);
        } catch (ClassCastException | IllegalArgumentException | ArrayStoreException e) {
            throw new ParseException("The token's claims do not have the expected types", e);
        }
    }
}
