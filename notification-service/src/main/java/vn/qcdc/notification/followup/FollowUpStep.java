package vn.qcdc.notification.followup;

import java.time.OffsetDateTime;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** One planned step of a follow-up plan (bước đôn đốc): a reminder, the overdue notice or the escalation. */
@Entity
@Table(name = "followup_step")
public class FollowUpStep extends PanacheEntityBase {

    @Schema(name = "FollowUpStepKind")
    public enum Kind {
        /** Before or on the due date. */
        REMINDER,
        /** The first day after the due date: announces the recommendation as overdue (an event, no message). */
        OVERDUE,
        /** Every few days while overdue. */
        OVERDUE_REMINDER,
        /** The steering committee of the unit above is told. */
        ESCALATION
    }

    @Schema(name = "FollowUpStepStatus")
    public enum Status {
        PLANNED, DONE, CANCELLED
    }

    @Id
    public UUID id;
    @Column(name = "recommendation_id")
    public UUID recommendationId;
    @Column(name = "step_key")
    public String stepKey;
    public String kind;
    @Column(name = "due_at")
    public OffsetDateTime dueAt;
    public String status;
    @Column(name = "done_at")
    public OffsetDateTime doneAt;
    public int deliveries;
}
