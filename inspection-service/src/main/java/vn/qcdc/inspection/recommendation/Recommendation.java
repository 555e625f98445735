package vn.qcdc.inspection.recommendation;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Version;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.hibernate.annotations.DynamicUpdate;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.annotations.Mutability;
import org.hibernate.type.SqlTypes;
import org.hibernate.type.descriptor.java.Immutability;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

import vn.qcdc.events.inspection.InspectionEvents.Addressee;

/**
 * A recommendation (đề nghị, kiến nghị) of a conclusion, addressed to one or more bodies of the inspected unit and
 * followed up to verification: {@code ISSUED → IN_PROGRESS → COMPLETION_REPORTED → VERIFIED}, or {@code CANCELLED}.
 * A rejected completion goes back to {@code IN_PROGRESS}. Overdue is derived, never stored: the due date (a local date
 * in Asia/Ho_Chi_Minh) has passed and it is neither verified nor cancelled.
 */
@Entity
// A change through the entity (the search-key backfill) writes only the columns it changes, not all 24. The follow-up
// transitions do not load it: RecommendationRows locks the row and writes their columns with one UPDATE.
@DynamicUpdate
public class Recommendation extends PanacheEntityBase {

    @Schema(name = "RecommendationStatus")
    public enum Status {
        ISSUED, IN_PROGRESS, COMPLETION_REPORTED, VERIFIED, CANCELLED;

        public boolean finished() {
            return this == VERIFIED || this == CANCELLED;
        }
    }

    @Schema(name = "RecommendationPriority")
    public enum Priority {
        LOW, NORMAL, HIGH, URGENT
    }

    @Id
    public UUID id;
    @Column(name = "inspection_id")
    public UUID inspectionId;
    public int seq;
    public String content;
    @Column(name = "search_key")
    public String searchKey;
    /** The {@code SearchKeys.VERSION} that wrote {@link #searchKey}. */
    @Column(name = "search_version")
    public short searchVersion;
    @Column(name = "unit_code")
    public String unitCode;
    @Column(name = "unit_name")
    public String unitName;
    @Column(name = "steering_unit_code")
    public String steeringUnitCode;
    @Column(name = "year_assessed")
    public int yearAssessed;
    public String area;
    public String priority;
    @Column(name = "due_date")
    public LocalDate dueDate;
    @Column(name = "original_due_date")
    public LocalDate originalDueDate;
    public String status;
    @Mutability(Immutability.class)
    @JdbcTypeCode(SqlTypes.JSON)
    public List<Addressee> addressees;
    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "addressee_types")
    public String[] addresseeTypes;
    @Column(name = "progress_percent")
    public int progressPercent;
    @Column(name = "last_reason")
    public String lastReason;
    @Column(name = "completion_reported_at")
    public OffsetDateTime completionReportedAt;
    @Column(name = "verified_at")
    public OffsetDateTime verifiedAt;
    /** The day completion was reported (a local date); the on-time rate compares it with the original due date. */
    @Column(name = "completion_reported_on")
    public LocalDate completionReportedOn;
    /** The day the steering side verified it (a local date). */
    @Column(name = "verified_on")
    public LocalDate verifiedOn;
    @Column(name = "created_at")
    public OffsetDateTime createdAt;
    @Column(name = "created_by")
    public String createdBy;
    @Column(name = "updated_at")
    public OffsetDateTime updatedAt;
    @Column(name = "updated_by")
    public String updatedBy;
    @Version
    public long version;

    public Status status() {
        return Status.valueOf(status);
    }

    public boolean overdueOn(LocalDate today) {
        return overdue(dueDate, status(), today);
    }

    /** Overdue on {@code today}: due before it and neither verified nor cancelled. */
    public static boolean overdue(LocalDate dueDate, Status status, LocalDate today) {
        return dueDate.isBefore(today) && !status.finished();
    }
}
