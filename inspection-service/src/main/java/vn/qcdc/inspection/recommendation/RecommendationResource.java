package vn.qcdc.inspection.recommendation;

import java.net.URI;
import java.util.List;
import java.util.Map;
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
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

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

import io.smallrye.mutiny.Uni;

import vn.qcdc.api.ETags;
import vn.qcdc.api.files.Downloads;
import vn.qcdc.api.idempotency.Idempotency;
import vn.qcdc.api.paging.Page;
import vn.qcdc.api.problem.ProblemException;
import vn.qcdc.api.security.Roles;
import vn.qcdc.events.BodyType;
import vn.qcdc.inspection.access.InspectionOperations;
import vn.qcdc.inspection.history.ChangeHistory;
import vn.qcdc.inspection.inspection.Evidence;
import vn.qcdc.inspection.inspection.EvidenceUpload;
import vn.qcdc.inspection.inspection.InspectionDto.EvidenceView;
import vn.qcdc.inspection.inspection.InspectionDto.ReasonInput;
import vn.qcdc.inspection.inspection.InspectionService;
import vn.qcdc.inspection.recommendation.RecommendationDto.CompletionInput;
import vn.qcdc.inspection.recommendation.RecommendationDto.DeadlineInput;
import vn.qcdc.inspection.recommendation.RecommendationDto.ProgressInput;
import vn.qcdc.inspection.recommendation.RecommendationDto.RecommendationView;
import vn.qcdc.inspection.recommendation.RecommendationDto.ReportView;
import vn.qcdc.inspection.recommendation.RecommendationDto.VerifyInput;

@Path("/api/v1/recommendations")
@Tag(name = "Recommendations", description = "Đề nghị, kiến nghị: follow-up of recommendations to verification")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.ADMIN, Roles.STEERING, Roles.INTEGRATION, Roles.VIEWER, Roles.UNIT_OFFICER, Roles.ORG_OFFICER})
public class RecommendationResource {

    private static final String OP = "POST /api/v1/recommendations/";

    @Inject
    RecommendationService service;

    @Inject
    ChangeHistory history;

    @Inject
    Idempotency idempotency;

    @GET
    @Operation(operationId = "listRecommendations", summary = "Recommendations across inspections: filters unit (with units below and merged), addressee"
            + " (body type), status, overdue, dueFrom/dueTo, year, inspection, q (diacritics-insensitive);"
            + " sort dueDate|-dueDate|createdAt|-createdAt; cursor pagination")
    public Uni<Page<RecommendationView>> list(@QueryParam("unit") String unit,
            @Parameter(schema = @Schema(implementation = BodyType.class)) @QueryParam("addressee") String addressee,
            @Parameter(schema = @Schema(implementation = Recommendation.Status.class)) @QueryParam("status") String status,
            @Parameter(schema = @Schema(type = SchemaType.BOOLEAN)) @QueryParam("overdue") String overdue,
            @Parameter(schema = @Schema(type = SchemaType.STRING, format = "date")) @QueryParam("dueFrom") String dueFrom,
            @Parameter(schema = @Schema(type = SchemaType.STRING, format = "date")) @QueryParam("dueTo") String dueTo,
            @QueryParam("year") Integer year,
            @QueryParam("inspection") UUID inspection, @QueryParam("q") String q,
            @Parameter(schema = @Schema(type = SchemaType.STRING, enumeration = {"dueDate", "-dueDate", "createdAt",
                    "-createdAt"})) @QueryParam("sort") String sort,
            @QueryParam("cursor") String cursor, @QueryParam("limit") Integer limit) {
        Boolean overdueFlag = null;
        if (overdue != null) {
            if (!overdue.equals("true") && !overdue.equals("false")) {
                throw ProblemException.invalidField("overdue", "unknown-value", "true, false");
            }
            overdueFlag = Boolean.valueOf(overdue);
        }
        return service.list(new RecommendationService.Filter(unit, addressee, status, overdueFlag, dueFrom, dueTo, year,
                inspection, q, sort, cursor, limit));
    }

    @GET
    @Path("{id}")
    @Operation(operationId = "getRecommendation", summary = "One recommendation; its ETag carries its version")
    @APIResponseSchema(value = RecommendationView.class, responseCode = "200", responseDescription = "The recommendation.")
    public Uni<Response> get(@PathParam("id") UUID id) {
        return service.view(id).map(r -> Response.ok(r).tag(ETags.of(r.version())).build());
    }

