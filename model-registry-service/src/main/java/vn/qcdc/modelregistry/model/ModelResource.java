package vn.qcdc.modelregistry.model;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponseSchema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;

import vn.qcdc.api.ETags;
import vn.qcdc.api.files.Downloads;
import vn.qcdc.api.files.Uploads;
import vn.qcdc.api.idempotency.Idempotency;
import vn.qcdc.api.paging.Page;
import vn.qcdc.api.problem.ProblemException;
import vn.qcdc.api.security.Roles;
import vn.qcdc.events.BodyType;
import vn.qcdc.modelregistry.model.ModelDto.ModelInput;
import vn.qcdc.modelregistry.model.ModelDto.ModelView;

/** The API of "Dân vận khéo" models: registration, life cycle, results, history and lists. */
@Path("/api/v1/models")
@Tag(name = "Models", description = "Mô hình \"Dân vận khéo\": registration, life cycle and recognition")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.ADMIN, Roles.STEERING, Roles.INTEGRATION, Roles.VIEWER, Roles.UNIT_OFFICER, Roles.ORG_OFFICER})
public class ModelResource {

    static final String BASE = "/api/v1/models";

    @Inject
    ModelService service;

    @Inject
    CsvExport csv;

    @Inject
    Idempotency idempotency;

    @ConfigProperty(name = "qcdc.models.evidence-max-bytes", defaultValue = "5242880")
    long evidenceMaxBytes;

    @POST
    @Transactional
    @RolesAllowed({Roles.ADMIN, Roles.UNIT_OFFICER, Roles.ORG_OFFICER})
    @Operation(operationId = "registerModel", summary = "Register a model (the organisation's officer at its unit, a unit officer, or admin)")
    @APIResponseSchema(value = ModelView.class, responseCode = "201", responseDescription = "The model registered (REGISTERED).")
    public Response register(@HeaderParam(Idempotency.HEADER) String key, @NotNull @Valid ModelInput in) {
        return idempotency.execute(key, "POST " + BASE, in, () -> {
            DvkModel m = service.register(in, null);
            return Response.created(URI.create(BASE + "/" + m.id)).tag(ETags.of(m.version)).entity(service.view(m))
                    .build();
        });
    }

    @GET
    @Operation(operationId = "listModels", summary = "List models within a unit (and the units below it or merged into it), filtered and sorted", description = "sort: year | -year (default) | name | -name | createdAt | -createdAt; q: search in name"
            + " and holder, ignoring diacritics")
    public Page<ModelView> list(@QueryParam("unit") String unit, @QueryParam("year") Integer year,
            @Parameter(schema = @Schema(implementation = BodyType.class)) @QueryParam("orgType") String orgType,
            @Parameter(schema = @Schema(implementation = DvkModel.Field.class)) @QueryParam("field") String field,
            @Parameter(schema = @Schema(implementation = DvkModel.Kind.class)) @QueryParam("kind") String kind,
            @Parameter(schema = @Schema(implementation = DvkModel.Status.class)) @QueryParam("status") String status,
            @Parameter(schema = @Schema(type = SchemaType.BOOLEAN)) @QueryParam("outstanding") String outstanding,
            @QueryParam("q") String q,
            @Parameter(schema = @Schema(type = SchemaType.STRING, enumeration = {"year", "-year", "name", "-name",
                    "createdAt", "-createdAt"})) @QueryParam("sort") String sort,
            @QueryParam("cursor") String cursor,
            @QueryParam("limit") Integer limit) {
        return service.list(ModelFilter.of(unit, year, orgType, field, kind, status, outstanding, q), sort, cursor,
                limit);
    }

