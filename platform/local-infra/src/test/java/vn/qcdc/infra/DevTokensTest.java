package vn.qcdc.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Set;

import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DevTokensTest {

    @TempDir
    Path dir;

    @Test
    void tokenVerifiesWithTheDevPublicKey() throws Exception {
        JwtClaims claims = consumer().processToClaims(DevTokens.token("org-officer", "06", "WOMENS_UNION"));
        assertEquals(DevTokens.DEV_ISSUER, claims.getIssuer());
        assertEquals(List.of(DevTokens.DEV_AUDIENCE), claims.getAudience());
        assertEquals(List.of("org-officer"), claims.getStringListClaimValue("groups"));
        assertEquals("06", claims.getStringClaimValue("unit_code"));
        assertEquals("WOMENS_UNION", claims.getStringClaimValue("org_type"));
        assertEquals(claims.getSubject(), claims.getStringClaimValue("upn"));
        assertTrue(claims.getExpirationTime().getValue() > claims.getIssuedAt().getValue());
        assertFalse(claims.getJwtId().isBlank());
    }

    @Test
    void specControlsEveryClaim() throws Exception {
        String token = DevTokens.token(DevTokens.TokenSpec.of("admin", null, null)
                .withSubject("alice").withName("Alice").withRoles(Set.of("admin", "viewer"))
                .withTtl(Duration.ofMinutes(5)));
        JwtClaims claims = consumer().processToClaims(token);
        assertEquals("alice", claims.getSubject());
        assertEquals("Alice", claims.getStringClaimValue("name"));
        assertEquals(Set.of("admin", "viewer"), Set.copyOf(claims.getStringListClaimValue("groups")));
        assertFalse(claims.hasClaim("unit_code"));
        assertEquals(300, claims.getExpirationTime().getValue() - claims.getIssuedAt().getValue());
    }

    @Test
    void expiredAndStrangerTokensAreRejected() {
        assertThrows(InvalidJwtException.class,
                () -> consumer().processToClaims(DevTokens.expiredToken("viewer", "06")));
        assertThrows(InvalidJwtException.class,
                () -> consumer().processToClaims(DevTokens.tokenSignedByStranger("admin", null)));
    }

    @Test
    void writesThePublicKey() throws Exception {
        Path file = DevTokens.writePublicKey(dir.resolve("keys"));
        assertEquals(DevTokens.publicKeyPem(), Files.readString(file));
    }

    private static JwtConsumer consumer() throws Exception {
        String base64 = DevTokens.publicKeyPem().replaceAll("-----(BEGIN|END) PUBLIC KEY-----", "")
                .replaceAll("\\s", "");
        PublicKey key = KeyFactory.getInstance("RSA")
                .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(base64)));
        return new JwtConsumerBuilder()
                .setVerificationKey(key)
                .setExpectedIssuer(DevTokens.DEV_ISSUER)
                .setExpectedAudience(DevTokens.DEV_AUDIENCE)
                .setRequireExpirationTime()
                .setJwsAlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT,
                        AlgorithmIdentifiers.RSA_USING_SHA256)
                .build();
    }
}
