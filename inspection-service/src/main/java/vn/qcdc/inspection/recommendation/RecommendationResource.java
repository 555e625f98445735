package vn.qcdc.inspection.recommendation;

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
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import vn.qcdc.api.ETags;
import vn.qcdc.api.idempotency.Idempotency;
import vn.qcdc.api.paging.Page;
import vn.qcdc.api.problem.ProblemException;
import vn.qcdc.api.security.Roles;
import vn.qcdc.inspection.access.InspectionOperations;
import vn.qcdc.inspection.history.ChangeHistory;
import vn.qcdc.inspection.inspection.InspectionDto.ReasonInput;
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
    @Operation(summary = "Recommendations across inspections: filters unit (with units below and merged), addressee"
            + " (body type), status, overdue, dueFrom/dueTo, year, inspection, q (diacritics-insensitive);"
            + " sort dueDate|-dueDate|createdAt|-createdAt; cursor pagination")
    public Page<RecommendationView> list(@QueryParam("unit") String unit, @QueryParam("addressee") String addressee,
            @QueryParam("status") String status, @QueryParam("overdue") String overdue,
            @QueryParam("dueFrom") String dueFrom, @QueryParam("dueTo") String dueTo, @QueryParam("year") Integer year,
            @QueryParam("inspection") UUID inspection, @QueryParam("q") String q, @QueryParam("sort") String sort,
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
    @Transactional
    public Response get(@PathParam("id") UUID id) {
        return current(service.find(id));
    }

    @GET
    @Path("{id}/reports")
    @Transactional
    @Operation(summary = "Progress and completion reports of the addressees")
    public List<ReportView> reports(@PathParam("id") UUID id) {
        return service.reports(id).stream().map(RecommendationService::view).toList();
    }

    @GET
    @Path("{id}/history")
    @Transactional
    @Operation(summary = "Every change of the recommendation: who, when, what (deadline changes with their reasons)")
    public List<ChangeHistory.Entry> history(@PathParam("id") UUID id) {
        return history.ofRecommendation(service.find(id, InspectionOperations.READ_RECOMMENDATION_HISTORY).id);
    }

    @POST
    @Path("{id}/progress")
    @Transactional
    @RolesAllowed({Roles.ADMIN, Roles.UNIT_OFFICER, Roles.ORG_OFFICER, Roles.INTEGRATION})
    @Operation(summary = "An addressee reports progress (unit officer of the unit, org officer of an addressed body)")
    public Response progress(@PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch,
            @HeaderParam(Idempotency.HEADER) String key, @NotNull @Valid ProgressInput in) {
        return idempotency.execute(key, OP + id + "/progress", in,
                () -> current(service.reportProgress(id, ifMatch, in)));
    }

    @POST
    @Path("{id}/completion")
    @Transactional
    @RolesAllowed({Roles.ADMIN, Roles.UNIT_OFFICER, Roles.ORG_OFFICER, Roles.INTEGRATION})
    @Operation(summary = "An addressee reports completion with evidence; the steering side then verifies")
    public Response completion(@PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch,
            @HeaderParam(Idempotency.HEADER) String key, @NotNull @Valid CompletionInput in) {
        return idempotency.execute(key, OP + id + "/completion", in,
                () -> current(service.reportCompletion(id, ifMatch, in)));
    }

    @POST
    @Path("{id}/verify")
    @Transactional
    @RolesAllowed({Roles.ADMIN, Roles.STEERING})
    @Operation(summary = "COMPLETION_REPORTED → VERIFIED (steering committee of the unit)")
    public Response verify(@PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch,
            @HeaderParam(Idempotency.HEADER) String key, @NotNull @Valid VerifyInput in) {
        return idempotency.execute(key, OP + id + "/verify", in,
                () -> current(service.verify(id, ifMatch, in.note())));
    }

    @POST
    @Path("{id}/reject")
    @Transactional
    @RolesAllowed({Roles.ADMIN, Roles.STEERING})
    @Operation(summary = "COMPLETION_REPORTED → IN_PROGRESS with a reason")
    public Response reject(@PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch,
            @HeaderParam(Idempotency.HEADER) String key, @NotNull @Valid ReasonInput in) {
        return idempotency.execute(key, OP + id + "/reject", in,
                () -> current(service.reject(id, ifMatch, in.reason())));
    }

    @POST
    @Path("{id}/deadline")
    @Transactional
    @RolesAllowed({Roles.ADMIN, Roles.STEERING})
    @Operation(summary = "Change (extend) the due date with a reason, kept in the history")
    public Response deadline(@PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch,
            @HeaderParam(Idempotency.HEADER) String key, @NotNull @Valid DeadlineInput in) {
        return idempotency.execute(key, OP + id + "/deadline", in,
                () -> current(service.changeDeadline(id, ifMatch, in)));
    }

    @POST
    @Path("{id}/cancel")
    @Transactional
    @RolesAllowed({Roles.ADMIN, Roles.STEERING})
    @Operation(summary = "Cancel with a reason")
    public Response cancel(@PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch,
            @HeaderParam(Idempotency.HEADER) String key, @NotNull @Valid ReasonInput in) {
        return idempotency.execute(key, OP + id + "/cancel", in,
                () -> current(service.cancel(id, ifMatch, in.reason())));
    }

    private Response current(Recommendation r) {
        r.flush();
        return Response.ok(service.view(r)).tag(ETags.of(r.version)).build();
    }
}
