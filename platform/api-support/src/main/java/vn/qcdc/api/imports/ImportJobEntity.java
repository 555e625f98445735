package vn.qcdc.api.imports;

import java.time.OffsetDateTime;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Id;
import jakarta.persistence.MappedSuperclass;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/**
 * What every service's import job (lượt nhập dữ liệu, table {@code import_job}) records: the file, the choices, the
 * status, the row counts, who started it for which unit and when it ended. A service's entity adds only the counts of
 * what it wrote. The counts are committed as the file is read, so another request sees the progress.
 */
@MappedSuperclass
public abstract class ImportJobEntity extends PanacheEntityBase {

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
    /** An {@link ImportStatus}. */
    public String status;
    @Column(name = "rows_read")
    public long rowsRead;
    @Column(name = "rows_invalid")
    public long rowsInvalid;
    @Column(name = "rows_written")
    public long rowsWritten;
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

    /** Takes a pass's row counts, and its end when it has one. */
    public void progress(ImportPass.Counts counts, ImportStatus end, OffsetDateTime now) {
        rowsRead = counts.read;
        rowsInvalid = counts.invalid;
        rowsWritten = counts.written;
        if (end != null) {
            status = end.name();
            finishedAt = now;
        }
    }
}