    @GET
    @Path("export.csv")
    @Produces("text/csv")
    @Operation(operationId = "exportModels", summary = "The filtered list as CSV (UTF-8 with BOM, opens in a spreadsheet with Vietnamese text)")
    @APIResponse(responseCode = "200", description = "The filtered list as CSV: UTF-8 with a BOM, comma-separated, a header row; text starting with =, +, -, @, tab or CR is prefixed with '.", headers = @Header(name = "Content-Disposition", ref = "Content-Disposition"), content = @Content(mediaType = "text/csv", schema = @Schema(type = SchemaType.STRING)))
    public Response export(@QueryParam("unit") String unit, @QueryParam("year") Integer year,
            @Parameter(schema = @Schema(implementation = BodyType.class)) @QueryParam("orgType") String orgType,
            @Parameter(schema = @Schema(implementation = DvkModel.Field.class)) @QueryParam("field") String field,
            @Parameter(schema = @Schema(implementation = DvkModel.Kind.class)) @QueryParam("kind") String kind,
            @Parameter(schema = @Schema(implementation = DvkModel.Status.class)) @QueryParam("status") String status,
            @Parameter(schema = @Schema(type = SchemaType.BOOLEAN)) @QueryParam("outstanding") String outstanding,
            @QueryParam("q") String q, @Parameter(schema = @Schema(type = SchemaType.STRING, enumeration = {"year",
                    "-year", "name", "-name", "createdAt", "-createdAt"})) @QueryParam("sort") String sort) {
        List<ModelView> rows = service.all(ModelFilter.of(unit, year, orgType, field, kind, status, outstanding, q),
                sort, CsvExport.MAX_ROWS);
        return CsvExport.attachment(csv.models(rows), "mo-hinh-dan-van-kheo.csv");
    }

    @GET
    @Path("{id}")
    @Transactional
    @Operation(operationId = "getModel", summary = "One model; ETag carries its version")
    @APIResponseSchema(value = ModelView.class, responseCode = "200", responseDescription = "The model.")
    public Response get(@PathParam("id") UUID id) {
        return ok(service.find(id));
    }

    @PUT
    @Path("{id}")
    @Transactional
    @RolesAllowed({Roles.ADMIN, Roles.UNIT_OFFICER, Roles.ORG_OFFICER})
    @Operation(operationId = "updateModel", summary = "Replace the registration details (while REGISTERED or IMPLEMENTING); send If-Match")
    @APIResponseSchema(value = ModelView.class, responseCode = "200", responseDescription = "The model as changed.")
    public Response update(@PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch,
            @NotNull @Valid ModelInput in) {
        return ok(service.update(id, ifMatch, in));
    }

    @POST
    @Path("{id}/start")
    @Transactional
    @RolesAllowed({Roles.ADMIN, Roles.UNIT_OFFICER, Roles.ORG_OFFICER})
    @Operation(operationId = "startModel", summary = "REGISTERED → IMPLEMENTING")
    @APIResponseSchema(value = ModelView.class, responseCode = "200", responseDescription = "The model, now IMPLEMENTING.")
    public Response start(@PathParam("id") UUID id, @HeaderParam(Idempotency.HEADER) String key,
            @HeaderParam("If-Match") String ifMatch, @NotNull @Valid ModelDto.NoteInput in) {
        return idempotency.execute(key, "POST " + BASE + "/" + id + "/start", in,
                () -> ok(service.start(id, ifMatch, in.note())));
    }

    @POST
    @Path("{id}/reports")
    @Transactional
    @RolesAllowed({Roles.ADMIN, Roles.UNIT_OFFICER, Roles.ORG_OFFICER})
    @Operation(operationId = "reportModelResults", summary = "Report results during implementation: achieved indicator values, text, evidence")
    @APIResponseSchema(value = ModelDto.ReportView.class, responseCode = "201", responseDescription = "The result report recorded.")
    public Response report(@PathParam("id") UUID id, @HeaderParam(Idempotency.HEADER) String key,
            @NotNull @Valid ModelDto.ReportInput in) {
        return idempotency.execute(key, "POST " + BASE + "/" + id + "/reports", in, () -> {
            ResultReport r = service.report(id, in);
            return Response.created(URI.create(BASE + "/" + id + "/reports/" + r.id)).entity(ModelService.view(r))
                    .build();
        });
    }

    @GET
    @Path("{id}/reports")
    @Operation(operationId = "listModelReports", summary = "The result reports of a model, oldest first")
    public List<ModelDto.ReportView> reports(@PathParam("id") UUID id) {
        return service.reports(id);
    }

    /** The multipart form of an evidence upload, as the OpenAPI document describes it (the method reads its part). */
    @Schema(name = "ModelEvidenceUploadForm", requiredProperties = "file")
    record EvidenceUploadForm(@Schema(type = SchemaType.STRING, format = "binary", description = "Tệp minh chứng"
            + " (evidence file): not empty, at most qcdc.models.evidence-max-bytes (5 MB by default); its file name (at"
            + " most 255 characters, no control characters) and media type are kept") String file) {
    }

