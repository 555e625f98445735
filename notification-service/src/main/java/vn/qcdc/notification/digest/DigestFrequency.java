package vn.qcdc.notification.digest;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * How a contact wants its follow-up reminders: each one at once, or gathered in one digest a day or a week (sent at
 * the digest hour of a working day; a weekly one on the first working day of the week).
 */
@Schema(name = "DigestFrequency")
public enum DigestFrequency {
    IMMEDIATE, DAILY, WEEKLY
}
