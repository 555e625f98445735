package vn.qcdc.notification.delivery;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.quarkus.mailer.Mail;
import io.quarkus.mailer.reactive.ReactiveMailer;
import io.smallrye.mutiny.TimeoutException;

/**
 * Email over SMTP (quarkus-mailer). Called outside any database transaction, with a hard deadline: the send either
 * completes (the SMTP server accepted the message) within it or counts as a failed attempt. The delivery id goes into
 * a header so a recipient's system can drop a rare duplicate (a crash between acceptance and recording resends it).
 */
@ApplicationScoped
public class EmailChannel {

    @Inject
    ReactiveMailer mailer;

    @Inject
    DeliveryConfig config;

    public Outcome send(Delivery d) {
        Duration deadline = config.sendTimeout();
        try {
            mailer.send(Mail.withText(d.recipient, d.subject, d.body).addHeader("X-QCDC-Delivery-Id",
                    d.id.toString())).await().atMost(deadline);
            return Outcome.ok();
        } catch (TimeoutException e) {
            return Outcome.retry("SMTP: no answer within " + deadline.toSeconds() + " s");
        } catch (RuntimeException e) {
            return Outcome.retry("SMTP: " + rootMessage(e));
        }
    }

    static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getClass().getSimpleName() + ": " + t.getMessage();
    }
}
