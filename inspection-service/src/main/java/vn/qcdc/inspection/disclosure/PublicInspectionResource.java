package vn.qcdc.inspection.disclosure;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import vn.qcdc.api.AnyOf;
import vn.qcdc.api.paging.Cursor;
import vn.qcdc.api.paging.Page;
import vn.qcdc.api.problem.ProblemException;
import vn.qcdc.events.inspection.InspectionEvents.Addressee;
import vn.qcdc.inspection.delegation.Delegation;
import vn.qcdc.inspection.dvk.DvkModelFigures;
import vn.qcdc.inspection.dvk.DvkModelReadModel;
import vn.qcdc.inspection.inspection.Area;
import vn.qcdc.inspection.inspection.Finding;
import vn.qcdc.inspection.inspection.Inspection;
import vn.qcdc.inspection.inspection.InspectionDto.ConclusionView;
import vn.qcdc.inspection.inspection.InspectionService;
import vn.qcdc.inspection.recommendation.Recommendation;
import vn.qcdc.inspection.recommendation.RecommendationService;
import vn.qcdc.units.AdministrativeUnits;

/**
 * Public disclosure ("dân biết", Law 10/2022/QH15): concluded inspections that the steering committee marked public,
 * readable without a token — the findings with their figures, the conclusion and the recommendations with their
 * follow-up status, and the unit's "Dân vận khéo" figures. Internal notes, evidence and who-did-what are not part of
 * it (only concluded inspections are shown, so their findings are final).
 */
@Path("/api/v1/public/inspections")
@Tag(name = "Public disclosure", description = "Công khai kết luận kiểm tra (không cần đăng nhập)")
@Produces(MediaType.APPLICATION_JSON)
@PermitAll
public class PublicInspectionResource {

    public record PublicRecommendation(int seq, String content, Area area, List<Addressee> addressees,
            LocalDate dueDate, Recommendation.Status status, boolean overdue) {
    }

    /** A finding as published: what was found, in which area, with its figures; no authors, no amendment trail. */
    public record PublicFinding(Finding.Kind kind, Area area, String text, List<Finding.Indicator> indicators) {
    }

    /** The head of the delegation as the conclusion names them (name and title). */
    public record PublicDelegationHead(String name, String title) {
    }

    /**
     * Fields after {@code recommendations} were added for the public pages (findings with their figures, who led the
     * delegation, the unit's "Dân vận khéo" figures of the assessed year); existing clients simply ignore them.
     */
    public record PublicInspection(UUID id, String unitCode, String unitName, LocalDate date, int yearAssessed,
            Set<Delegation.Topic> topics, Inspection.Status status, ConclusionView conclusion,
            List<PublicRecommendation> recommendations, String delegationName, PublicDelegationHead delegationHead,
            List<PublicFinding> findings, DvkModelFigures dvkModels) {
    }

    private static final List<String> DISCLOSED = List.of(Inspection.Status.CONCLUDED.name(),
            Inspection.Status.CLOSED.name());

    @Inject
    AdministrativeUnits units;

    @Inject
    RecommendationService recommendations;

    @Inject
    DvkModelReadModel dvkModels;

    @GET
    @Transactional
    @Operation(operationId = "listPublicInspections", summary = "Public concluded inspections within a unit (and units below it or merged into it)")
    public Page<PublicInspection> list(@Parameter(required = true) @QueryParam("unit") String unit,
            @QueryParam("cursor") String cursor,
            @QueryParam("limit") Integer limit) {
        if (unit == null || unit.isBlank()) {
            throw ProblemException.invalidField("unit", "unit-required");
        }
        if (!units.exists(unit)) {
            throw ProblemException.invalidField("unit", "unknown-unit", unit);
        }
        int size = Cursor.limit(limit);
        String where = "publicDisclosure = true and " + AnyOf.condition("status", "statuses") + " and "
                + AnyOf.condition("unitCode", "units");
        var params = new java.util.HashMap<String, Object>();
        params.put("statuses", AnyOf.texts(DISCLOSED));
        params.put("units", AnyOf.texts(units.coverage(unit)));
        if (cursor != null) {
            List<String> c = Cursor.decode(cursor, 2);
            try {
                params.put("cd", LocalDate.parse(c.get(0)));
                params.put("cid", UUID.fromString(c.get(1)));
            } catch (RuntimeException e) {
                throw ProblemException.invalidField("cursor", "invalid-cursor");
            }
            where += " and (conclusionDate < :cd or (conclusionDate = :cd and id > :cid))";
        }
        List<Inspection> rows = Inspection.<Inspection>find(where + " order by conclusionDate desc, id", params)
                .page(0, size + 1).list();
        List<PublicInspection> items = views(rows.stream().limit(size).toList());
        String next = rows.size() > size
                ? Cursor.encode(List.of(rows.get(size - 1).conclusionDate.toString(), rows.get(size - 1).id.toString()))
                : null;
        return new Page<>(items, next, size);
    }

