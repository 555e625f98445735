package vn.qcdc.e2e;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;

import com.icegreen.greenmail.user.MessageDeliveryHandler;
import com.icegreen.greenmail.user.UserManager;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

/**
 * The running suite with real delivery channels around it: an SMTP server (GreenMail) the notification service sends
 * to, a portal's webhook endpoint that verifies signatures, and adjustable clocks with fast ticks so tests move time
 * instead of waiting.
 */
final class ChannelsSuite implements AutoCloseable {

    final GreenMail smtp;
    final SignedWebhookReceiver portal;
    final String webhookSecret;
    final RunningSuite suite;

    ChannelsSuite(String dataPrefix) throws Exception {
        this(dataPrefix, suite -> {
        });
    }

    /** @param configure changes to the suite before it starts (a multi-node rehearsal, more environment) */
    ChannelsSuite(String dataPrefix, java.util.function.Consumer<RunningSuite> configure) throws Exception {
        smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());
        smtp.start();
        // GreenMail makes a recipient's mailbox on its first message without a lock; two replicas' first emails to one
        // address at once can lose one session without an answer (the send then waits out its deadline and a
        // back-off). One lock around finding or making the mailbox; the delivery itself stays concurrent.
        UserManager users = smtp.getUserManager();
        users.setMessageDeliveryHandler(oneMailboxAtATime(users.getMessageDeliveryHandler()));
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        webhookSecret = "whsec_" + Base64.getEncoder().encodeToString(key);
        portal = new SignedWebhookReceiver(webhookSecret);
        suite = RunningSuite.temporary(dataPrefix);
        suite.extraEnv.putAll(Map.of("QCDC_CLOCK_ADJUSTABLE", "true",
                "QCDC_WEBHOOKS_ALLOW_PRIVATE_TARGETS", "true",
                "QCDC_FOLLOWUP_TICK_INTERVAL", "1s",
                "QCDC_DELIVERIES_INTERVAL", "1s",
                "QUARKUS_MAILER_HOST", "127.0.0.1",
                "QUARKUS_MAILER_PORT", String.valueOf(smtp.getSmtp().getPort()),
                "QUARKUS_MAILER_MOCK", "false",
                "QUARKUS_MAILER_FROM", "nhac-viec@qcdc.example.vn"));
        configure.accept(suite);
        suite.start("--no-build");
        suite.awaitReady(Duration.ofMinutes(4));
    }

    private static MessageDeliveryHandler oneMailboxAtATime(MessageDeliveryHandler findOrCreate) {
        return (message, address) -> {
            synchronized (findOrCreate) {
                return findOrCreate.handle(message, address);
            }
        };
    }

    @Override
    public void close() throws Exception {
        try {
            suite.close();
        } finally {
            portal.close();
            smtp.stop();
        }
    }
}
