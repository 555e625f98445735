package vn.qcdc.inspection.inspection;

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
import jakarta.ws.rs.PUT;
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

import vn.qcdc.api.ETags;
import vn.qcdc.api.files.Downloads;
import vn.qcdc.api.idempotency.Idempotency;
import vn.qcdc.api.paging.Page;
import vn.qcdc.api.security.Roles;
import vn.qcdc.inspection.access.InspectionOperations;
import vn.qcdc.inspection.history.ChangeHistory;
import vn.qcdc.inspection.inspection.InspectionDto.ConclusionInput;
import vn.qcdc.inspection.inspection.InspectionDto.EvidenceLinkInput;
import vn.qcdc.inspection.inspection.InspectionDto.EvidenceView;
import vn.qcdc.inspection.inspection.InspectionDto.FindingInput;
import vn.qcdc.inspection.inspection.InspectionDto.FindingView;
import vn.qcdc.inspection.inspection.InspectionDto.InspectionInput;
import vn.qcdc.inspection.inspection.InspectionDto.InspectionUpdate;
import vn.qcdc.inspection.inspection.InspectionDto.InspectionView;
import vn.qcdc.inspection.inspection.InspectionDto.ReasonInput;

@Path("/api/v1/inspections")
@Tag(name = "Inspections", description = "Buổi kiểm tra: inspections, findings, evidence and conclusions")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.ADMIN, Roles.STEERING, Roles.INTEGRATION, Roles.VIEWER, Roles.UNIT_OFFICER, Roles.ORG_OFFICER})
public class InspectionResource {

    private static final String BASE = "/api/v1/inspections/";

    @Inject
    InspectionService service;

    @Inject
    ChangeHistory history;

    @Inject
    Idempotency idempotency;

    @POST
    @Transactional
    @RolesAllowed({Roles.ADMIN, Roles.STEERING})
    @Operation(operationId = "scheduleInspection", summary = "Schedule an inspection of a ward/commune by a delegation (steering committee of the unit)")
    @APIResponseSchema(value = InspectionView.class, responseCode = "201", responseDescription = "The inspection scheduled (PLANNED).")
    public Response schedule(@HeaderParam(Idempotency.HEADER) String key, @NotNull @Valid InspectionInput in) {
        return idempotency.execute(key, "POST /api/v1/inspections", in, () -> {
            Inspection i = service.schedule(in);
            return Response.created(URI.create(BASE + i.id)).tag(ETags.of(i.version)).entity(service.view(i))
                    .build();
        });
    }

    @GET
    @Operation(operationId = "listInspections", summary = "List inspections within a unit (default: the caller's), latest first")
    public Page<InspectionView> list(@QueryParam("unit") String unit, @QueryParam("year") Integer year,
            @Parameter(schema = @Schema(implementation = Inspection.Status.class)) @QueryParam("status") String status,
            @QueryParam("q") String q, @QueryParam("cursor") String cursor,
            @QueryParam("limit") Integer limit) {
        return service.list(unit, year, status, q, cursor, limit);
    }

    @GET
    @Path("{id}")
    @Transactional
    @Operation(operationId = "getInspection", summary = "An inspection with its conclusion and the \"Dân vận khéo\" figures of the unit and year")
    @APIResponseSchema(value = InspectionView.class, responseCode = "200", responseDescription = "The inspection.")
    public Response get(@PathParam("id") UUID id) {
        Inspection i = service.find(id);
        return Response.ok(service.view(i)).tag(ETags.of(i.version)).build();
    }

    @PUT
    @Path("{id}")
    @Transactional
    @RolesAllowed({Roles.ADMIN, Roles.STEERING})
    @Operation(operationId = "updateInspection", summary = "Change a planned or running inspection; If-Match with its ETag")
    @APIResponseSchema(value = InspectionView.class, responseCode = "200", responseDescription = "The inspection as changed.")
    public Response update(@PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch,
            @NotNull @Valid InspectionUpdate in) {
        return current(service.update(id, ifMatch, in));
    }

