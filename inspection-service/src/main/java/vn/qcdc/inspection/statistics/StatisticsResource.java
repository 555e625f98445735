package vn.qcdc.inspection.statistics;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import vn.qcdc.api.access.Access;
import vn.qcdc.api.problem.ProblemException;
import vn.qcdc.api.security.Roles;
import vn.qcdc.events.BodyType;
import vn.qcdc.inspection.access.InspectionOperations;
import vn.qcdc.inspection.recommendation.Recommendation;
import vn.qcdc.units.AdministrativeUnit;
import vn.qcdc.units.AdministrativeUnits;

/**
 * Follow-up statistics (thống kê) of a unit and year: inspections held, recommendations by status, on-time completion
 * rate and overdue count, with the same figures for each unit directly below. Units merged away count in their
 * successor ({@link AdministrativeUnits#coverage}), so today's Thái Nguyên includes Bắc Kạn's 2020 inspections.
 */
@Path("/api/v1/statistics")
@Tag(name = "Statistics")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.ADMIN, Roles.STEERING, Roles.INTEGRATION, Roles.VIEWER, Roles.UNIT_OFFICER, Roles.ORG_OFFICER})
public class StatisticsResource {

    /**
     * Figures of one unit, by the dates things happened (a report's {@code reportedOn}, not when it was entered).
     * {@code onTimeCompletionRate} = verified recommendations whose completion was reported by their ORIGINAL due
     * date ÷ recommendations that are verified or already past their original due date (cancelled ones excluded); null
     * when nothing is due yet. An extension does not turn late work into on-time work: {@code
     * verifiedWithinExtension} counts the verified ones completed after the original due date but within the extended
     * one, and {@code extended} those whose due date was changed.
     */
    public record Figures(String unitCode, String unitName, Integer year, long inspectionsHeld,
            long recommendations, Map<Recommendation.Status, Long> byStatus, long overdue, long verifiedOnTime,
            BigDecimal onTimeCompletionRate, Map<BodyType, Long> byAddressee, Map<BodyType, Long> overdueByAddressee,
            long extended, long verifiedWithinExtension) {
    }

    public record Statistics(Figures total, List<Figures> children) {
    }

    @Inject
    EntityManager em;

    @Inject
    AdministrativeUnits units;

    @Inject
    Access access;

    @Inject
    Clock clock;

    @GET
    @Path("recommendations")
    @Transactional
    @Operation(operationId = "getRecommendationStatistics", summary = "Inspections held and recommendations by status, on-time rate and overdue count of a unit"
            + " and year, with a breakdown per child unit")
    public Statistics recommendations(@QueryParam("unit") String unit, @QueryParam("year") Integer year) {
        Access.Scope covered = access.scope(InspectionOperations.RECOMMENDATION_STATISTICS, unit);
        if (covered.everywhere()) {
            throw ProblemException.invalidField("unit", "unit-required");
        }
        String scope = covered.unit();
        if (year != null && (year < 2000 || year > 2100)) {
            throw ProblemException.invalidField("year", "year-out-of-range");
        }
        LocalDate today = LocalDate.now(clock);
        List<Figures> children = new ArrayList<>();
        for (AdministrativeUnit child : units.currentChildren(scope, today)) {
            children.add(figures(child, year, today));
        }
        return new Statistics(figures(units.find(scope).orElseThrow(), year, today), children);
    }

    private Figures figures(AdministrativeUnit unit, Integer year, LocalDate today) {
        // One array parameter for the whole coverage (a province: hundreds of codes), not one per code.
        String[] codes = units.coverage(unit.code()).toArray(String[]::new);
        String yearFilter = year == null ? "" : " AND year_assessed = :year";
        var held = em.createNativeQuery("SELECT count(*) FROM inspection WHERE unit_code = ANY(:units)"
                + " AND status IN ('CONCLUDED', 'CLOSED')" + yearFilter).setParameter("units", codes);
        var byStatus = em.createNativeQuery("SELECT status, count(*),"
                + " count(*) FILTER (WHERE due_date < :today AND status NOT IN ('VERIFIED', 'CANCELLED')),"
                + " count(*) FILTER (WHERE status = 'VERIFIED' AND completion_reported_on <= original_due_date),"
                + " count(*) FILTER (WHERE status = 'VERIFIED'"
                + "   OR (original_due_date < :today AND status <> 'CANCELLED')),"
                + " count(*) FILTER (WHERE due_date <> original_due_date),"
                + " count(*) FILTER (WHERE status = 'VERIFIED' AND completion_reported_on > original_due_date"
                + "   AND completion_reported_on <= due_date)"
                + " FROM recommendation WHERE unit_code = ANY(:units)" + yearFilter + " GROUP BY status")
                .setParameter("units", codes).setParameter("today", today);
        if (year != null) {
            held.setParameter("year", year);
            byStatus.setParameter("year", year);
        }
        Map<Recommendation.Status, Long> counts = new LinkedHashMap<>();
        for (Recommendation.Status s : Recommendation.Status.values()) {
            counts.put(s, 0L);
        }
        long total = 0;
        long overdue = 0;
        long onTime = 0;
        long due = 0;
        long extended = 0;
        long withinExtension = 0;
        @SuppressWarnings("unchecked")
        List<Object[]> rows = byStatus.getResultList();
        for (Object[] r : rows) {
            long n = ((Number) r[1]).longValue();
            counts.put(Recommendation.Status.valueOf((String) r[0]), n);
            total += n;
            overdue += ((Number) r[2]).longValue();
            onTime += ((Number) r[3]).longValue();
            due += ((Number) r[4]).longValue();
            extended += ((Number) r[5]).longValue();
            withinExtension += ((Number) r[6]).longValue();
        }
        BigDecimal rate = due == 0
                ? null
                : BigDecimal.valueOf(onTime).divide(BigDecimal.valueOf(due), 4, RoundingMode.HALF_UP);
        // A recommendation addressed to several bodies counts once under each of them (the steering dashboard's
        // "by addressee body"): these counts may add up to more than the total.
        var perBody = em.createNativeQuery("SELECT t, count(*),"
                + " count(*) FILTER (WHERE due_date < :today AND status NOT IN ('VERIFIED', 'CANCELLED'))"
                + " FROM recommendation, unnest(addressee_types) AS t WHERE unit_code = ANY(:units)" + yearFilter
                + " GROUP BY t").setParameter("units", codes).setParameter("today", today);
        if (year != null) {
            perBody.setParameter("year", year);
        }
        Map<BodyType, Long> byAddressee = new LinkedHashMap<>();
        Map<BodyType, Long> overdueByAddressee = new LinkedHashMap<>();
        @SuppressWarnings("unchecked")
        List<Object[]> bodies = perBody.getResultList();
        bodies.sort(java.util.Comparator.comparing(r -> BodyType.valueOf((String) r[0])));
        for (Object[] r : bodies) {
            BodyType body = BodyType.valueOf((String) r[0]);
            byAddressee.put(body, ((Number) r[1]).longValue());
            overdueByAddressee.put(body, ((Number) r[2]).longValue());
        }
        return new Figures(unit.code(), unit.name(), year, ((Number) held.getSingleResult()).longValue(), total,
                counts, overdue, onTime, rate, byAddressee, overdueByAddressee, extended, withinExtension);
    }
}
