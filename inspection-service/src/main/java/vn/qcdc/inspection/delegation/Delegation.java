package vn.qcdc.inspection.delegation;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Set;
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
 * An inspection delegation (Đoàn kiểm tra): formed by a steering committee (Ban Chỉ đạo) for a year and topics, led
 * by a head (Trưởng đoàn) with members.
 */
@Entity
public class Delegation extends PanacheEntityBase {

    /** What a delegation inspects. */
    @Schema(name = "DelegationTopic")
    public enum Topic {
        /** Quy chế dân chủ ở cơ sở: the grassroots democracy regulation (Law 10/2022/QH15). */
        QCDC,
        /** The "Dân vận khéo" (skilful mass mobilisation) movement. */
        DAN_VAN_KHEO
    }

    /** The level of the steering committee the delegation acts for. */
    @Schema(name = "CommitteeLevel")
    public enum CommitteeLevel {
        PROVINCE, DISTRICT, COMMUNE
    }

    @Schema(name = "MemberRole")
    public enum MemberRole {
        HEAD, DEPUTY_HEAD, MEMBER, SECRETARY
    }

    /** A person of the delegation, e.g. the head: "Phạm Duy Hưng, Phó Chủ tịch UBND tỉnh". */
    public record Member(String name, String title, MemberRole role) {
    }

    @Id
    public UUID id;
    public String name;
    @Column(name = "name_key")
    public String nameKey;
    @Column(name = "committee_name")
    public String committeeName;
    @Column(name = "committee_level")
    public String committeeLevel;
    @Column(name = "committee_unit_code")
    public String committeeUnitCode;
    public int year;
    @JdbcTypeCode(SqlTypes.ARRAY)
    public String[] topics;
    @Mutability(Immutability.class)
    @JdbcTypeCode(SqlTypes.JSON)
    public List<Member> members;
    /** The id a bulk import file gave it, so a re-import updates it (null for a delegation created by the API). */
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

    public Set<Topic> topicSet() {
        return java.util.Arrays.stream(topics).map(Topic::valueOf)
                .collect(java.util.stream.Collectors.toCollection(() -> java.util.EnumSet.noneOf(Topic.class)));
    }
}
