package vn.qcdc.inspection.inspection;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/**
 * An evidence document (hồ sơ, tài liệu minh chứng) the delegation reviewed: linked by URI, or uploaded and kept in
 * {@code evidence_content} with its SHA-256 so a download can be checked against what was reviewed. The bytes are not
 * mapped here, so listing evidence never loads files.
 */
@Entity
public class Evidence extends PanacheEntityBase {

    @Schema(name = "EvidenceKind")
    public enum Kind {
        REPORT, PLAN, MINUTES, DECISION, PHOTO, OTHER
    }

    @Id
    public UUID id;
    @Column(name = "inspection_id")
    public UUID inspectionId;
    public String title;
    public String kind;
    @Column(name = "reference_number")
    public String referenceNumber;
    @Column(name = "document_date")
    public LocalDate documentDate;
    public String uri;
    @Column(name = "file_name")
    public String fileName;
    @Column(name = "content_type")
    public String contentType;
    @Column(name = "size_bytes")
    public Long sizeBytes;
    public String sha256;
    @Column(name = "created_at")
    public OffsetDateTime createdAt;
    @Column(name = "created_by")
    public String createdBy;
    /** The recommendation an addressee uploaded it for (null for the committee's own documents). */
    @Column(name = "recommendation_id")
    public UUID recommendationId;
    /**
     * Since when an addressee's upload waits for a report to name it (null once named, and for the committee's
     * documents): a file still pending after the grace period belonged to a report that failed, and is purged.
     */
    @Column(name = "pending_since")
    public OffsetDateTime pendingSince;
}
