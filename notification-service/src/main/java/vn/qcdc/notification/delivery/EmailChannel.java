package vn.qcdc.notification.delivery;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.quarkus.mailer.Mail;
import io.quarkus.mailer.Mailer;

/**
 * Email over SMTP (quarkus-mailer). The call returns once the SMTP server accepted the message; only then is the
 * delivery marked sent. The delivery id goes into a header so a recipient's system can drop a rare duplicate.
 */
@ApplicationScoped
public class EmailChannel {

    @Inject
    Mailer mailer;

    public Outcome send(Delivery d) {
        try {
            mailer.send(Mail.withText(d.recipient, d.subject, d.body).addHeader("X-QCDC-Delivery-Id",
                    d.id.toString()));
            return Outcome.ok();
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
