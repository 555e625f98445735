package vn.qcdc.modelregistry.model;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.annotations.Mutability;
import org.hibernate.type.SqlTypes;
import org.hibernate.type.descriptor.java.Immutability;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A result report (báo cáo kết quả) during implementation: achieved indicator values, text and evidence. */
@Entity
@Table(name = "dvk_model_report")
public class ResultReport extends PanacheEntityBase {

    /** Evidence of a report: a link, or an uploaded file (its id, with the SHA-256 recorded at upload). */
    public record EvidenceRef(String uri, UUID evidenceId, String title, String sha256) {
    }

    @Id
    public UUID id;
    @Column(name = "model_id")
    public UUID modelId;
    @Column(name = "period_end")
    public LocalDate periodEnd;
    public String summary;
    @Mutability(Immutability.class)
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "indicator_values")
    public List<DvkModel.IndicatorValue> indicatorValues;
    @Mutability(Immutability.class)
    @JdbcTypeCode(SqlTypes.JSON)
    public List<EvidenceRef> evidence;
    @Column(name = "reported_at")
    public OffsetDateTime reportedAt;
    @Column(name = "reported_by")
    public String reportedBy;
}