    @GET
    @Path("{id}")
    @Transactional
    @Operation(operationId = "getPublicInspection", summary = "A public concluded inspection: conclusion and recommendations with their status")
    public PublicInspection get(@PathParam("id") UUID id) {
        Inspection i = Inspection.findById(id);
        if (i == null || !i.publicDisclosure || !DISCLOSED.contains(i.status)) {
            throw ProblemException.notFound("inspection", id);
        }
        return views(List.of(i)).get(0);
    }

    /**
     * The public views of a page of inspections. Their recommendations, findings and delegations are read with one
     * query each for the whole page, and the "Dân vận khéo" figures once per unit and year: read one inspection at a
     * time, a page of 20 took about 100 queries (the public province page of the web console waits for it).
     */
    private List<PublicInspection> views(List<Inspection> page) {
        if (page.isEmpty()) {
            return List.of();
        }
        List<UUID> ids = page.stream().map(i -> i.id).toList();
        Map<UUID, List<Recommendation>> recs = Recommendation.<Recommendation>find(
                AnyOf.condition("inspectionId", 1) + " order by inspectionId, seq", AnyOf.ids(ids)).list().stream()
                .collect(Collectors.groupingBy(r -> r.inspectionId));
        // Superseded findings are replaced by their amendment: the public sees what stands.
        Map<UUID, List<Finding>> findings = Finding.<Finding>find(
                AnyOf.condition("inspectionId", 1) + " and superseded = false order by createdAt, id", AnyOf.ids(ids))
                .list().stream()
                .collect(Collectors.groupingBy(f -> f.inspectionId, LinkedHashMap::new, Collectors.toList()));
        Map<UUID, Delegation> delegations = Delegation.<Delegation>list(AnyOf.condition("id", 1), AnyOf.ids(
                page.stream().map(i -> i.delegationId).filter(java.util.Objects::nonNull).distinct().toList()))
                .stream().collect(Collectors.toMap(d -> d.id, d -> d));
        Map<String, DvkModelFigures> dvk = new HashMap<>();
        return page.stream().map(i -> view(i, recs.getOrDefault(i.id, List.of()), delegations.get(i.delegationId),
                findings.getOrDefault(i.id, List.of()), dvk.computeIfAbsent(i.unitCode + "/" + i.yearAssessed,
                        k -> dvkModels.figures(i.unitCode, i.yearAssessed))))
                .toList();
    }

    private PublicInspection view(Inspection i, List<Recommendation> recommendationsOf, Delegation d,
            List<Finding> findingsOf, DvkModelFigures dvk) {
        var recs = recommendationsOf.stream().map(r -> {
            var v = recommendations.view(r);
            return new PublicRecommendation(r.seq, r.content, v.area(), r.addressees, r.dueDate, v.status(),
                    v.overdue());
        }).toList();
        PublicDelegationHead head = d == null || d.members == null
                ? null
                : d.members.stream().filter(m -> m.role() == Delegation.MemberRole.HEAD).findFirst()
                        .map(m -> new PublicDelegationHead(m.name(), m.title())).orElse(null);
        List<PublicFinding> findings = findingsOf.stream()
                .map(f -> new PublicFinding(Finding.Kind.valueOf(f.kind), Area.valueOf(f.area), f.text,
                        f.indicators == null ? List.of() : f.indicators))
                .toList();
        return new PublicInspection(i.id, i.unitCode, i.unitName, i.scheduledDate, i.yearAssessed,
                InspectionService.topics(i), i.status(), new ConclusionView(i.conclusionText, i.conclusionSigner,
                        i.conclusionSignerTitle, i.conclusionDate, i.concludedAt),
                recs, d == null ? null : d.name, head, findings, dvk);
    }
}
