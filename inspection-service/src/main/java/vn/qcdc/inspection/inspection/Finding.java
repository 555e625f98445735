package vn.qcdc.inspection.inspection;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Version;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.annotations.Mutability;
import org.hibernate.type.SqlTypes;
import org.hibernate.type.descriptor.java.Immutability;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/**
 * A finding of an inspection: an achievement (kết quả đạt được) or a limitation (tồn tại, hạn chế) in one area, with
 * optional quantitative indicators ("7 models registered") — the article's point that reports need evidence figures.
 * Once the conclusion is issued findings are frozen: a change is a new finding that amends the old one.
 */
@Entity
public class Finding extends PanacheEntityBase {

    @Schema(name = "FindingKind")
    public enum Kind {
        ACHIEVEMENT, LIMITATION
    }

    /** A figure backing a finding, e.g. ("Mô hình Dân vận khéo đăng ký", 7, "mô hình"). */
    public record Indicator(String name, BigDecimal value, String unit) {
    }

    @Id
    public UUID id;
    @Column(name = "inspection_id")
    public UUID inspectionId;
    public String kind;
    public String area;
    public String text;
    @Mutability(Immutability.class)
    @JdbcTypeCode(SqlTypes.JSON)
    public List<Indicator> indicators;
    public boolean amendment;
    @Column(name = "amends_id")
    public UUID amendsId;
    public boolean superseded;
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
}
