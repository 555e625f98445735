package vn.qcdc.api.security;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

import org.junit.jupiter.api.Test;

class DevKeyGuardTest {

    @Test
    void recognisesTheCommittedDevKeyWhateverItsLineBreaks() throws IOException {
        String pem;
        try (InputStream in = getClass().getResourceAsStream("/dev-only-keys/dev-public-key.pem")) {
            pem = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        }
        assertTrue(DevKeyGuard.isDevKey(pem));
        assertTrue(DevKeyGuard.isDevKey(pem.replace("\n", "\r\n")));
    }

    @Test
    void anyOtherKeyIsNotTheDevKey() throws NoSuchAlgorithmException {
        KeyPairGenerator gen = KeyPairGenerator.getInstance("RSA");
        gen.initialize(2048);
        String other = "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder().encodeToString(gen.generateKeyPair().getPublic().getEncoded())
                + "\n-----END PUBLIC KEY-----\n";
        assertFalse(DevKeyGuard.isDevKey(other));
    }
}
