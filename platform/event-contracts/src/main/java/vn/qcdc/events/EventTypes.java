package vn.qcdc.events;

/**
 * CloudEvents {@code type} values of the suite. Every type is versioned: an incompatible change of a payload is a
 * new type ({@code …v2}), never an edit of an existing one.
 */
public final class EventTypes {

    public static final String PREFIX = "vn.qcdc.";

    // Backbone self-test.
    public static final String PROBE_RECORDED = PREFIX + "probe.recorded.v1";

    // inspection-service
    public static final String INSPECTION_SCHEDULED = PREFIX + "inspection.scheduled.v1";
    public static final String INSPECTION_CONCLUDED = PREFIX + "inspection.concluded.v1";
    public static final String INSPECTION_CLOSED = PREFIX + "inspection.closed.v1";
    public static final String INSPECTION_CANCELLED = PREFIX + "inspection.cancelled.v1";
    public static final String RECOMMENDATION_ISSUED = PREFIX + "recommendation.issued.v1";
    public static final String RECOMMENDATION_PROGRESS_REPORTED = PREFIX + "recommendation.progress-reported.v1";
    public static final String RECOMMENDATION_COMPLETION_REPORTED = PREFIX + "recommendation.completion-reported.v1";
    public static final String RECOMMENDATION_VERIFIED = PREFIX + "recommendation.verified.v1";
    public static final String RECOMMENDATION_REJECTED = PREFIX + "recommendation.rejected.v1";
    public static final String RECOMMENDATION_DEADLINE_CHANGED = PREFIX + "recommendation.deadline-changed.v1";
    public static final String RECOMMENDATION_CANCELLED = PREFIX + "recommendation.cancelled.v1";

    // model-registry-service
    public static final String MODEL_REGISTERED = PREFIX + "model.registered.v1";
    public static final String MODEL_UPDATED = PREFIX + "model.updated.v1";
    public static final String MODEL_RESULTS_REPORTED = PREFIX + "model.results-reported.v1";
    public static final String MODEL_STATUS_CHANGED = PREFIX + "model.status-changed.v1";
    public static final String MODEL_RECOGNISED = PREFIX + "model.recognised.v1";
    public static final String MODEL_NOT_RECOGNISED = PREFIX + "model.not-recognised.v1";
    public static final String MODEL_WITHDRAWN = PREFIX + "model.withdrawn.v1";

    // notification-service
    public static final String REMINDER_SENT = PREFIX + "followup.reminder-sent.v1";
    public static final String RECOMMENDATION_OVERDUE = PREFIX + "followup.recommendation-overdue.v1";
    public static final String RECOMMENDATION_ESCALATED = PREFIX + "followup.escalated.v1";
    public static final String DELIVERY_FAILED = PREFIX + "notification.delivery-failed.v1";

    private EventTypes() {
    }
}
