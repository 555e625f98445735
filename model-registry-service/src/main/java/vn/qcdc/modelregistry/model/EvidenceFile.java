package vn.qcdc.modelregistry.model;

import java.time.OffsetDateTime;
import java.util.UUID;

import jakarta.persistence.Basic;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** An uploaded evidence file (tài liệu minh chứng) of a model, with its SHA-256 so a copy can be verified. */
@Entity
@Table(name = "dvk_model_evidence")
public class EvidenceFile extends PanacheEntityBase {

    @Id
    public UUID id;
    @Column(name = "model_id")
    public UUID modelId;
    @Column(name = "file_name")
    public String fileName;
    @Column(name = "content_type")
    public String contentType;
    @Column(name = "size_bytes")
    public long sizeBytes;
    public String sha256;
    @Basic(fetch = FetchType.LAZY)
    public byte[] content;
    @Column(name = "uploaded_at")
    public OffsetDateTime uploadedAt;
    @Column(name = "uploaded_by")
    public String uploadedBy;
}
