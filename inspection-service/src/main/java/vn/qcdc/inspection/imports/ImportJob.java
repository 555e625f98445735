package vn.qcdc.inspection.imports;

import java.time.OffsetDateTime;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/**
 * An import job (lượt nhập dữ liệu): one file of delegations, past inspections, their findings and recommendations, read row by
 * row. Its counts are committed as the file is read and written, so another request sees its progress; its status is
 * an {@link vn.qcdc.api.imports.ImportStatus}.
 */
@Entity
@Table(name = "import_job")
public class ImportJob extends PanacheEntityBase {

    @Id
    public UUID id;
    public String kind;
    public String format;
    @Column(name = "file_name")
    public String fileName;
    @Column(name = "dry_run")
    public boolean dryRun;
    @Column(name = "valid_rows_only")
    public boolean validRowsOnly;
    public String status;
    @Column(name = "rows_read")
    public long rowsRead;
    @Column(name = "rows_invalid")
    public long rowsInvalid;
    @Column(name = "rows_written")
    public long rowsWritten;
    @Column(name = "delegations_created")
    public long delegationsCreated;
    @Column(name = "delegations_updated")
    public long delegationsUpdated;
    @Column(name = "inspections_created")
    public long inspectionsCreated;
    @Column(name = "inspections_updated")
    public long inspectionsUpdated;
    @Column(name = "recommendations_created")
    public long recommendationsCreated;
    @Column(name = "recommendations_updated")
    public long recommendationsUpdated;
    @Column(name = "findings_created")
    public long findingsCreated;
    @Column(name = "findings_updated")
    public long findingsUpdated;
    public String failure;
    @Column(name = "created_at")
    public OffsetDateTime createdAt;
    @Column(name = "created_by")
    public String createdBy;
    /** The steering committee's unit whose records the file holds (who may see the job follows from it). */
    @Column(name = "unit_code")
    public String unitCode;
    @Column(name = "finished_at")
    public OffsetDateTime finishedAt;
}