    @POST
    @Path("{id}/evidence")
    @Transactional
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @RolesAllowed({Roles.ADMIN, Roles.UNIT_OFFICER, Roles.ORG_OFFICER})
    @Operation(operationId = "uploadModelEvidence", summary = "Upload an evidence file (multipart field 'file'); size-limited, SHA-256 recorded")
    @APIResponseSchema(value = ModelDto.EvidenceView.class, responseCode = "201", responseDescription = "The evidence file stored, with its SHA-256.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.MULTIPART_FORM_DATA, schema = @Schema(implementation = EvidenceUploadForm.class)))
    public Response upload(@PathParam("id") UUID id, @HeaderParam(Idempotency.HEADER) String key,
            @RestForm("file") FileUpload file) {
        if (file == null || file.uploadedFile() == null) {
            throw ProblemException.invalidField("file", "model-evidence-file-missing");
        }
        if (file.size() > evidenceMaxBytes) {
            throw new ProblemException(413, "payload-too-large");
        }
        if (file.size() == 0) {
            throw ProblemException.invalidField("file", "model-evidence-file-empty");
        }
        byte[] content;
        try {
            content = Files.readAllBytes(file.uploadedFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String name = Uploads.fileName("file", file, "evidence");
        String type = Uploads.mediaType("file", file);
        record Fingerprint(String name, String sha256) {
        }
        return idempotency.execute(key, "POST " + BASE + "/" + id + "/evidence",
                new Fingerprint(name, ModelService.sha256(content)), () -> {
                    EvidenceFile f = service.upload(id, name, type, content);
                    return Response.created(URI.create(BASE + "/" + id + "/evidence/" + f.id))
                            .entity(ModelService.view(f)).build();
                });
    }

    @GET
    @Path("{id}/evidence/{evidenceId}")
    @Produces(MediaType.WILDCARD)
    @Transactional
    @Operation(operationId = "downloadModelEvidence", summary = "Download an uploaded evidence file; its SHA-256 is in the Digest header")
    @APIResponse(responseCode = "200", description = "The file, as an attachment with its stored media type (active types such as HTML, SVG, XML or JavaScript as application/octet-stream).", headers = {
            @Header(name = "Content-Disposition", ref = "Content-Disposition"),
            @Header(name = "X-Content-SHA256", description = "SHA-256 of the stored file, in hexadecimal.", schema = @Schema(type = SchemaType.STRING))}, content = @Content(mediaType = "*/*", schema = @Schema(type = SchemaType.STRING, format = "binary")))
    public Response download(@PathParam("id") UUID id, @PathParam("evidenceId") UUID evidenceId) {
        EvidenceFile f = service.evidenceFile(id, evidenceId);
        return Downloads.attachment(f.content, f.contentType, f.fileName).header("X-Content-SHA256", f.sha256).build();
    }

    @POST
    @Path("{id}/self-evaluation")
    @Transactional
    @RolesAllowed({Roles.ADMIN, Roles.UNIT_OFFICER, Roles.ORG_OFFICER})
    @Operation(operationId = "selfEvaluateModel", summary = "IMPLEMENTING → SELF_EVALUATED, against the indicators")
    @APIResponseSchema(value = ModelView.class, responseCode = "200", responseDescription = "The model, now SELF_EVALUATED.")
    public Response selfEvaluate(@PathParam("id") UUID id, @HeaderParam(Idempotency.HEADER) String key,
            @HeaderParam("If-Match") String ifMatch, @NotNull @Valid ModelDto.SelfEvaluationInput in) {
        return idempotency.execute(key, "POST " + BASE + "/" + id + "/self-evaluation", in,
                () -> ok(service.selfEvaluate(id, ifMatch, in)));
    }

    @POST
    @Path("{id}/proposal")
    @Transactional
    @RolesAllowed({Roles.ADMIN, Roles.UNIT_OFFICER, Roles.ORG_OFFICER})
    @Operation(operationId = "proposeModel", summary = "SELF_EVALUATED → PROPOSED for recognition to a competent level (a unit at or above)")
    @APIResponseSchema(value = ModelView.class, responseCode = "200", responseDescription = "The model, now PROPOSED.")
    public Response propose(@PathParam("id") UUID id, @HeaderParam(Idempotency.HEADER) String key,
            @HeaderParam("If-Match") String ifMatch, @NotNull @Valid ModelDto.ProposalInput in) {
        return idempotency.execute(key, "POST " + BASE + "/" + id + "/proposal", in,
                () -> ok(service.propose(id, ifMatch, in)));
    }

    @POST
    @Path("{id}/recognition")
    @Transactional
    @RolesAllowed({Roles.ADMIN, Roles.STEERING})
    @Operation(operationId = "recogniseModel", summary = "PROPOSED → RECOGNISED (steering committee covering the unit and the competent level)")
    @APIResponseSchema(value = ModelView.class, responseCode = "200", responseDescription = "The model, now RECOGNISED.")
    public Response recognise(@PathParam("id") UUID id, @HeaderParam(Idempotency.HEADER) String key,
            @HeaderParam("If-Match") String ifMatch, @NotNull @Valid ModelDto.RecognitionInput in) {
        return idempotency.execute(key, "POST " + BASE + "/" + id + "/recognition", in,
                () -> ok(service.recognise(id, ifMatch, in)));
    }

    @POST
    @Path("{id}/rejection")
    @Transactional
    @RolesAllowed({Roles.ADMIN, Roles.STEERING})
    @Operation(operationId = "rejectModel", summary = "PROPOSED → NOT_RECOGNISED, with a reason")
    @APIResponseSchema(value = ModelView.class, responseCode = "200", responseDescription = "The model, now NOT_RECOGNISED.")
    public Response reject(@PathParam("id") UUID id, @HeaderParam(Idempotency.HEADER) String key,
            @HeaderParam("If-Match") String ifMatch, @NotNull @Valid ModelDto.ReasonInput in) {
        return idempotency.execute(key, "POST " + BASE + "/" + id + "/rejection", in,
                () -> ok(service.reject(id, ifMatch, in.reason())));
    }

    @POST
    @Path("{id}/withdrawal")
    @Transactional
    @RolesAllowed({Roles.ADMIN, Roles.UNIT_OFFICER, Roles.ORG_OFFICER})
    @Operation(operationId = "withdrawModel", summary = "Withdraw a model not yet decided on, with a reason")
    @APIResponseSchema(value = ModelView.class, responseCode = "200", responseDescription = "The model, now WITHDRAWN.")
    public Response withdraw(@PathParam("id") UUID id, @HeaderParam(Idempotency.HEADER) String key,
            @HeaderParam("If-Match") String ifMatch, @NotNull @Valid ModelDto.ReasonInput in) {
        return idempotency.execute(key, "POST " + BASE + "/" + id + "/withdrawal", in,
                () -> ok(service.withdraw(id, ifMatch, in.reason())));
    }

    @POST
    @Path("{id}/commendation-proposal")
    @Transactional
    @RolesAllowed({Roles.ADMIN, Roles.UNIT_OFFICER, Roles.ORG_OFFICER})
    @Operation(operationId = "proposeCommendation", summary = "Propose a recognised model for commendation (đề nghị khen thưởng)")
    @APIResponseSchema(value = ModelView.class, responseCode = "200", responseDescription = "The model with its commendation proposal.")
    public Response proposeCommendation(@PathParam("id") UUID id, @HeaderParam(Idempotency.HEADER) String key,
            @HeaderParam("If-Match") String ifMatch, @NotNull @Valid ModelDto.CommendationInput in) {
        return idempotency.execute(key, "POST " + BASE + "/" + id + "/commendation-proposal", in,
                () -> ok(service.proposeCommendation(id, ifMatch, in)));
    }

    @POST
    @Path("{id}/continuation")
    @Transactional
    @RolesAllowed({Roles.ADMIN, Roles.UNIT_OFFICER, Roles.ORG_OFFICER})
    @Operation(operationId = "continueModel", summary = "Continue the model into a later year: a new registration linked to this one")
    @APIResponseSchema(value = ModelView.class, responseCode = "201", responseDescription = "The new registration for the later year.")
    public Response continueInto(@PathParam("id") UUID id, @HeaderParam(Idempotency.HEADER) String key,
            @NotNull @Valid ModelDto.ContinuationInput in) {
        return idempotency.execute(key, "POST " + BASE + "/" + id + "/continuation", in, () -> {
            DvkModel m = service.continueInto(id, in);
            return Response.created(URI.create(BASE + "/" + m.id)).tag(ETags.of(m.version)).entity(service.view(m))
                    .build();
        });
    }

    @GET
    @Path("{id}/history")
    @Operation(operationId = "getModelHistory", summary = "Every action on the model: who, when, why (transitions with from → to)")
    public List<ModelDto.HistoryView> history(@PathParam("id") UUID id) {
        return service.history(id);
    }

    private Response ok(DvkModel m) {
        m.flush();
        return Response.ok(service.view(m)).tag(ETags.of(m.version)).build();
    }
}
