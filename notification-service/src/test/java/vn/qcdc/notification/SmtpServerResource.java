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

    public static GreenMail server() {
        return server;
    }
}
