package vn.qcdc.notification;

import java.util.Map;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/** A real SMTP server (GreenMail) on a free port; the mailer sends to it for real ({@code quarkus.mailer.mock=false}). */
public class SmtpServerResource implements QuarkusTestResourceLifecycleManager {

    private static GreenMail server;

    @Override
    public synchronized Map<String, String> start() {
        if (server == null) {
            ServerSetup setup = new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort();
            server = new GreenMail(setup);
            server.start();
            serialiseFirstDeliveries(server);
        }
        return Map.of("quarkus.mailer.host", "127.0.0.1", "quarkus.mailer.port",
                String.valueOf(server.getSmtp().getPort()), "quarkus.mailer.mock", "false",
                "quarkus.mailer.from", "nhac-viec@qcdc.example.vn");
    }

    @Override
    public synchronized void stop() {
        if (server != null) {
            server.stop();
            server = null;
        }
    }

    /**
     * GreenMail makes a mailbox for an address on its first message, with a check-then-create that holds no lock: two
     * SMTP sessions finishing their first messages to one address at the same moment can both try, and the loser's
     * session is closed without an answer to DATA (the sender sees no reply and retries later). Finding or making the
     * recipient's mailbox under one lock removes that test-server race; delivering into it stays concurrent.
     */
    static void serialiseFirstDeliveries(GreenMail mail) {
        var users = mail.getUserManager();
        var findOrCreate = users.getMessageDeliveryHandler();
        Object lock = new Object();
        users.setMessageDeliveryHandler((message, address) -> {
            synchronized (lock) {
                return findOrCreate.handle(message, address);
            }
        });
    }

    public static GreenMail server() {
        return server;
    }
}
