package vn.qcdc.notification.delivery;

/** What a channel made of one attempt: accepted, failed for now (retry later) or failed for good. */
public record Outcome(boolean accepted, boolean permanent, String error) {

    public static Outcome ok() {
        return new Outcome(true, false, null);
    }

    public static Outcome retry(String error) {
        return new Outcome(false, false, error);
    }

    public static Outcome giveUp(String error) {
        return new Outcome(false, true, error);
    }
}
