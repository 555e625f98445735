package vn.qcdc.modelregistry.imports;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

import vn.qcdc.api.imports.ImportJobEntity;

/**
 * An import job (lượt nhập dữ liệu): one file of past "Dân vận khéo" models, read row by row. What every job records is in
 * {@link vn.qcdc.api.imports.ImportJobEntity}; here, the counts of what it wrote.
 */
@Entity
@Table(name = "import_job")
public class ImportJob extends ImportJobEntity {

    @Column(name = "models_created")
    public long modelsCreated;
    @Column(name = "models_updated")
    public long modelsUpdated;
}