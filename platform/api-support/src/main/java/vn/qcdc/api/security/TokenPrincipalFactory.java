package vn.qcdc.api.security;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;

import io.smallrye.jwt.auth.principal.DefaultJWTCallerPrincipalFactory;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.JWTCallerPrincipal;
import io.smallrye.jwt.auth.principal.JWTCallerPrincipalFactory;
import io.smallrye.jwt.auth.principal.ParseException;

/**
 * smallrye-jwt's own parser, except that a correctly signed token whose standard claims have the wrong JSON shape
 * ({@code groups} as an object or a number) is refused as unparseable (401) instead of escaping as a
 * {@link ClassCastException} (500). The suite's own claims are checked afterwards by {@link TokenChecks}.
 */
@ApplicationScoped
@Alternative
@Priority(1)
public class TokenPrincipalFactory extends JWTCallerPrincipalFactory {

    private final DefaultJWTCallerPrincipalFactory delegate = new DefaultJWTCallerPrincipalFactory();

    @Override
    public JWTCallerPrincipal parse(String token, JWTAuthContextInfo authContextInfo) throws ParseException {
        try {
            return delegate.parse(token, authContextInfo);
        } catch (ClassCastException | IllegalArgumentException | ArrayStoreException e) {
            throw new ParseException("The token's claims do not have the expected types", e);
        }
    }
}