    @POST
    @Path("{id}/start")
    @Consumes(MediaType.WILDCARD)
    @Transactional
    @RolesAllowed({Roles.ADMIN, Roles.STEERING})
    @Operation(operationId = "startInspection", summary = "PLANNED → IN_PROGRESS: the working session starts")
    @APIResponseSchema(value = InspectionView.class, responseCode = "200", responseDescription = "The inspection, now IN_PROGRESS.")
    public Response start(@PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch,
            @HeaderParam(Idempotency.HEADER) String key) {
        return idempotency.execute(key, "POST /api/v1/inspections/" + id + "/start", Map.of(),
                () -> current(service.start(id, ifMatch)));
    }

    @POST
    @Path("{id}/cancel")
    @Transactional
    @RolesAllowed({Roles.ADMIN, Roles.STEERING})
    @Operation(operationId = "cancelInspection", summary = "Cancel a planned or running inspection, with a reason")
    @APIResponseSchema(value = InspectionView.class, responseCode = "200", responseDescription = "The inspection, now CANCELLED.")
    public Response cancel(@PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch,
            @HeaderParam(Idempotency.HEADER) String key, @NotNull @Valid ReasonInput in) {
        return idempotency.execute(key, "POST /api/v1/inspections/" + id + "/cancel", in,
                () -> current(service.cancel(id, ifMatch, in.reason())));
    }

    @POST
    @Path("{id}/conclusion")
    @Transactional
    @RolesAllowed({Roles.ADMIN, Roles.STEERING})
    @Operation(operationId = "concludeInspection", summary = "Issue the conclusion: freezes the findings and issues its recommendations")
    @APIResponseSchema(value = InspectionView.class, responseCode = "200", responseDescription = "The inspection, now CONCLUDED, with its conclusion.")
    public Response conclude(@PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch,
            @HeaderParam(Idempotency.HEADER) String key, @NotNull @Valid ConclusionInput in) {
        return idempotency.execute(key, "POST /api/v1/inspections/" + id + "/conclusion", in,
                () -> current(service.conclude(id, ifMatch, in)));
    }

    @GET
    @Path("{id}/history")
    @Transactional
    @Operation(operationId = "getInspectionHistory", summary = "Every change of the inspection, its findings, evidence and recommendations: who, when, what")
    public List<ChangeHistory.Entry> history(@PathParam("id") UUID id) {
        return history.ofInspection(service.find(id, InspectionOperations.READ_INSPECTION_HISTORY).id);
    }

    // --- findings ---

    @POST
    @Path("{id}/findings")
    @Transactional
    @RolesAllowed({Roles.ADMIN, Roles.STEERING})
    @Operation(operationId = "addFinding", summary = "Record a finding; after the conclusion it is recorded as an amendment")
    @APIResponseSchema(value = FindingView.class, responseCode = "201", responseDescription = "The finding recorded.")
    public Response addFinding(@PathParam("id") UUID id, @HeaderParam(Idempotency.HEADER) String key,
            @NotNull @Valid FindingInput in) {
        return idempotency.execute(key, "POST /api/v1/inspections/" + id + "/findings", in, () -> {
            Finding f = service.addFinding(id, in);
            return Response.created(URI.create(BASE + id + "/findings/" + f.id)).tag(ETags.of(f.version))
                    .entity(InspectionService.view(f)).build();
        });
    }

    @GET
    @Path("{id}/findings")
    @Transactional
    @Operation(operationId = "listFindings", summary = "Findings, amendments included (superseded ones flagged)")
    public List<FindingView> findings(@PathParam("id") UUID id) {
        return service.findings(id).stream().map(InspectionService::view).toList();
    }

    @PUT
    @Path("{id}/findings/{findingId}")
    @Transactional
    @RolesAllowed({Roles.ADMIN, Roles.STEERING})
    @Operation(operationId = "changeFinding", summary = "Change a finding (If-Match); after the conclusion the change becomes an amendment")
    @APIResponseSchema(value = FindingView.class, responseCode = "200", responseDescription = "The finding as changed (an amendment after the conclusion).")
    public Response changeFinding(@PathParam("id") UUID id, @PathParam("findingId") UUID findingId,
            @HeaderParam("If-Match") String ifMatch, @NotNull @Valid FindingInput in) {
        Finding f = service.changeFinding(id, findingId, ifMatch, in);
        f.flush();
        return Response.ok(InspectionService.view(f)).tag(ETags.of(f.version)).build();
    }

