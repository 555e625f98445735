package vn.qcdc.notification.delivery;

import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Version;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/**
 * A delivery (lượt gửi thông báo): one notification to one recipient on one channel, with its attempts. Unique per
 * (source, recipient, channel): whatever runs twice, a reminder step reaches each recipient on each channel once.
 */
@Entity
public class Delivery extends PanacheEntityBase {

    @Schema(name = "DeliveryChannel")
    public enum Channel {
        EMAIL, WEBHOOK, INBOX
    }

    @Schema(name = "DeliveryStatus")
    public enum Status {
        PENDING, SENT, FAILED
    }

    /** What a notification is about. */
    @Schema(name = "DeliveryKind")
    public enum Kind {
        REMINDER, OVERDUE_REMINDER, ESCALATION, MODEL_PROPOSED, MODEL_RECOGNISED, MODEL_NOT_RECOGNISED, SELF_EVALUATION;

        public boolean isFollowUp() {
            return this == REMINDER || this == OVERDUE_REMINDER || this == ESCALATION;
        }
    }

    @Id
    public UUID id;
    /** Where it comes from: {@code followup/<recommendation>/<step>}, {@code event/<id>} or {@code self-evaluation/<year>}. */
    public String source;
    @Column(name = "source_kind")
    public String sourceKind;
    @Column(name = "recommendation_id")
    public UUID recommendationId;
    @Column(name = "step_key")
    public String stepKey;
    @Column(name = "unit_code")
    public String unitCode;
    @Column(name = "contact_id")
    public UUID contactId;
    public String channel;
    public String recipient;
    @Column(name = "webhook_endpoint_id")
    public UUID webhookEndpointId;
    public String language;
    public String subject;
    public String body;
    @JdbcTypeCode(SqlTypes.JSON)
    public Map<String, Object> payload;
    public String status;
    public int attempts;
    @Column(name = "next_attempt_at")
    public OffsetDateTime nextAttemptAt;
    @Column(name = "last_error")
    public String lastError;
    @Column(name = "created_at")
    public OffsetDateTime createdAt;
    @Column(name = "sent_at")
    public OffsetDateTime sentAt;
    @Column(name = "updated_at")
    public OffsetDateTime updatedAt;
    /** Until when a worker holds this delivery while sending it (real time, not the business clock). */
    @Column(name = "lease_until")
    public OffsetDateTime leaseUntil;
    /** Which claim holds the lease: only that claim may record the outcome. */
    @Column(name = "lease_token")
    public UUID leaseToken;
    @Version
    public long version;

    public Channel channel() {
        return Channel.valueOf(channel);
    }

    public Kind kind() {
        return Kind.valueOf(sourceKind);
    }
}
