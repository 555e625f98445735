package vn.qcdc.web.backend;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import vn.qcdc.infra.DevTokens;

/**
 * The console's own token for the one thing the public pages read behind a token: the administrative units
 * ({@code /api/v1/units} answers any signed-in role). Production: a token of the province's identity provider (role
 * {@code viewer}) that the platform keeps fresh in a file ({@code qcdc.web.service-token-file}, re-read every
 * minute, e.g. a Kubernetes projected token or an agent's output). Locally, where the services accept the committed
 * dev key, a dev {@code viewer} token minted here and renewed before it expires. Without either, the units cannot be
 * read and the public pages say "try again later".
 */
@ApplicationScoped
public class ServiceToken {

    private static final Logger LOG = Logger.getLogger(ServiceToken.class);
    private static final Duration REREAD = Duration.ofMinutes(1);

    @ConfigProperty(name = "qcdc.security.dev-keys-allowed", defaultValue = "false")
    boolean devKeysAllowed;

    @ConfigProperty(name = "qcdc.web.service-token-file")
    Optional<String> tokenFile;

    private volatile String token;
    private volatile Instant renewAt = Instant.EPOCH;

    /** Headers that carry the token, or none when there is no token to use. */
    public Map<String, String> headers() {
        String t = current();
        return t == null ? Map.of() : Map.of("Authorization", "Bearer " + t);
    }

    private String current() {
        Instant now = Instant.now();
        if (token != null && now.isBefore(renewAt)) {
            return token;
        }
        synchronized (this) {
            if (token != null && now.isBefore(renewAt)) {
                return token;
            }
            if (tokenFile.isPresent()) {
                try {
                    token = Files.readString(Path.of(tokenFile.get()), StandardCharsets.US_ASCII).strip();
                } catch (IOException e) {
                    LOG.warnf("Cannot read the service token file %s: %s", tokenFile.get(), e.toString());
                }
                renewAt = now.plus(REREAD);
            } else if (devKeysAllowed) {
                DevTokens.TokenSpec spec = DevTokens.TokenSpec.of("viewer", null, null).withSubject("web-console");
                token = DevTokens.token(spec);
                renewAt = now.plus(spec.ttl().dividedBy(2));
            }
            return token;
        }
    }
}
