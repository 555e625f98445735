package vn.qcdc.inspection.imports;

import java.net.URI;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponseSchema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;

import io.quarkus.narayana.jta.QuarkusTransaction;

import vn.qcdc.api.imports.ImportErrors;
import vn.qcdc.api.imports.ImportFile;
import vn.qcdc.api.imports.ImportJobs;
import vn.qcdc.api.imports.ImportStatus;
import vn.qcdc.api.security.Roles;
import vn.qcdc.inspection.access.InspectionOperations;

/**
 * Bulk import (nhập dữ liệu hàng loạt) of a province's delegations and past inspections with their findings and
 * recommendations, from a CSV file as a spreadsheet exports it or from JSON lines; the job resource with its counts and
 * every row's errors. The file reading, the row errors and the error file are shared with model-registry-service
 * ({@code vn.qcdc.api.imports}).
 */
@Path("/api/v1/imports")
@Tag(name = "Imports")
@Produces(MediaType.APPLICATION_JSON)
public class ImportResource {

    /** An import job: what it read, refused and wrote, and (in the job's own view) the errors of its rows. */
    public record ImportJobView(UUID id, String kind, ImportFile.Format format, String fileName, String unitCode,
            boolean dryRun, boolean validRowsOnly, ImportStatus status, long rowsRead, long rowsInvalid,
            long rowsWritten, long delegationsCreated, long delegationsUpdated, long inspectionsCreated,
            long inspectionsUpdated, long recommendationsCreated,
            long recommendationsUpdated, long findingsCreated, long findingsUpdated, String failure,
            List<ImportErrors.ImportErrorView> errors, long errorCount, String errorFile, OffsetDateTime createdAt,
            String createdBy, OffsetDateTime finishedAt) {
    }

    /** The form of an import: the file, and optionally its format. */
    public static class ImportForm {
        @Schema(type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.STRING, format = "binary", description = "Tệp dữ liệu (file): CSV (UTF-8, a byte-order mark allowed, comma, semicolon or tab separated, English or Vietnamese headers) or JSON lines")
        public String file;
    }

    @Inject
    ImportJobs jobs;

    @Inject
    InspectionImport imports;

    @POST
    @Path("inspections")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @RolesAllowed({Roles.ADMIN, Roles.STEERING})
    @Operation(operationId = "importInspections", summary = "Import delegations and past inspections with their findings and recommendations from a CSV or JSON-lines file"
            + " (one row per delegation, recommendation or finding, each with a stable external id: a re-import updates; an inspection"
            + " names its delegation by id or by the external id of a delegation row). An inspection whose recommendations are all"
            + " verified or cancelled is closed, as the last verification closes it in live operation. dryRun=true only checks;"
            + " otherwise nothing is written unless every row is valid, or with validRowsOnly=true the valid rows are written and the"
            + " others listed in the job's error file")
    @APIResponseSchema(value = ImportJobView.class, responseCode = "201", responseDescription = "The import job, finished: its counts and the errors of its rows.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.MULTIPART_FORM_DATA, schema = @Schema(implementation = ImportForm.class)))
    public Response importInspections(@RestForm("file") FileUpload file,
            @QueryParam("unit") String unit,
            @QueryParam("dryRun") Boolean dryRun,
            @QueryParam("validRowsOnly") Boolean validRowsOnly,
            @QueryParam("format") String format) {
        UUID id = jobs.run(InspectionOperations.IMPORT_INSPECTIONS, "inspections", ImportJob::new, file, unit, dryRun,
                validRowsOnly, format,
                imports::run);
        return Response.created(URI.create("/api/v1/imports/" + id)).entity(view(id)).build();
    }

    @GET
    @RolesAllowed({Roles.ADMIN, Roles.STEERING})
    @Transactional
    @Operation(operationId = "listImports", summary = "Import jobs of a unit, newest first, with their counts (a running job's counts grow as it goes)")
    public List<ImportJobView> list(
            @QueryParam("unit") String unit) {
        return jobs.list(ImportJob.class, InspectionOperations.LIST_IMPORTS, unit).stream().map(j -> view(j, false))
                .toList();
    }

    @GET
    @Path("{id}")
    @RolesAllowed({Roles.ADMIN, Roles.STEERING})
    @Transactional
    @Operation(operationId = "getImport", summary = "An import job: its counts, its status and the first 1000 errors of its rows in the caller's language")
    public ImportJobView get(@PathParam("id") UUID id) {
        return view(jobs.find(ImportJob.class, id, InspectionOperations.READ_IMPORT).id);
    }

    @GET
    @Path("{id}/errors.csv")
    @Produces("text/csv")
    @RolesAllowed({Roles.ADMIN, Roles.STEERING})
    @Transactional
    @Operation(operationId = "downloadImportErrors", summary = "Every error of the job's rows as a CSV file (row, column, message in the caller's language, value)")
    @APIResponse(responseCode = "200", description = "The error file (UTF-8 with a byte-order mark, so spreadsheets read Vietnamese).", content = @Content(mediaType = "text/csv", schema = @Schema(type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.STRING)))
    public Response errors(@PathParam("id") UUID id) {
        return jobs.errorFile(jobs.find(ImportJob.class, id, InspectionOperations.DOWNLOAD_IMPORT_ERRORS));
    }

    private ImportJobView view(UUID id) {
        return QuarkusTransaction.joiningExisting().call(() -> view(ImportJob.findById(id), true));
    }

    private ImportJobView view(ImportJob j, boolean withErrors) {
        ImportJobs.Errors errors = jobs.errors(j, withErrors);
        return new ImportJobView(j.id, j.kind, ImportFile.Format.valueOf(j.format), j.fileName, j.unitCode, j.dryRun,
                j.validRowsOnly, ImportStatus.valueOf(j.status), j.rowsRead, j.rowsInvalid, j.rowsWritten,
                j.delegationsCreated, j.delegationsUpdated, j.inspectionsCreated, j.inspectionsUpdated,
                j.recommendationsCreated, j.recommendationsUpdated, j.findingsCreated, j.findingsUpdated, j.failure,
                errors.shown(), errors.count(), errors.file(), j.createdAt, j.createdBy,
                j.finishedAt);
    }
}
