package vn.qcdc.modelregistry.model;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Set;
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

/**
 * A "Dân vận khéo" model (mô hình "Dân vận khéo"): a skilful mass-mobilisation initiative that an organisation of a
 * unit registers for one year, implements, evaluates and proposes for recognition. One row per year: continuing a
 * model into a new year creates a new row linked by {@code previousModelId}, so each year's status and results stay
 * what they were.
 */
@Entity
@Table(name = "dvk_model")
public class DvkModel extends PanacheEntityBase {

    /** Lĩnh vực: the field a model belongs to. */
    @Schema(name = "ModelField")
    public enum Field {
        /** Kinh tế. */
        ECONOMIC,
        /** Văn hóa – xã hội. */
        CULTURE_SOCIAL,
        /** Quốc phòng – an ninh. */
        DEFENCE_SECURITY,
        /** Xây dựng hệ thống chính trị. */
        POLITICAL_SYSTEM
    }

    /** Tập thể / cá nhân. */
    @Schema(name = "ModelKind")
    public enum Kind {
        COLLECTIVE, INDIVIDUAL
    }

    /** The level of the body that recognises or commends (cấp công nhận). */
    @Schema(name = "ModelLevel")
    public enum Level {
        COMMUNE, DISTRICT, PROVINCE, CENTRAL
    }

    /** The life cycle; see {@link #allowedFrom()} for the transitions. */
    @Schema(name = "ModelStatus")
    public enum Status {
        REGISTERED, IMPLEMENTING, SELF_EVALUATED, PROPOSED, RECOGNISED, NOT_RECOGNISED, WITHDRAWN;

        /** The states a model may enter this one from. */
        public Set<Status> allowedFrom() {
            return switch (this) {
                case REGISTERED -> Set.of();
                case IMPLEMENTING -> Set.of(REGISTERED);
                case SELF_EVALUATED -> Set.of(IMPLEMENTING);
                case PROPOSED -> Set.of(SELF_EVALUATED);
                case RECOGNISED, NOT_RECOGNISED -> Set.of(PROPOSED);
                case WITHDRAWN -> Set.of(REGISTERED, IMPLEMENTING, SELF_EVALUATED, PROPOSED);
            };
        }

        public boolean isFinal() {
            return this == RECOGNISED || this == NOT_RECOGNISED || this == WITHDRAWN;
        }
    }

    /** A planned target (chỉ tiêu): e.g. "Hộ thoát nghèo", 10, "hộ". */
    public record Indicator(String name, BigDecimal target, String unit) {
    }

    /** An indicator's achieved value, as reported or self-evaluated. */
    public record IndicatorValue(String name, BigDecimal achieved, String note) {
    }

    /** Tự đánh giá: against the indicators. */
    public record SelfEvaluation(String summary, List<IndicatorValue> indicators, OffsetDateTime at, String by) {
    }

    /** Đề nghị công nhận: to a competent level and body. */
    public record Proposal(Level level, String unitCode, String body, String note, OffsetDateTime at, String by) {
    }

    /** Quyết định công nhận. */
    public record Recognition(String decisionNumber, LocalDate decisionDate, Level level, String body,
            boolean outstanding, OffsetDateTime at, String by) {
    }

    /** Đề nghị khen thưởng: a recognised model proposed for commendation. */
    public record CommendationProposal(Level level, String body, String note, OffsetDateTime at, String by) {
    }

    @Id
    public UUID id;
    public String name;
    @Column(name = "name_key")
    public String nameKey;
    @Column(name = "unit_code")
    public String unitCode;
    /** The unit's name at registration: old records keep showing the unit as it was. */
    @Column(name = "unit_name")
    public String unitName;
    @Column(name = "org_type")
    public String orgType;
    @Column(name = "org_name")
    public String orgName;
    public int year;
    public String field;
    public String kind;
    @Column(name = "holder_name")
    public String holderName;
    public String description;
    public String objectives;
    @Column(name = "start_date")
    public LocalDate startDate;
    public String participants;
    public String beneficiaries;
    @Mutability(Immutability.class)
    @JdbcTypeCode(SqlTypes.JSON)
    public List<Indicator> indicators;
    public String status;
    public boolean outstanding;
    @Mutability(Immutability.class)
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "self_evaluation")
    public SelfEvaluation selfEvaluation;
    @Mutability(Immutability.class)
    @JdbcTypeCode(SqlTypes.JSON)
    public Proposal proposal;
    @Mutability(Immutability.class)
    @JdbcTypeCode(SqlTypes.JSON)
    public Recognition recognition;
    @Mutability(Immutability.class)
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "commendation_proposal")
    public CommendationProposal commendationProposal;
    @Column(name = "status_reason")
    public String statusReason;
    @Column(name = "previous_model_id")
    public UUID previousModelId;
    /** The id a bulk import file gave it, so a re-import updates it (null for a model registered by the API). */
    @Column(name = "external_id")
    public String externalId;
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

    public Status statusValue() {
        return Status.valueOf(status);
    }
}
