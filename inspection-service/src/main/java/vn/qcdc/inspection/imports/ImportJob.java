package vn.qcdc.inspection.imports;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

import vn.qcdc.api.imports.ImportJobEntity;

/**
 * An import job (lượt nhập dữ liệu): one file of delegations, past inspections, their findings and recommendations, read row by
 * row. Its counts are committed as the file is read and written, so another request sees its progress; its status is
 * an {@link vn.qcdc.api.imports.ImportStatus}.
 */
@Entity
@Table(name = "import_job")
public class ImportJob extends ImportJobEntity {

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
}