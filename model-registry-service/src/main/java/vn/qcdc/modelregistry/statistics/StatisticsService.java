package vn.qcdc.modelregistry.statistics;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import vn.qcdc.api.access.Access;
import vn.qcdc.events.BodyType;
import vn.qcdc.modelregistry.access.ModelOperations;
import vn.qcdc.modelregistry.model.DvkModel;
import vn.qcdc.modelregistry.model.ModelService;
import vn.qcdc.modelregistry.statistics.ModelStatistics.UnitCount;
import vn.qcdc.units.AdministrativeUnit;
import vn.qcdc.units.AdministrativeUnits;

/**
 * Statistics per unit and year, computed by one grouped query over the unit's coverage, so a successor unit (19 Thái
 * Nguyên, 01843 Phường Bắc Kạn) counts the models of the units it replaced.
 */
@ApplicationScoped
public class StatisticsService {

    @Inject
    EntityManager em;

    @Inject
    ModelService models;

    @Inject
    AdministrativeUnits units;

    @Inject
    Clock clock;

    @Inject
    Access access;

    @Transactional
    public ModelStatistics statistics(ModelOperations op, String unitCode, Integer year) {
        Set<String> scope = models.scope(op, unitCode);
        BodyType confined = models.confinedOrg(op);
        StringBuilder sql = new StringBuilder("SELECT unit_code, org_type, field, kind, status, outstanding,"
                + " count(*) FROM dvk_model WHERE 1 = 1");
        if (scope != null) {
            sql.append(" AND unit_code = ANY (CAST(:units AS text[]))");
        }
        if (year != null) {
            sql.append(" AND year = :year");
        }
        if (confined != null) {
            sql.append(" AND org_type = :org");
        }
        sql.append(" GROUP BY 1, 2, 3, 4, 5, 6");
        var query = em.createNativeQuery(sql.toString());
        if (scope != null) {
            query.setParameter("units", scope.toArray(String[]::new));
        }
        if (year != null) {
            query.setParameter("year", year);
        }
        if (confined != null) {
            query.setParameter("org", confined.name());
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = query.getResultList();

        Map<String, Long> byOrg = zeros(enumNames(BodyType.values()));
        byOrg.remove(BodyType.STEERING_COMMITTEE.name());
        Map<String, Long> byField = zeros(enumNames(DvkModel.Field.values()));
        Map<String, Long> byKind = zeros(enumNames(DvkModel.Kind.values()));
        Map<String, Long> byStatus = zeros(enumNames(DvkModel.Status.values()));
        Map<String, long[]> byRecorded = new TreeMap<>();
        long total = 0;
        long recognised = 0;
        long outstanding = 0;
        for (Object[] r : rows) {
            long n = ((Number) r[6]).longValue();
            boolean rec = DvkModel.Status.RECOGNISED.name().equals(r[4]);
            boolean out = Boolean.TRUE.equals(r[5]) && rec;
            total += n;
            recognised += rec ? n : 0;
            outstanding += out ? n : 0;
            byOrg.merge((String) r[1], n, Long::sum);
            byField.merge((String) r[2], n, Long::sum);
            byKind.merge((String) r[3], n, Long::sum);
            byStatus.merge((String) r[4], n, Long::sum);
            long[] u = byRecorded.computeIfAbsent((String) r[0], k -> new long[3]);
            u[0] += n;
            u[1] += rec ? n : 0;
            u[2] += out ? n : 0;
        }
        long decidable = total - byStatus.getOrDefault(DvkModel.Status.WITHDRAWN.name(), 0L);
        BigDecimal rate = decidable == 0
                ? null
                : BigDecimal.valueOf(recognised).divide(BigDecimal.valueOf(decidable), 4, RoundingMode.HALF_UP);

        // Without a unit the statistics are the caller's own unit's (admins and integration: everything).
        String asked = unitCode != null ? unitCode : scope == null ? null : access.unitCode().orElse(null);
        List<UnitCount> children = new ArrayList<>();
        if (asked != null) {
            // The units below it as it stands today (a closed unit: as it last stood), each record under one child.
            for (AdministrativeUnit child : units.currentChildren(asked, LocalDate.now(clock))) {
                Set<String> cov = units.coverage(child.code());
                long[] sum = new long[3];
                byRecorded.forEach((code, c) -> {
                    if (cov.contains(code)) {
                        sum[0] += c[0];
                        sum[1] += c[1];
                        sum[2] += c[2];
                    }
                });
                children.add(new UnitCount(child.code(), child.name(), sum[0], sum[1], sum[2]));
            }
        }
        List<UnitCount> recorded = new ArrayList<>();
        byRecorded.forEach((code, c) -> recorded.add(new UnitCount(code,
                units.find(code).map(AdministrativeUnit::name).orElse(code), c[0], c[1], c[2])));
        return new ModelStatistics(asked, asked == null
                ? null
                : units.find(asked).map(AdministrativeUnit::name)
                        .orElse(null),
                year, total, byOrg, byField, byKind, byStatus, recognised, outstanding, rate,
                children, recorded);
    }

    private static List<String> enumNames(Enum<?>[] values) {
        List<String> names = new ArrayList<>();
        for (Enum<?> v : values) {
            names.add(v.name());
        }
        return names;
    }

    private static Map<String, Long> zeros(List<String> keys) {
        Map<String, Long> m = new LinkedHashMap<>();
        keys.forEach(k -> m.put(k, 0L));
        return m;
    }
}
