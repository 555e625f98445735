package vn.qcdc.notification.digest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import vn.qcdc.notification.contact.Contact;
import vn.qcdc.notification.delivery.Delivery.Channel;
import vn.qcdc.notification.delivery.Delivery.Kind;

/** What a digest replaces: the reminders by email and inbox; escalations, model notices and webhooks stay immediate. */
class DigestPolicyTest {

    private static Contact contact(DigestFrequency f) {
        Contact c = new Contact();
        c.digest = f.name();
        return c;
    }

    private static List<Channel> channels(String source, Kind kind, Contact c) {
        List<Channel> out = new ArrayList<>();
        for (Channel ch : Channel.values()) {
            if (DigestPolicy.sends(source, kind, c, ch)) {
                out.add(ch);
            }
        }
        return out;
    }

    @Test
    void aDigestContactGetsItsRemindersOnlyByWebhookAndEverythingElseAtOnce() {
        for (DigestFrequency f : List.of(DigestFrequency.DAILY, DigestFrequency.WEEKLY)) {
            Contact c = contact(f);
            assertEquals(List.of(Channel.WEBHOOK), channels("followup/r/2021-03-31/due", Kind.REMINDER, c));
            assertEquals(List.of(Channel.WEBHOOK),
                    channels("followup/r/2021-03-31/overdue-7d", Kind.OVERDUE_REMINDER, c));
            assertEquals(List.of(Channel.values()), channels("followup/r/2021-03-31/escalate", Kind.ESCALATION, c));
            assertEquals(List.of(Channel.values()), channels("event/model/1", Kind.MODEL_PROPOSED, c));
            assertEquals(List.of(Channel.values()), channels("self-evaluation/2021", Kind.SELF_EVALUATION, c));
        }
    }

    @Test
    void anImmediateContactGetsEveryReminderOnEveryChannel() {
        Contact c = contact(DigestFrequency.IMMEDIATE);
        assertEquals(List.of(Channel.values()), channels("followup/r/2021-03-31/due", Kind.REMINDER, c));
        assertEquals(List.of(Channel.values()),
                channels("followup/r/2021-03-31/overdue-7d", Kind.OVERDUE_REMINDER, c));
    }

    @Test
    void theDigestItselfGoesByEmailAndInboxOnly() {
        assertEquals(List.of(Channel.EMAIL, Channel.INBOX),
                channels("digest/c/daily/2021-02-18", Kind.REMINDER, contact(DigestFrequency.DAILY)));
    }
}
