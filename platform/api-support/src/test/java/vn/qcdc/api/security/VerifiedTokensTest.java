package vn.qcdc.api.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.smallrye.jwt.auth.principal.DefaultJWTCallerPrincipalFactory;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.JWTCallerPrincipal;
import io.smallrye.jwt.auth.principal.ParseException;
import io.smallrye.jwt.util.KeyUtils;

import vn.qcdc.infra.DevTokens;
import vn.qcdc.infra.DevTokens.TokenSpec;

/** The verified-token cache, with smallrye-jwt's real parser and dev tokens; its clock is the test's. */
class VerifiedTokensTest {

    final AtomicLong now = new AtomicLong(System.currentTimeMillis() / 1000);
    final AtomicInteger parsed = new AtomicInteger();
    final DefaultJWTCallerPrincipalFactory real = new DefaultJWTCallerPrincipalFactory();
    final VerifiedTokens.Parser parser = (token, settings) -> {
        parsed.incrementAndGet();
        return real.parse(token, settings);
    };
    JWTAuthContextInfo settings;

    @BeforeEach
    void settings() throws Exception {
        settings = settings(0);
    }

    static JWTAuthContextInfo settings(int grace) throws Exception {
        JWTAuthContextInfo s = new JWTAuthContextInfo(KeyUtils.decodePublicKey(DevTokens.publicKeyPem()),
                DevTokens.DEV_ISSUER);
        s.setExpectedAudience(Set.of(DevTokens.DEV_AUDIENCE));
        s.setExpGracePeriodSecs(grace);
        s.setClockSkew(0);
        return s;
    }

    VerifiedTokens tokens(long size) {
        return new VerifiedTokens(size, Duration.ofMinutes(5), now::get);
    }

    @Test
    void aRepeatedTokenIsVerifiedOnce() throws Exception {
        VerifiedTokens tokens = tokens(100);
        String token = DevTokens.token("steering", "06", null);
        JWTCallerPrincipal first = tokens.verify(token, settings, parser);
        JWTCallerPrincipal again = tokens.verify(token, settings, parser);
        assertSame(first, again);
        assertEquals(1, parsed.get());
        assertEquals("06", again.getClaim("unit_code").toString().replace("\"", ""));
    }

    @Test
    void anExpiredTokenGoesBackToTheParser() throws Exception {
        VerifiedTokens tokens = tokens(100);
        String token = DevTokens.token(TokenSpec.of("steering", "06", null).withTtl(Duration.ofMinutes(2)));
        JWTCallerPrincipal first = tokens.verify(token, settings, parser);
        long exp = first.getExpirationTime();
        now.set(exp - 1);
        tokens.verify(token, settings, parser);
        assertEquals(1, parsed.get(), "still valid a second before exp (with no skew)");
        now.set(exp);
        // The parser (on the wall clock) still accepts it here; what matters is that it is asked again.
        assertNotSame(first, tokens.verify(token, settings, parser));
        assertEquals(2, parsed.get(), "at exp the cached verification no longer holds");
    }

    @Test
    void theAllowedSkewExtendsTheValidity() throws Exception {
        keptUntilExpPlus(settings(30), 30);
    }

    @Test
    void theClockSkewExtendsTheValidityWhenNoGraceIsSet() throws Exception {
        settings.setClockSkew(60);
        keptUntilExpPlus(settings, 60);
    }

    /** A token verified under {@code s} is used until {@code skew} seconds after its exp, not one second longer. */
    void keptUntilExpPlus(JWTAuthContextInfo s, long skew) throws Exception {
        VerifiedTokens tokens = tokens(100);
        String token = DevTokens.token(TokenSpec.of("steering", "06", null).withTtl(Duration.ofMinutes(2)));
        long exp = tokens.verify(token, s, parser).getExpirationTime();
        now.set(exp + skew - 1);
        tokens.verify(token, s, parser);
        assertEquals(1, parsed.get());
        now.set(exp + skew);
        tokens.verify(token, s, parser);
        assertEquals(2, parsed.get());
    }

    @Test
    void aMaximumTokenAgeEndsTheValidityEarlier() throws Exception {
        settings.setTokenAge(60L);
        VerifiedTokens tokens = tokens(100);
        String token = DevTokens.token(TokenSpec.of("steering", "06", null).withTtl(Duration.ofMinutes(10)));
        long iat = tokens.verify(token, settings, parser).getIssuedAtTime();
        now.set(iat + 60);
        tokens.verify(token, settings, parser);
        assertEquals(2, parsed.get());
    }

    @Test
    void refusedTokensAreNeverKept() {
        VerifiedTokens tokens = tokens(100);
        String stranger = DevTokens.tokenSignedByStranger("admin", null);
        String expired = DevTokens.expiredToken("admin", null);
        for (int i = 0; i < 2; i++) {
            assertThrows(ParseException.class, () -> tokens.verify(stranger, settings, parser));
            assertThrows(ParseException.class, () -> tokens.verify(expired, settings, parser));
        }
        assertEquals(4, parsed.get());
        assertEquals(0, tokens.size());
    }

    @Test
    void aTamperedTwinOfAKeptTokenIsRefused() throws Exception {
        VerifiedTokens tokens = tokens(100);
        String token = DevTokens.token("steering", "06", null);
        tokens.verify(token, settings, parser);
        String[] parts = token.split("\\.");
        String admin = DevTokens.token("admin", null, null).split("\\.")[1];
        String twin = parts[0] + "." + admin + "." + parts[2];
        assertThrows(ParseException.class, () -> tokens.verify(twin, settings, parser));
    }

    @Test
    void otherSettingsVerifyAgain() throws Exception {
        VerifiedTokens tokens = tokens(100);
        String token = DevTokens.token("steering", "06", null);
        tokens.verify(token, settings, parser);
        JWTAuthContextInfo other = settings(0);
        other.setExpectedAudience(Set.of("another-application"));
        assertThrows(ParseException.class, () -> tokens.verify(token, other, parser));
        assertEquals(2, parsed.get());
    }

    @Test
    void theCacheIsBounded() throws Exception {
        VerifiedTokens tokens = tokens(3);
        for (int i = 0; i < 20; i++) {
            tokens.verify(DevTokens.token(TokenSpec.of("steering", "06", null).withSubject("user-" + i)), settings,
                    parser);
        }
        assertEquals(3, tokens.size());
    }
}
