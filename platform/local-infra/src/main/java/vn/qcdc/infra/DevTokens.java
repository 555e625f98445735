package vn.qcdc.infra;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.lang.JoseException;

/**
 * Mints JWTs signed with the <b>DEV-ONLY</b> key pair committed in {@code dev-only-keys/}.
 *
 * <p>
 * Why: the services verify bearer tokens (RS256) exactly as they will against a province's identity provider; tests
 * and the local launcher need tokens with chosen roles and administrative units without running Keycloak. The private
 * key is public knowledge, so <b>a service configured with {@link #publicKeyPem()} trusts anyone</b>: that is only
 * acceptable on a developer machine or in a test.
 *
 * <p>
 * Claims follow MicroProfile JWT ({@code iss}, {@code sub}, {@code upn}, {@code groups}, {@code exp}, {@code iat},
 * {@code jti}) plus the suite's own {@code unit_code} (administrative unit of the caller) and {@code org_type}
 * (e.g. {@code WOMENS_UNION}).
 */
public final class DevTokens {

    /** Issuer of every dev token; services started by the launcher and the tests expect exactly this value. */
    public static final String DEV_ISSUER = "https://dev.qcdc.local/issuer";

    /**
     * Audience ({@code aud}) of every dev token: the services' default {@code mp.jwt.verify.audiences}, so a token
     * minted for another application is refused.
     */
    public static final String DEV_AUDIENCE = "qcdc-suite";

    /** Roles the services understand (MicroProfile JWT {@code groups}). */
    public static final Set<String> ROLES = Set.of("admin", "steering", "unit-officer", "org-officer", "integration",
            "viewer");

    public static final Duration DEFAULT_TTL = Duration.ofHours(1);

    private static final String KEY_DIR = "/dev-only-keys/";
    private static final String PUBLIC_KEY_FILE = "dev-public-key.pem";

    private DevTokens() {
    }

    /**
     * What goes into a token. {@code unitCode} and {@code orgType} may be null (claim omitted); {@code ttl} may be
     * negative to produce an already expired token; {@code audience} null omits {@code aud}; {@code issuedAtShift}
     * moves {@code iat} (and with it {@code exp}) from now; {@code claims} are set last, over any other claim (a
     * claim of the wrong type, for tests of the services' token checks).
     */
    public record TokenSpec(String subject, String name, Set<String> roles, String unitCode, String orgType,
            Duration ttl, String issuer, String audience, Duration issuedAtShift, Map<String, Object> claims) {

        public TokenSpec {
            Objects.requireNonNull(subject, "subject");
            roles = Set.copyOf(Objects.requireNonNull(roles, "roles"));
            ttl = ttl == null ? DEFAULT_TTL : ttl;
            issuer = issuer == null ? DEV_ISSUER : issuer;
            name = name == null ? subject : name;
            issuedAtShift = issuedAtShift == null ? Duration.ZERO : issuedAtShift;
            claims = claims == null ? Map.of() : Map.copyOf(claims);
        }

        /** A spec for one role and unit with a readable subject such as {@code dev-steering-06}. */
        public static TokenSpec of(String role, String unitCode, String orgType) {
            String subject = "dev-" + role + (unitCode == null ? "" : "-" + unitCode)
                    + (orgType == null ? "" : "-" + orgType.toLowerCase(java.util.Locale.ROOT));
            String name = "Dev " + role + (unitCode == null ? "" : " (" + unitCode + ")");
            return new TokenSpec(subject, name, Set.of(role), unitCode, orgType, DEFAULT_TTL, DEV_ISSUER,
                    DEV_AUDIENCE, Duration.ZERO, Map.of());
        }

        public TokenSpec withSubject(String newSubject) {
            return new TokenSpec(newSubject, name, roles, unitCode, orgType, ttl, issuer, audience, issuedAtShift,
                    claims);
        }

        public TokenSpec withName(String newName) {
            return new TokenSpec(subject, newName, roles, unitCode, orgType, ttl, issuer, audience, issuedAtShift,
                    claims);
        }

        public TokenSpec withRoles(Set<String> newRoles) {
            return new TokenSpec(subject, name, newRoles, unitCode, orgType, ttl, issuer, audience, issuedAtShift,
                    claims);
        }

        public TokenSpec withUnitCode(String newUnitCode) {
            return new TokenSpec(subject, name, roles, newUnitCode, orgType, ttl, issuer, audience, issuedAtShift,
                    claims);
        }

        public TokenSpec withOrgType(String newOrgType) {
            return new TokenSpec(subject, name, roles, unitCode, newOrgType, ttl, issuer, audience, issuedAtShift,
                    claims);
        }

        public TokenSpec withTtl(Duration newTtl) {
            return new TokenSpec(subject, name, roles, unitCode, orgType, newTtl, issuer, audience, issuedAtShift,
                    claims);
        }

        public TokenSpec withIssuer(String newIssuer) {
            return new TokenSpec(subject, name, roles, unitCode, orgType, ttl, newIssuer, audience, issuedAtShift,
                    claims);
        }

        public TokenSpec withAudience(String newAudience) {
            return new TokenSpec(subject, name, roles, unitCode, orgType, ttl, issuer, newAudience, issuedAtShift,
                    claims);
        }

        public TokenSpec withIssuedAtShift(Duration shift) {
            return new TokenSpec(subject, name, roles, unitCode, orgType, ttl, issuer, audience, shift, claims);
        }

        /** Sets {@code claim} to {@code value} (any JSON value: a number, a map, a list …) over what is there. */
        public TokenSpec withClaim(String claim, Object value) {
            Map<String, Object> more = new java.util.HashMap<>(claims);
            more.put(claim, value);
            return new TokenSpec(subject, name, roles, unitCode, orgType, ttl, issuer, audience, issuedAtShift,
                    more);
        }
    }