    // --- evidence ---

    @POST
    @Path("{id}/evidence")
    @Transactional
    @RolesAllowed({Roles.ADMIN, Roles.STEERING})
    @Operation(operationId = "linkEvidence", summary = "Record a reviewed document linked by URI")
    @APIResponseSchema(value = EvidenceView.class, responseCode = "201", responseDescription = "The evidence recorded.")
    public Response linkEvidence(@PathParam("id") UUID id, @HeaderParam(Idempotency.HEADER) String key,
            @NotNull @Valid EvidenceLinkInput in) {
        return idempotency.execute(key, "POST /api/v1/inspections/" + id + "/evidence", in, () -> {
            Evidence e = service.linkEvidence(id, in);
            return Response.created(URI.create(BASE + id + "/evidence/" + e.id)).entity(InspectionService.view(e))
                    .build();
        });
    }

    @POST
    @Path("{id}/evidence/upload")
    @Transactional
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @RolesAllowed({Roles.ADMIN, Roles.STEERING})
    @Operation(operationId = "uploadEvidence", summary = "Upload a reviewed document (multipart: file, title, kind, referenceNumber, documentDate;"
            + " at most 10 MB); stored with its SHA-256")
    @APIResponseSchema(value = EvidenceView.class, responseCode = "201", responseDescription = "The evidence stored, with its SHA-256.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.MULTIPART_FORM_DATA, schema = @Schema(implementation = EvidenceUpload.Form.class)))
    public Response upload(@PathParam("id") UUID id, @HeaderParam(Idempotency.HEADER) String key,
            @RestForm("file") FileUpload file, @RestForm("title") String title, @RestForm("kind") String kind,
            @RestForm("referenceNumber") String referenceNumber, @RestForm("documentDate") String documentDate) {
        EvidenceUpload upload = EvidenceUpload.read(file, title, kind, referenceNumber, documentDate);
        return idempotency.execute(key, "POST /api/v1/inspections/" + id + "/evidence/upload", upload.request(), () -> {
            Evidence e = service.uploadEvidence(id, upload);
            return Response.created(URI.create(BASE + id + "/evidence/" + e.id)).entity(InspectionService.view(e))
                    .build();
        });
    }

    @GET
    @Path("{id}/evidence")
    @Transactional
    @Operation(operationId = "listEvidence", summary = "Documents reviewed")
    public List<EvidenceView> evidence(@PathParam("id") UUID id) {
        return service.evidence(id).stream().map(InspectionService::view).toList();
    }

    @GET
    @Path("{id}/evidence/{evidenceId}/content")
    @Transactional
    @Produces(MediaType.WILDCARD)
    @Operation(operationId = "downloadEvidence", summary = "Download an uploaded document; the X-Content-SHA256 header carries its stored hash")
    @APIResponse(responseCode = "200", description = "The file, as an attachment with its stored media type (active types such as HTML, SVG, XML or JavaScript as application/octet-stream).", headers = {
            @Header(name = "Content-Disposition", ref = "Content-Disposition"),
            @Header(name = "X-Content-SHA256", description = "SHA-256 of the stored file, in hexadecimal.", schema = @Schema(type = SchemaType.STRING))}, content = @Content(mediaType = "*/*", schema = @Schema(type = SchemaType.STRING, format = "binary")))
    public Response download(@PathParam("id") UUID id, @PathParam("evidenceId") UUID evidenceId) {
        Map.Entry<Evidence, byte[]> found = service.evidenceContent(id, evidenceId);
        Evidence e = found.getKey();
        return Downloads.attachment(found.getValue(), e.contentType, e.fileName).header("X-Content-SHA256", e.sha256)
                .build();
    }

    private Response current(Inspection i) {
        i.flush();
        return Response.ok(service.view(i)).tag(ETags.of(i.version)).build();
    }
}