    @GET
    @Path("{id}/reports")
    @Transactional
    @Operation(operationId = "listRecommendationReports", summary = "Progress and completion reports of the addressees")
    public List<ReportView> reports(@PathParam("id") UUID id) {
        return service.reports(id).stream().map(RecommendationService::view).toList();
    }

    @GET
    @Path("{id}/history")
    @Transactional
    @Operation(operationId = "getRecommendationHistory", summary = "Every change of the recommendation: who, when, what (deadline changes with their reasons)")
    public List<ChangeHistory.Entry> history(@PathParam("id") UUID id) {
        return history.ofRecommendation(service.find(id, InspectionOperations.READ_RECOMMENDATION_HISTORY).id);
    }

    @POST
    @Path("{id}/progress")
    @Transactional
    @RolesAllowed({Roles.ADMIN, Roles.UNIT_OFFICER, Roles.ORG_OFFICER, Roles.INTEGRATION})
    @Operation(operationId = "reportProgress", summary = "An addressee reports progress (unit officer of the unit, org officer of an addressed body)")
    @APIResponseSchema(value = RecommendationView.class, responseCode = "200", responseDescription = "The recommendation with the progress recorded.")
    public Response progress(@PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch,
            @HeaderParam(Idempotency.HEADER) String key, @NotNull @Valid ProgressInput in) {
        return idempotency.execute(key, OP + id + "/progress", in,
                () -> current(service.reportProgress(id, ifMatch, in)));
    }

    @POST
    @Path("{id}/completion")
    @Transactional
    @RolesAllowed({Roles.ADMIN, Roles.UNIT_OFFICER, Roles.ORG_OFFICER, Roles.INTEGRATION})
    @Operation(operationId = "reportCompletion", summary = "An addressee reports completion with evidence; the steering side then verifies")
    @APIResponseSchema(value = RecommendationView.class, responseCode = "200", responseDescription = "The recommendation, now COMPLETION_REPORTED.")
    public Response completion(@PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch,
            @HeaderParam(Idempotency.HEADER) String key, @NotNull @Valid CompletionInput in) {
        return idempotency.execute(key, OP + id + "/completion", in,
                () -> current(service.reportCompletion(id, ifMatch, in)));
    }

