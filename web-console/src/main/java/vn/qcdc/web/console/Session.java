package vn.qcdc.web.console;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.HttpHeaders;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.oidc.AccessTokenCredential;
import io.quarkus.security.identity.SecurityIdentity;

/**
 * Who is signed in. In production the province's OIDC provider signs officers in (authorization-code flow,
 * {@code quarkus.oidc.*}, off by default) and its access token is forwarded to the services. Locally, with the
 * committed dev key allowed, the dev sign-in page mints a dev token kept in an HttpOnly cookie; the services refuse
 * such tokens in production, and so does this page.
 */
@ApplicationScoped
public class Session {

    static final String COOKIE = "qcdc_officer";

    @ConfigProperty(name = "quarkus.oidc.tenant-enabled", defaultValue = "false")
    boolean oidc;

    @ConfigProperty(name = "qcdc.security.dev-keys-allowed", defaultValue = "false")
    boolean devKeysAllowed;

    @Inject
    Instance<SecurityIdentity> identity;

    /** The dev sign-in works only where the services accept the dev key, and never beside a real provider. */
    public boolean devSignIn() {
        return devKeysAllowed && !oidc;
    }

    public boolean oidc() {
        return oidc;
    }

    /** The officer of this request, or null when nobody is signed in. */
    public Officer officer(HttpHeaders headers) {
        if (oidc) {
            SecurityIdentity id = identity.get();
            AccessTokenCredential at = id == null || id.isAnonymous()
                    ? null
                    : id.getCredential(AccessTokenCredential.class);
            return at == null ? null : Officer.fromToken(at.getToken());
        }
        if (!devSignIn()) {
            return null;
        }
        var c = headers.getCookies().get(COOKIE);
        return c == null || c.getValue().isBlank() ? null : Officer.fromToken(c.getValue());
    }
}
