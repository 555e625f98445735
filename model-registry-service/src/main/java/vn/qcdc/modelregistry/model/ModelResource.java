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
    @Operation(summary = "Register a model (the organisation's officer at its unit, a unit officer, or admin)")
    public Response register(@HeaderParam(Idempotency.HEADER) String key, @NotNull @Valid ModelInput in) {
        return idempotency.execute(key, "POST " + BASE, in, () -> {
            DvkModel m = service.register(in, null);
            return Response.created(URI.create(BASE + "/" + m.id)).tag(ETags.of(m.version)).entity(service.view(m))
                    .build();
        });
    }

    @GET
    @Operation(summary = "List models within a unit (and the units below it or merged into it), filtered and sorted", description = "sort: year | -year (default) | name | -name | createdAt | -createdAt; q: search in name"
            + " and holder, ignoring diacritics")
    public Page<ModelView> list(@QueryParam("unit") String unit, @QueryParam("year") Integer year,
            @QueryParam("orgType") String orgType, @QueryParam("field") String field, @QueryParam("kind") String kind,
            @QueryParam("status") String status, @QueryParam("outstanding") String outstanding,
            @QueryParam("q") String q, @QueryParam("sort") String sort, @QueryParam("cursor") String cursor,
            @QueryParam("limit") Integer limit) {
        return service.list(ModelFilter.of(unit, year, orgType, field, kind, status, outstanding, q), sort, cursor,
                limit);
    }

    @GET
    @Path("export.csv")
    @Produces("text/csv")
    @Operation(summary = "The filtered list as CSV (UTF-8 with BOM, opens in a spreadsheet with Vietnamese text)")
    public Response export(@QueryParam("unit") String unit, @QueryParam("year") Integer year,
            @QueryParam("orgType") String orgType, @QueryParam("field") String field, @QueryParam("kind") String kind,
            @QueryParam("status") String status, @QueryParam("outstanding") String outstanding,
            @QueryParam("q") String q, @QueryParam("sort") String sort) {
        List<DvkModel> rows = service.all(ModelFilter.of(unit, year, orgType, field, kind, status, outstanding, q),
                sort, CsvExport.MAX_ROWS);
        return CsvExport.attachment(csv.models(rows), "mo-hinh-dan-van-kheo.csv");
    }

    @GET
    @Path("{id}")
    @Transactional
    @Operation(summary = "One model; ETag carries its version")
    public Response get(@PathParam("id") UUID id) {
        return ok(service.find(id));
    }

    @PUT
    @Path("{id}")
    @Transactional
    @RolesAllowed({Roles.ADMIN, Roles.UNIT_OFFICER, Roles.ORG_OFFICER})
    @Operation(summary = "Replace the registration details (while REGISTERED or IMPLEMENTING); send If-Match")
    public Response update(@PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch,
            @NotNull @Valid ModelInput in) {
        return ok(service.update(id, ifMatch, in));
    }

    @POST
    @Path("{id}/start")
    @Transactional
    @RolesAllowed({Roles.ADMIN, Roles.UNIT_OFFICER, Roles.ORG_OFFICER})
    @Operation(summary = "REGISTERED → IMPLEMENTING")
    public Response start(@PathParam("id") UUID id, @HeaderParam(Idempotency.HEADER) String key,
            @HeaderParam("If-Match") String ifMatch, @NotNull @Valid ModelDto.NoteInput in) {
        return idempotency.execute(key, "POST " + BASE + "/" + id + "/start", in,
                () -> ok(service.start(id, ifMatch, in.note())));
    }

    @POST
    @Path("{id}/reports")
    @Transactional
    @RolesAllowed({Roles.ADMIN, Roles.UNIT_OFFICER, Roles.ORG_OFFICER})
    @Operation(summary = "Report results during implementation: achieved indicator values, text, evidence")
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
    @Operation(summary = "The result reports of a model, oldest first")
    public List<ModelDto.ReportView> reports(@PathParam("id") UUID id) {
        return service.reports(id);
    }

    @POST
    @Path("{id}/evidence")
    @Transactional
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @RolesAllowed({Roles.ADMIN, Roles.UNIT_OFFICER, Roles.ORG_OFFICER})
    @Operation(summary = "Upload an evidence file (multipart field 'file'); size-limited, SHA-256 recorded")
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
    @Operation(summary = "Download an uploaded evidence file; its SHA-256 is in the Digest header")
    public Response download(@PathParam("id") UUID id, @PathParam("evidenceId") UUID evidenceId) {
        EvidenceFile f = service.evidenceFile(id, evidenceId);
        return Downloads.attachment(f.content, f.contentType, f.fileName).header("X-Content-SHA256", f.sha256).build();
    }

    @POST
    @Path("{id}/self-evaluation")
    @Transactional
    @RolesAllowed({Roles.ADMIN, Roles.UNIT_OFFICER, Roles.ORG_OFFICER})
    @Operation(summary = "IMPLEMENTING → SELF_EVALUATED, against the indicators")
    public Response selfEvaluate(@PathParam("id") UUID id, @HeaderParam(Idempotency.HEADER) String key,
            @HeaderParam("If-Match") String ifMatch, @NotNull @Valid ModelDto.SelfEvaluationInput in) {
        return idempotency.execute(key, "POST " + BASE + "/" + id + "/self-evaluation", in,
                () -> ok(service.selfEvaluate(id, ifMatch, in)));
    }

    @POST
    @Path("{id}/proposal")
    @Transactional
    @RolesAllowed({Roles.ADMIN, Roles.UNIT_OFFICER, Roles.ORG_OFFICER})
    @Operation(summary = "SELF_EVALUATED → PROPOSED for recognition to a competent level (a unit at or above)")
    public Response propose(@PathParam("id") UUID id, @HeaderParam(Idempotency.HEADER) String key,
            @HeaderParam("If-Match") String ifMatch, @NotNull @Valid ModelDto.ProposalInput in) {
        return idempotency.execute(key, "POST " + BASE + "/" + id + "/proposal", in,
                () -> ok(service.propose(id, ifMatch, in)));
    }

    @POST
    @Path("{id}/recognition")
    @Transactional
    @RolesAllowed({Roles.ADMIN, Roles.STEERING})
    @Operation(summary = "PROPOSED → RECOGNISED (steering committee covering the unit and the competent level)")
    public Response recognise(@PathParam("id") UUID id, @HeaderParam(Idempotency.HEADER) String key,
            @HeaderParam("If-Match") String ifMatch, @NotNull @Valid ModelDto.RecognitionInput in) {
        return idempotency.execute(key, "POST " + BASE + "/" + id + "/recognition", in,
                () -> ok(service.recognise(id, ifMatch, in)));
    }

    @POST
    @Path("{id}/rejection")
    @Transactional
    @RolesAllowed({Roles.ADMIN, Roles.STEERING})
    @Operation(summary = "PROPOSED → NOT_RECOGNISED, with a reason")
    public Response reject(@PathParam("id") UUID id, @HeaderParam(Idempotency.HEADER) String key,
            @HeaderParam("If-Match") String ifMatch, @NotNull @Valid ModelDto.ReasonInput in) {
        return idempotency.execute(key, "POST " + BASE + "/" + id + "/rejection", in,
                () -> ok(service.reject(id, ifMatch, in.reason())));
    }

    @POST
    @Path("{id}/withdrawal")
    @Transactional
    @RolesAllowed({Roles.ADMIN, Roles.UNIT_OFFICER, Roles.ORG_OFFICER})
    @Operation(summary = "Withdraw a model not yet decided on, with a reason")
    public Response withdraw(@PathParam("id") UUID id, @HeaderParam(Idempotency.HEADER) String key,
            @HeaderParam("If-Match") String ifMatch, @NotNull @Valid ModelDto.ReasonInput in) {
        return idempotency.execute(key, "POST " + BASE + "/" + id + "/withdrawal", in,
                () -> ok(service.withdraw(id, ifMatch, in.reason())));
    }

    @POST
    @Path("{id}/commendation-proposal")
    @Transactional
    @RolesAllowed({Roles.ADMIN, Roles.UNIT_OFFICER, Roles.ORG_OFFICER})
    @Operation(summary = "Propose a recognised model for commendation (đề nghị khen thưởng)")
    public Response proposeCommendation(@PathParam("id") UUID id, @HeaderParam(Idempotency.HEADER) String key,
            @HeaderParam("If-Match") String ifMatch, @NotNull @Valid ModelDto.CommendationInput in) {
        return idempotency.execute(key, "POST " + BASE + "/" + id + "/commendation-proposal", in,
                () -> ok(service.proposeCommendation(id, ifMatch, in)));
    }

    @POST
    @Path("{id}/continuation")
    @Transactional
    @RolesAllowed({Roles.ADMIN, Roles.UNIT_OFFICER, Roles.ORG_OFFICER})
    @Operation(summary = "Continue the model into a later year: a new registration linked to this one")
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
    @Operation(summary = "Every action on the model: who, when, why (transitions with from → to)")
    public List<ModelDto.HistoryView> history(@PathParam("id") UUID id) {
        return service.history(id);
    }

    private Response ok(DvkModel m) {
        m.flush();
        return Response.ok(service.view(m)).tag(ETags.of(m.version)).build();
    }
}
