package vn.qcdc.inspection.recommendation;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.annotations.Mutability;
import org.hibernate.type.SqlTypes;
import org.hibernate.type.descriptor.java.Immutability;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/**
 * A progress report (báo cáo tiến độ) or completion report (báo cáo hoàn thành) an addressee posts on a
 * recommendation, with the evidence it cites. Append-only.
 */
@Entity
@jakarta.persistence.Table(name = "progress_report")
public class ProgressReport extends PanacheEntityBase {

    @Schema(name = "ProgressReportKind")
    public enum Kind {
        PROGRESS, COMPLETION
    }

    /** A document backing a report: a title and where to find it. */
    public record EvidenceLink(String title, String uri, UUID evidenceId) {
    }

    @Id
    public UUID id;
    @Column(name = "recommendation_id")
    public UUID recommendationId;
    public String kind;
    public String text;
    public int percent;
    @Mutability(Immutability.class)
    @JdbcTypeCode(SqlTypes.JSON)
    public List<EvidenceLink> evidence;
    @Column(name = "reported_by")
    public String reportedBy;
    @Column(name = "reported_for")
    public String reportedFor;
    @Column(name = "reported_at")
    public OffsetDateTime reportedAt;
    /** The day the report was made (a local date), which for a past record entered later is before {@link #reportedAt}. */
    @Column(name = "reported_on")
    public LocalDate reportedOn;
}
