package vn.qcdc.notification.followup;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.annotations.Mutability;
import org.hibernate.type.SqlTypes;
import org.hibernate.type.descriptor.java.Immutability;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

import vn.qcdc.events.inspection.InspectionEvents.Addressee;

/**
 * The follow-up plan (kế hoạch đôn đốc) of one issued recommendation: reminders to its addressees around its due
 * date and escalation when it stays overdue. Paused while a reported completion is being verified, ended by
 * verification or cancellation.
 */
@Entity
@Table(name = "followup_plan")
public class FollowUpPlan extends PanacheEntityBase {

    @Schema(name = "FollowUpPlanStatus")
    public enum Status {
        ACTIVE, PAUSED, ENDED
    }

    @Id
    @Column(name = "recommendation_id")
    public UUID recommendationId;
    @Column(name = "inspection_id")
    public UUID inspectionId;
    @Column(name = "unit_code")
    public String unitCode;
    @Column(name = "unit_name")
    public String unitName;
    @Column(name = "steering_unit_code")
    public String steeringUnitCode;
    public String content;
    public String area;
    public String priority;
    @Column(name = "due_date")
    public LocalDate dueDate;
    @Mutability(Immutability.class)
    @JdbcTypeCode(SqlTypes.JSON)
    public List<Addressee> addressees;
    public String status;
    @Column(name = "end_reason")
    public String endReason;
    @Column(name = "overdue_announced")
    public boolean overdueAnnounced;
    @Column(name = "escalated_to")
    public String escalatedTo;
    /**
     * When following started (the plan's creation): a deadline already past then belongs to history and is handled
     * by {@link FollowUpConfig#overdueAtStart()}, never by reminders or an escalation for a moment already gone.
     */
    @Column(name = "follow_from")
    public OffsetDateTime followFrom;
    @Column(name = "created_at")
    public OffsetDateTime createdAt;
    @Column(name = "updated_at")
    public OffsetDateTime updatedAt;
    @Version
    public long version;

    public Status status() {
        return Status.valueOf(status);
    }
}
