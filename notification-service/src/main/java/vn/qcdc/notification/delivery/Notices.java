package vn.qcdc.notification.delivery;

import java.util.Locale;

import vn.qcdc.api.problem.Messages;

/**
 * The texts of notifications in the recipient's language (Vietnamese or English), from the service's message
 * bundles ({@code notice.<kind>.subject} / {@code notice.<kind>.body}), so a translator edits properties, not code.
 */
public final class Notices {

    private Notices() {
    }

    public record Text(String subject, String body) {
    }

    public static Text render(Delivery.Kind kind, String language, Object... args) {
        Locale locale = "en".equals(language) ? Locale.ENGLISH : Messages.VIETNAMESE;
        String base = "notice." + kind.name().toLowerCase(Locale.ROOT).replace('_', '-');
        return new Text(Messages.format(locale, base + ".subject", args), Messages.format(locale, base + ".body",
                args));
    }
}
