package vn.qcdc.notification.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * SSRF: with {@code qcdc.webhooks.allow-private-targets=false} (the production default) no webhook may target the
 * service's own network; and the signature matches the Standard Webhooks reference vector.
 */
class TargetGuardTest {

    @Test
    void privateLoopbackAndLinkLocalTargetsAreRefusedWhenNotAllowed() {
        TargetGuard guard = new TargetGuard(false);
        for (String url : List.of("http://127.0.0.1:8080/hook", "http://localhost/hook", "http://10.1.2.3/h",
                "http://192.168.0.10/h", "http://172.16.5.4/h", "http://169.254.169.254/latest/meta-data",
                "http://[::1]/h", "http://[fd00::1]/h", "http://0.0.0.0/h", "http://100.64.0.1/h")) {
            assertEquals("webhook-url-private", guard.refusal(url), url);
        }
        assertNull(guard.refusal("https://8.8.8.8/hook"), "a public address is allowed");
        assertEquals("webhook-url-invalid", guard.refusal("file:///etc/passwd"));
        assertEquals("webhook-url-invalid", guard.refusal("https://user:pw@portal.example.vn/h"));
    }

    @Test
    void privateTargetsAreAllowedOnlyByConfiguration() {
        assertNull(new TargetGuard(true).refusal("http://127.0.0.1:8080/hook"));
    }

    @Test
    void signatureMatchesTheStandardWebhooksReferenceVector() {
        String sig = WebhookSigner.sign("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
                "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330L, "{\"test\": 2432232314}");
        assertEquals("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=", sig);
        String both = WebhookSigner.signatureHeader(List.of("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw3Ivqf9B4A0g=",
                "whsec_c2VjcmV0LXJvdGF0ZWQtMjAyMS0wMS0wMS14eHh4eHg="), "msg_p5jXN8AQM9LWM0D4loKWxJek",
                1614265330L, "{\"test\": 2432232314}");
        assertEquals(2, both.split(" ").length, "during a rotation both signatures are sent");
    }
}
