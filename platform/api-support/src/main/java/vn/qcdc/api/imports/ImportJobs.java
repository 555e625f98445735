package vn.qcdc.api.imports;

import java.nio.file.Path;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.multipart.FileUpload;

import io.quarkus.narayana.jta.QuarkusTransaction;

import vn.qcdc.api.AnyOf;
import vn.qcdc.api.access.Access;
import vn.qcdc.api.access.Operation;
import vn.qcdc.api.access.Target;
import vn.qcdc.api.input.TextRules;
import vn.qcdc.api.problem.Messages;
import vn.qcdc.api.problem.ProblemException;

/**
 * The job resource of a service's bulk import, written once: who may start one for which unit, the job's row, running
 * the file and recording how it stopped, the list, a job and its error file, each under the service's access
 * operations. The service's resource keeps its operations, its documentation and its view (its own counts).
 */
@ApplicationScoped
public class ImportJobs {

    /** The errors shown in a job's own view; the error file has all of them. */
    public static final int ERRORS_SHOWN = 1000;

    /** The service's pass over one file (its {@link ImportPass}), writing the job's counts as it goes. */
    @FunctionalInterface
    public interface Pass {
        void run(UUID jobId, Path file, ImportFile.Format format, String scope, boolean dryRun, boolean validRowsOnly);
    }

    /** A job's errors as its view shows them. */
    public record Errors(List<ImportErrors.ImportErrorView> shown, long count, String file) {
    }

    @Inject
    Access access;

    @Inject
    Messages messages;

    @Inject
    EntityManager em;

    @Inject
    Clock clock;

    /**
     * Checks the request (role, unit within the caller's scope, a file), records the job, runs the pass and returns
     * the job's id once the file is done; a refusal of the file or a failure is recorded on the job before it
     * reaches the caller.
     */
    public <J extends ImportJobEntity> UUID run(Operation op, String kind, Supplier<J> newJob, FileUpload file,
            String unit, Boolean dryRun, Boolean validRowsOnly, String format, Pass pass) {
        access.requireRole(op);
        TextRules.require("unit", unit);
        TextRules.require("format", format);
        String scope = unit != null ? unit : access.unitCode().orElse(null);
        if (scope == null) {
            throw ProblemException.invalidField("unit", "unit-required");
        }
        access.require(op, Target.unit(scope));
        if (file == null) {
            throw ProblemException.invalidField("file", "file-missing");
        }
        ImportFile.Format f = ImportFile.format(format, file.fileName(), file.contentType());
        UUID id = UUID.randomUUID();
        boolean dry = Boolean.TRUE.equals(dryRun);
        boolean validOnly = Boolean.TRUE.equals(validRowsOnly);
        J job = newJob.get();
        QuarkusTransaction.requiringNew().run(() -> {
            job.id = id;
            job.kind = kind;
            job.format = f.name();
            job.fileName = file.fileName() == null
                    ? null
                    : file.fileName().substring(0, Math.min(255, file.fileName().length()));
            job.unitCode = scope;
            job.dryRun = dry;
            job.validRowsOnly = validOnly;
            job.status = ImportStatus.RUNNING.name();
            job.createdAt = OffsetDateTime.now(clock);
            job.createdBy = access.actor();
            job.persist();
        });
        try {
            pass.run(id, file.uploadedFile(), f, scope, dry, validOnly);
        } catch (ProblemException e) {
            failed(job.getClass(), id, ImportStatus.INVALID,
                    e.errors().isEmpty() ? e.code() : e.errors().get(0).message());
            throw e;
        } catch (RuntimeException e) {
            failed(job.getClass(), id, ImportStatus.FAILED, e.getClass().getSimpleName());
            throw e;
        }
        return id;
    }

    /** The jobs of the units the caller may see (op: the service's list operation), newest first, at most 100. */
    public <J extends ImportJobEntity> List<J> list(Class<J> type, Operation op, String unit) {
        Access.Scope scope = access.scope(op, unit);
        String entity = em.getMetamodel().entity(type).getName();
        var q = scope.everywhere()
                ? em.createQuery("from " + entity + " j order by j.createdAt desc, j.id", type)
                : em.createQuery("from " + entity + " j where " + AnyOf.condition("j.unitCode", "units")
                        + " order by j.createdAt desc, j.id", type).setParameter("units", AnyOf.texts(scope.units()));
        return q.setMaxResults(100).getResultList();
    }

    /** A job the caller may reach with op, or 404/403 as for any record. */
    public <J extends ImportJobEntity> J find(Class<J> type, UUID id, Operation op) {
        access.requireRole(op);
        J j = em.find(type, id);
        if (j == null) {
            throw ProblemException.notFound("import", id);
        }
        access.require(op, Target.unit(j.unitCode), "import", id);
        return j;
    }

    /** Every error of the job's rows as a CSV file in the caller's language. */
    public Response errorFile(ImportJobEntity job) {
        return ImportErrors.csv(em, messages, job.id).build();
    }

    /** The job's errors for its view: the first {@value #ERRORS_SHOWN} (none in a list), their count, the file. */
    public Errors errors(ImportJobEntity job, boolean withErrors) {
        long count = ImportErrors.count(em, job.id);
        return new Errors(withErrors ? ImportErrors.views(em, messages, job.id, ERRORS_SHOWN) : List.of(), count,
                count == 0 ? null : "/api/v1/imports/" + job.id + "/errors.csv");
    }

    /** Records that the job stopped on something other than its file's rows. */
    private void failed(Class<? extends ImportJobEntity> type, UUID id, ImportStatus status, String why) {
        QuarkusTransaction.requiringNew().run(() -> {
            ImportJobEntity j = em.find(type, id);
            j.status = status.name();
            j.failure = why;
            j.finishedAt = OffsetDateTime.now(clock);
        });
    }
}
