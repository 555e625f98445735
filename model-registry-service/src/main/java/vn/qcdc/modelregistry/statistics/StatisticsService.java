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
 * Statistics per unit and year over the unit's coverage, so a successor unit (19 Thái Nguyên, 01843 Phường Bắc Kạn)
 * counts the models of the units it replaced; read from summary rows kept with every write of a model
 * ({@code V2_1__statistics_summary.sql}), so their cost does not grow with the number of models.
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

    /**
     * The statistics of {@code unitCode}'s coverage (default: the caller's unit) and {@code year} (null: all years),
     * read from the summary rows ({@code dvk_model_count}, kept by the database in the same transaction as every change
     * of a model): one row per recorded unit, organisation type and counted value, whatever the number of models.
     */
    @Transactional
    public ModelStatistics statistics(ModelOperations op, String unitCode, Integer year) {
        Set<String> scope = models.scope(op, unitCode);
        BodyType confined = models.confinedOrg(op);
        StringBuilder sql = new StringBuilder("SELECT unit_code, org_type, dimension, value, n FROM dvk_model_count"
                + " WHERE year = :year AND n <> 0");
        if (scope != null) {
            sql.append(" AND unit_code = ANY (CAST(:units AS text[]))");
        }
        if (confined != null) {
            sql.append(" AND org_type = :org");
        }
        var query = em.createNativeQuery(sql.toString()).setParameter("year", year == null ? 0 : year);
        if (scope != null) {
            query.setParameter("units", scope.toArray(String[]::new));
        }
        if (confined != null) {
            query.setParameter("org", confined.name());
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = query.getResultList();
        Tally t = new Tally();
        for (Object[] r : rows) {
            String unit = (String) r[0];
            String org = (String) r[1];
            String value = (String) r[3];
            long n = ((Number) r[4]).longValue();
            switch ((String) r[2]) {
                case "status" -> t.status(unit, org, value, n);
                case "field" -> t.byField.merge(value, n, Long::sum);
                case "kind" -> t.byKind.merge(value, n, Long::sum);
                case "outstanding" -> t.outstanding(unit, n);
                default -> throw new IllegalStateException("unknown summary dimension " + r[2]);
            }
        }
        return assemble(unitCode, year, scope, t);
    }

    /**
     * The same statistics counted from the models themselves (one grouped query over {@code dvk_model}): the reference
     * the summary rows are held to in tests. Its cost grows with the number of models in scope.
     */
    @Transactional
    ModelStatistics countedFromModels(ModelOperations op, String unitCode, Integer year) {
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
        Tally t = new Tally();
        for (Object[] r : rows) {
            long n = ((Number) r[6]).longValue();
            t.status((String) r[0], (String) r[1], (String) r[4], n);
            t.byField.merge((String) r[2], n, Long::sum);
            t.byKind.merge((String) r[3], n, Long::sum);
            if (Boolean.TRUE.equals(r[5]) && DvkModel.Status.RECOGNISED.name().equals(r[4])) {
                t.outstanding((String) r[0], n);
            }
        }
        return assemble(unitCode, year, scope, t);
    }

    /** Counts being added up: per organisation, field, kind and status, and per recorded unit. */
    private static final class Tally {
        final Map<String, Long> byOrg = zeros(enumNames(BodyType.values()));
        final Map<String, Long> byField = zeros(enumNames(DvkModel.Field.values()));
        final Map<String, Long> byKind = zeros(enumNames(DvkModel.Kind.values()));
        final Map<String, Long> byStatus = zeros(enumNames(DvkModel.Status.values()));
        /** Per recorded unit: total, recognised, outstanding. */
        final Map<String, long[]> byRecorded = new TreeMap<>();
        long total;
        long recognised;
        long outstanding;

        Tally() {
            byOrg.remove(BodyType.STEERING_COMMITTEE.name());
        }

        void status(String unit, String org, String status, long n) {
            boolean rec = DvkModel.Status.RECOGNISED.name().equals(status);
            total += n;
            recognised += rec ? n : 0;
            byOrg.merge(org, n, Long::sum);
            byStatus.merge(status, n, Long::sum);
            long[] u = byRecorded.computeIfAbsent(unit, k -> new long[3]);
            u[0] += n;
            u[1] += rec ? n : 0;
        }

        void outstanding(String unit, long n) {
            outstanding += n;
            byRecorded.computeIfAbsent(unit, k -> new long[3])[2] += n;
        }
    }

    private ModelStatistics assemble(String unitCode, Integer year, Set<String> scope, Tally t) {
        Map<String, Long> byOrg = t.byOrg;
        Map<String, Long> byField = t.byField;
        Map<String, Long> byKind = t.byKind;
        Map<String, Long> byStatus = t.byStatus;
        Map<String, long[]> byRecorded = t.byRecorded;
        long total = t.total;
        long recognised = t.recognised;
        long outstanding = t.outstanding;
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