    /** A token with one role, valid for an hour. {@code unitCode} and {@code orgType} may be null. */
    public static String token(String role, String unitCode, String orgType) {
        return token(TokenSpec.of(role, unitCode, orgType));
    }

    public static String token(TokenSpec spec) {
        return sign(spec, Keys.DEV_PRIVATE_KEY, Instant.now().plus(spec.issuedAtShift()));
    }

    /** A correctly signed token that expired an hour ago: the service must answer 401. */
    public static String expiredToken(String role, String unitCode) {
        return sign(TokenSpec.of(role, unitCode, null), Keys.DEV_PRIVATE_KEY, Instant.now().minus(Duration.ofHours(2)));
    }

    /**
     * A well-formed, unexpired token signed by a freshly generated key the services do not know: the service must
     * answer 401 ("invalid signature").
     */
    public static String tokenSignedByStranger(String role, String unitCode) {
        return sign(TokenSpec.of(role, unitCode, null), Stranger.KEY_PAIR.getPrivate(), Instant.now());
    }

    /** The dev public key (PEM, "BEGIN PUBLIC KEY") that services verify dev tokens with. */
    public static String publicKeyPem() {
        return Keys.PUBLIC_KEY_PEM;
    }

    /** Writes {@code dev-public-key.pem} into {@code dir} (created if needed) and returns its path. */
    public static Path writePublicKey(Path dir) {
        try {
            Files.createDirectories(dir);
            Path file = dir.resolve(PUBLIC_KEY_FILE);
            Files.writeString(file, publicKeyPem(), StandardCharsets.US_ASCII);
            return file.toAbsolutePath();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write the dev public key into " + dir, e);
        }
    }

    private static String sign(TokenSpec spec, PrivateKey key, Instant issuedAt) {
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(spec.issuer());
        claims.setSubject(spec.subject());
        claims.setClaim("upn", spec.subject());
        claims.setClaim("preferred_username", spec.subject());
        claims.setClaim("name", spec.name());
        claims.setStringListClaim("groups", new ArrayList<>(spec.roles()));
        if (spec.unitCode() != null) {
            claims.setClaim("unit_code", spec.unitCode());
        }
        if (spec.orgType() != null) {
            claims.setClaim("org_type", spec.orgType());
        }
        claims.setIssuedAt(NumericDate.fromSeconds(issuedAt.getEpochSecond()));
        claims.setExpirationTime(NumericDate.fromSeconds(issuedAt.plus(spec.ttl()).getEpochSecond()));
        claims.setJwtId(UUID.randomUUID().toString());
        if (spec.audience() != null) {
            claims.setAudience(spec.audience());
        }
        spec.claims().forEach(claims::setClaim);

        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setKey(key);
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
        jws.setHeader("typ", "JWT");
        try {
            return jws.getCompactSerialization();
        } catch (JoseException e) {
            throw new IllegalStateException("Could not sign a dev token", e);
        }
    }

    /** Lazily loaded keys, so merely referencing {@link DevTokens#DEV_ISSUER} costs nothing. */
    private static final class Keys {
        static final String PUBLIC_KEY_PEM = resource(PUBLIC_KEY_FILE);
        static final PrivateKey DEV_PRIVATE_KEY = parsePrivateKey(resource("dev-private-key.pem"));

        private static String resource(String file) {
            try (InputStream in = DevTokens.class.getResourceAsStream(KEY_DIR + file)) {
                if (in == null) {
                    throw new IllegalStateException("Missing resource " + KEY_DIR + file);
                }
                return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private static PrivateKey parsePrivateKey(String pem) {
            String base64 = pem.replaceAll("-----(BEGIN|END) PRIVATE KEY-----", "").replaceAll("\\s", "");
            try {
                return KeyFactory.getInstance("RSA")
                        .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("The dev private key is not a PKCS#8 RSA key", e);
            }
        }

    }

    /** Generated only when a test asks for a stranger's token (RSA generation takes a moment). */
    private static final class Stranger {
        static final KeyPair KEY_PAIR = generate();

        private static KeyPair generate() {
            try {
                KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
                generator.initialize(2048);
                return generator.generateKeyPair();
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
