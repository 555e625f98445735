package vn.qcdc.events.inspection;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import vn.qcdc.events.BodyType;

/**
 * Data of the events inspection-service publishes on {@link vn.qcdc.events.Topics#INSPECTION} (record key: the
 * inspection id for inspection events, the recommendation id for recommendation events). Types are in
 * {@link vn.qcdc.events.EventTypes}. Fields may be added; none is removed or changes meaning within a version.
 */
public final class InspectionEvents {

    private InspectionEvents() {
    }

    /** {@code inspection.scheduled.v1}. */
    public record InspectionScheduled(UUID inspectionId, UUID delegationId, String unitCode, String unitName,
            String steeringUnitCode, LocalDate scheduledDate, int yearAssessed, List<String> topics) {
    }

    /** {@code inspection.concluded.v1}. */
    public record InspectionConcluded(UUID inspectionId, String unitCode, String steeringUnitCode,
            LocalDate conclusionDate, String signer, int recommendationCount, boolean published) {
    }

    /** {@code inspection.closed.v1}: every recommendation verified or cancelled. */
    public record InspectionClosed(UUID inspectionId, String unitCode) {
    }

    /** {@code inspection.cancelled.v1}. */
    public record InspectionCancelled(UUID inspectionId, String unitCode, String reason) {
    }

    /** A body a recommendation is addressed to, e.g. the Women's Union of Xuất Hóa ward. */
    public record Addressee(BodyType bodyType, String unitCode, String name) {
    }

    /**
     * {@code recommendation.issued.v1}, one per recommendation when a conclusion is issued. The notification service
     * plans follow-ups from it: reminders to the addressees before {@code dueDate} (a local date, Asia/Ho_Chi_Minh)
     * and escalation to the steering committee of {@code steeringUnitCode}. {@code conclusionDate} is the date of
     * the conclusion that issued it (a past one for a record entered later; the event's time is when it was entered).
     */
    public record RecommendationIssued(UUID recommendationId, UUID inspectionId, String unitCode, String unitName,
            String steeringUnitCode, String content, String area, String priority, LocalDate dueDate,
            List<Addressee> addressees, LocalDate conclusionDate) {
    }

    /** {@code recommendation.progress-reported.v1}; {@code reportedOn} is the day of the report (a local date). */
    public record RecommendationProgressReported(UUID recommendationId, String unitCode, int percent, String note,
            String reportedBy, LocalDate reportedOn) {
    }

    /**
     * {@code recommendation.completion-reported.v1}: follow-ups pause while the steering side verifies;
     * {@code reportedOn} is the day completion was reported (a local date).
     */
    public record RecommendationCompletionReported(UUID recommendationId, String unitCode, String reportedBy,
            LocalDate reportedOn) {
    }

    /** {@code recommendation.verified.v1}: done; follow-ups end. {@code verifiedOn}: the day (a local date). */
    public record RecommendationVerified(UUID recommendationId, String unitCode, String verifiedBy,
            LocalDate verifiedOn) {
    }

    /** {@code recommendation.rejected.v1}: the completion was not accepted; back in progress, follow-ups resume. */
    public record RecommendationRejected(UUID recommendationId, String unitCode, String reason, String rejectedBy) {
    }

    /** {@code recommendation.deadline-changed.v1}: follow-ups are re-planned. */
    public record RecommendationDeadlineChanged(UUID recommendationId, String unitCode, LocalDate previousDueDate,
            LocalDate dueDate, String reason) {
    }

    /** {@code recommendation.cancelled.v1}: follow-ups end. */
    public record RecommendationCancelled(UUID recommendationId, String unitCode, String reason) {
    }
}
