package vn.qcdc.modelregistry.imports;

import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.validation.Validator;

import com.fasterxml.jackson.databind.ObjectMapper;

import vn.qcdc.api.access.Access;
import vn.qcdc.api.imports.ImportFile;
import vn.qcdc.api.imports.ImportHeaders;
import vn.qcdc.api.imports.ImportPass;
import vn.qcdc.api.imports.ImportStatus;
import vn.qcdc.api.imports.RowError;
import vn.qcdc.api.time.ClockProducer;
import vn.qcdc.modelregistry.model.ModelService;
import vn.qcdc.units.AdministrativeUnits;

/**
 * Imports a file of past "Dân vận khéo" models with their history: one pass over the file on disk
 * ({@link ImportPass}: what commits when), every row checked by {@link ModelRows} and written through
 * {@link ModelService#importModel}, the service's one write path (its history, its events in the outbox, whatever it
 * keeps up to date alongside the model). A row whose external id was imported before updates that model.
 */
@ApplicationScoped
public class ModelImport {

    static final ImportHeaders<ModelColumn> HEADERS = ImportHeaders.of(ModelColumn.class);

    @Inject
    EntityManager em;

    @Inject
    Access access;

    @Inject
    AdministrativeUnits units;

    @Inject
    ModelService models;

    @Inject
    Validator validator;

    @Inject
    Clock clock;

    @Inject
    ObjectMapper mapper;

    public void run(UUID jobId, Path file, ImportFile.Format format, String scope, boolean dryRun,
            boolean validRowsOnly) {
        LocalDate today = LocalDate.now(clock.withZone(ClockProducer.VIETNAM));
        ModelRows rules = new ModelRows(access, units, models, validator, today, scope);
        long[] created = new long[1];
        long[] updated = new long[1];
        ImportPass.run(em, mapper, jobId, file, format, HEADERS, dryRun, validRowsOnly,
                new ImportPass.Steps<ModelColumn, ModelService.Imported>() {
                    @Override
                    public ModelService.Imported check(ImportFile.Row<ModelColumn> row, List<RowError> errors) {
                        return rules.check(row, errors);
                    }

                    @Override
                    public void write(List<ModelService.Imported> rows) {
                        for (ModelService.Imported m : rows) {
                            if (models.importModel(m)) {
                                created[0]++;
                            } else {
                                updated[0]++;
                            }
                        }
                        // nothing of the chunk is left for the next one to dirty-check
                        em.flush();
                        em.clear();
                    }

                    @Override
                    public void record(ImportPass.Counts counts, ImportStatus status) {
                        ImportJob j = ImportJob.findById(jobId);
                        j.progress(counts, status, OffsetDateTime.now(clock));
                        j.modelsCreated = created[0];
                        j.modelsUpdated = updated[0];
                    }

                    @Override
                    public void rolledBack() {
                        created[0] = 0;
                        updated[0] = 0;
                    }
                });
    }
}
