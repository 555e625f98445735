package vn.qcdc.inspection.inspection;

import java.time.LocalDate;
import java.time.OffsetDateTime;
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
 * An inspection (buổi làm việc, kiểm tra): a delegation's working session at a ward or commune, e.g. the Bắc Kạn
 * provincial delegation at Xuất Hóa ward on 3 December 2020, assessing the year 2020. It carries the conclusion (kết
 * luận) once issued; findings, evidence and recommendations are rows of their own.
 */
@Entity
public class Inspection extends PanacheEntityBase {

    /**
     * {@code PLANNED → IN_PROGRESS → CONCLUDED → CLOSED}; {@code CANCELLED} from the first two. Closed means every
     * recommendation is verified or cancelled.
     */
    @Schema(name = "InspectionStatus")
    public enum Status {
        PLANNED, IN_PROGRESS, CONCLUDED, CLOSED, CANCELLED;

        public boolean concluded() {
            return this == CONCLUDED || this == CLOSED;
        }
    }

    @Id
    public UUID id;
    @Column(name = "delegation_id")
    public UUID delegationId;
    @Column(name = "unit_code")
    public String unitCode;
    @Column(name = "unit_name")
    public String unitName;
    @Column(name = "steering_unit_code")
    public String steeringUnitCode;
    @Column(name = "search_key")
    public String searchKey;
    /** The {@code SearchKeys.VERSION} that wrote {@link #searchKey}. */
    @Column(name = "search_version")
    public short searchVersion;
    @Column(name = "scheduled_date")
    public LocalDate scheduledDate;
    @Column(name = "year_assessed")
    public int yearAssessed;
    @JdbcTypeCode(SqlTypes.ARRAY)
    public String[] topics;
    public String status;
    @Column(name = "internal_note")
    public String internalNote;
    @Column(name = "cancel_reason")
    public String cancelReason;
    @Column(name = "public_disclosure")
    public boolean publicDisclosure;
    @Column(name = "conclusion_text")
    public String conclusionText;
    @Column(name = "conclusion_signer")
    public String conclusionSigner;
    @Column(name = "conclusion_signer_title")
    public String conclusionSignerTitle;
    @Column(name = "conclusion_date")
    public LocalDate conclusionDate;
    @Column(name = "concluded_at")
    public OffsetDateTime concludedAt;
    @Column(name = "closed_at")
    public OffsetDateTime closedAt;
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
}
