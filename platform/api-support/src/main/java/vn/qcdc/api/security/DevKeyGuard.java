package vn.qcdc.api.security;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.StartupEvent;

/**
 * Makes the dev-only tokens impossible in production: the repository ships a public dev key pair so that anyone can
 * mint tokens for the local suite, so a production service that trusted that key would trust everyone. In prod mode
 * a service refuses to start when its verification key is the dev key, unless {@code qcdc.security.dev-keys-allowed}
 * is set (the local launcher sets it; a real deployment never does).
 */
public class DevKeyGuard {

    private static final Logger LOG = Logger.getLogger(DevKeyGuard.class);
    /** SHA-256 of the base64 body of platform/local-infra/…/dev-only-keys/dev-public-key.pem (no PEM lines). */
    static final String DEV_KEY_SHA256 = "9105c14833a7a0adac0a901f958422d19895b6cccf6aaca52aa9c2dbca0c2ccb";

    void check(@Observes StartupEvent ev,
            @ConfigProperty(name = "mp.jwt.verify.publickey.location") Optional<String> location,
            @ConfigProperty(name = "mp.jwt.verify.publickey") Optional<String> inline,
            @ConfigProperty(name = "qcdc.security.dev-keys-allowed", defaultValue = "false") boolean allowed) {
        if (LaunchMode.current() != LaunchMode.NORMAL || allowed) {
            return;
        }
        boolean dev = inline.map(DevKeyGuard::isDevKey).orElse(false)
                || location.flatMap(DevKeyGuard::read).map(DevKeyGuard::isDevKey).orElse(false);
        if (dev) {
            throw new IllegalStateException("Refusing to start: the JWT verification key is the public DEV-ONLY key."
                    + " Configure the identity provider's key (mp.jwt.verify.publickey.location) for production.");
        }
        if (location.isEmpty() && inline.isEmpty()) {
            LOG.warn("No JWT verification key is configured (mp.jwt.verify.publickey.location): every request with"
                    + " a token will be refused.");
        }
    }

    static boolean isDevKey(String pem) {
        String body = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        try {
            byte[] sha = MessageDigest.getInstance("SHA-256").digest(body.getBytes(StandardCharsets.US_ASCII));
            return DEV_KEY_SHA256.equals(HexFormat.of().formatHex(sha));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Optional<String> read(String location) {
        try {
            if (location.startsWith("http:") || location.startsWith("https:")) {
                return Optional.empty(); // a JWKS endpoint of an identity provider
            }
            Path path = location.startsWith("file:") ? Path.of(URI.create(location)) : Path.of(location);
            if (Files.isRegularFile(path)) {
                return Optional.of(Files.readString(path));
            }
            try (InputStream in = Thread.currentThread().getContextClassLoader()
                    .getResourceAsStream(location.replaceFirst("^classpath:", ""))) {
                return in == null
                        ? Optional.empty()
                        : Optional.of(new String(in.readAllBytes(), StandardCharsets.US_ASCII));
            }
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