    @POST
    @Path("{id}/evidence/upload")
    @Transactional
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @RolesAllowed({Roles.ADMIN, Roles.UNIT_OFFICER, Roles.ORG_OFFICER, Roles.INTEGRATION})
    @Operation(operationId = "uploadReportEvidence", summary = "An addressee uploads the evidence of its own report (multipart as for an inspection's"
            + " evidence, at most 10 MB); stored among the inspection's documents with its SHA-256, then named in a"
            + " progress or completion report by its id")
    @APIResponseSchema(value = EvidenceView.class, responseCode = "201", responseDescription = "The evidence stored, with its id and SHA-256.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.MULTIPART_FORM_DATA, schema = @Schema(implementation = EvidenceUpload.Form.class)))
    public Response uploadEvidence(@PathParam("id") UUID id, @HeaderParam(Idempotency.HEADER) String key,
            @RestForm("file") FileUpload file, @RestForm("title") String title, @RestForm("kind") String kind,
            @RestForm("referenceNumber") String referenceNumber, @RestForm("documentDate") String documentDate) {
        EvidenceUpload upload = EvidenceUpload.read(file, title, kind, referenceNumber, documentDate);
        return idempotency.execute(key, OP + id + "/evidence/upload", upload.request(), () -> {
            Evidence e = service.uploadEvidence(id, upload);
            return Response.created(URI.create("/api/v1/inspections/" + e.inspectionId + "/evidence/" + e.id))
                    .entity(InspectionService.view(e)).build();
        });
    }

    @GET
    @Path("{id}/evidence")
    @Transactional
    @Operation(operationId = "listRecommendationEvidence", summary = "The files the addressees' reports name as their evidence"
            + " (uploaded documents; linked ones are in the reports), oldest first, each with the address it is"
            + " downloaded from through this recommendation")
    public List<EvidenceView> evidence(@PathParam("id") UUID id) {
        return service.reportEvidence(id).stream().map(e -> RecommendationService.evidenceView(id, e)).toList();
    }

    @GET
    @Path("{id}/evidence/{evidenceId}/content")
    @Transactional
    @Produces(MediaType.WILDCARD)
    @Operation(operationId = "downloadRecommendationEvidence", summary = "Download a file a report of the recommendation names,"
            + " for whoever reads the recommendation; the X-Content-SHA256 header carries its stored hash")
    @APIResponse(responseCode = "200", description = "The file, as an attachment under its original name with its stored media type (active types such as HTML, SVG, XML or JavaScript as application/octet-stream).", headers = {
            @Header(name = "Content-Disposition", ref = "Content-Disposition"),
            @Header(name = "X-Content-SHA256", description = "SHA-256 of the stored file, in hexadecimal.", schema = @Schema(type = SchemaType.STRING))}, content = @Content(mediaType = "*/*", schema = @Schema(type = SchemaType.STRING, format = "binary")))
    public Response download(@PathParam("id") UUID id, @PathParam("evidenceId") UUID evidenceId) {
        Map.Entry<Evidence, byte[]> found = service.reportEvidenceContent(id, evidenceId);
        Evidence e = found.getKey();
        return Downloads.attachment(found.getValue(), e.contentType, e.fileName).header("X-Content-SHA256", e.sha256)
                .build();
    }

    @POST
    @Path("{id}/verify")
    @Transactional
    @RolesAllowed({Roles.ADMIN, Roles.STEERING})
    @Operation(operationId = "verifyRecommendation", summary = "COMPLETION_REPORTED → VERIFIED (steering committee of the unit)")
    @APIResponseSchema(value = RecommendationView.class, responseCode = "200", responseDescription = "The recommendation, now VERIFIED.")
    public Response verify(@PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch,
            @HeaderParam(Idempotency.HEADER) String key, @NotNull @Valid VerifyInput in) {
        return idempotency.execute(key, OP + id + "/verify", in,
                () -> current(service.verify(id, ifMatch, in.note(), in.verifiedOn())));
    }

    @POST
    @Path("{id}/reject")
    @Transactional
    @RolesAllowed({Roles.ADMIN, Roles.STEERING})
    @Operation(operationId = "rejectCompletion", summary = "COMPLETION_REPORTED → IN_PROGRESS with a reason")
    @APIResponseSchema(value = RecommendationView.class, responseCode = "200", responseDescription = "The recommendation, back IN_PROGRESS.")
    public Response reject(@PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch,
            @HeaderParam(Idempotency.HEADER) String key, @NotNull @Valid ReasonInput in) {
        return idempotency.execute(key, OP + id + "/reject", in,
                () -> current(service.reject(id, ifMatch, in.reason())));
    }

    @POST
    @Path("{id}/deadline")
    @Transactional
    @RolesAllowed({Roles.ADMIN, Roles.STEERING})
    @Operation(operationId = "changeDeadline", summary = "Change (extend) the due date with a reason, kept in the history")
    @APIResponseSchema(value = RecommendationView.class, responseCode = "200", responseDescription = "The recommendation with its new due date.")
    public Response deadline(@PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch,
            @HeaderParam(Idempotency.HEADER) String key, @NotNull @Valid DeadlineInput in) {
        return idempotency.execute(key, OP + id + "/deadline", in,
                () -> current(service.changeDeadline(id, ifMatch, in)));
    }

    @POST
    @Path("{id}/cancel")
    @Transactional
    @RolesAllowed({Roles.ADMIN, Roles.STEERING})
    @Operation(operationId = "cancelRecommendation", summary = "Cancel with a reason")
    @APIResponseSchema(value = RecommendationView.class, responseCode = "200", responseDescription = "The recommendation, now CANCELLED.")
    public Response cancel(@PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch,
            @HeaderParam(Idempotency.HEADER) String key, @NotNull @Valid ReasonInput in) {
        return idempotency.execute(key, OP + id + "/cancel", in,
                () -> current(service.cancel(id, ifMatch, in.reason())));
    }

    /** A changed recommendation as it now is, with the ETag of its new version. */
    private static Response current(RecommendationView r) {
        return Response.ok(r).tag(ETags.of(r.version())).build();
    }
}
