package vn.qcdc.events.notification;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * Data of the events notification-service publishes on {@link vn.qcdc.events.Topics#NOTIFICATION}, so portals can
 * follow reminders and escalations over Kafka too (record key: the recommendation id, or the delivery id).
 */
public final class NotificationEvents {

    private NotificationEvents() {
    }

    /** {@code followup.reminder-sent.v1}. */
    public record ReminderSent(UUID recommendationId, String step, String recipient, String channel,
            OffsetDateTime sentAt) {
    }

    /** {@code followup.recommendation-overdue.v1}: published once, on the first day after the due date. */
    public record RecommendationOverdue(UUID recommendationId, String unitCode, LocalDate dueDate) {
    }

    /** {@code followup.escalated.v1}. */
    public record RecommendationEscalated(UUID recommendationId, String unitCode, String escalatedToUnitCode,
            int daysOverdue) {
    }

    /** {@code notification.delivery-failed.v1}: a delivery gave up after its retries. */
    public record DeliveryFailed(UUID deliveryId, String channel, String recipient, String reason, int attempts) {
    }
}
