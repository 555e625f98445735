package vn.qcdc.notification.digest;

import vn.qcdc.notification.contact.Contact;
import vn.qcdc.notification.delivery.Delivery;

/**
 * Which channels a notification takes for a contact that chose a digest. The digest (by email and inbox) covers the
 * reminders before, on and after the due date, so those are not sent on their own by email or inbox; everything
 * else stays immediate: escalations (they go to the unit above precisely because waiting did not work, and a weekly
 * digest could hold one back for a week), the notices of models, and webhook calls (a portal is a machine that
 * keeps its own lists; the digest does not go to webhooks).
 */
public final class DigestPolicy {

    /** Every digest's delivery source starts with this: {@code digest/<contact>/<period>}. */
    public static final String SOURCE_PREFIX = "digest/";

    private DigestPolicy() {
    }

    public static boolean sends(String source, Delivery.Kind kind, Contact c, Delivery.Channel channel) {
        if (source.startsWith(SOURCE_PREFIX)) {
            return channel != Delivery.Channel.WEBHOOK;
        }
        boolean folded = (kind == Delivery.Kind.REMINDER || kind == Delivery.Kind.OVERDUE_REMINDER)
                && c.digest != null && !DigestFrequency.IMMEDIATE.name().equals(c.digest);
        return !folded || channel == Delivery.Channel.WEBHOOK;
    }
}
