package vn.qcdc.modelregistry.statistics;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * Counts of "Dân vận khéo" models of a unit (with every unit below it and every unit merged into it) and year.
 * {@code recognitionRate} = recognised / (registered − withdrawn), null when nothing is left to count.
 * {@code children}: one row per unit directly below; {@code recordedUnits}: the units as the records name them
 * (after a merger, the old wards with their old names).
 */
public record ModelStatistics(String unitCode, String unitName, Integer year, long total,
        Map<String, Long> byOrgType, Map<String, Long> byField, Map<String, Long> byKind, Map<String, Long> byStatus,
        long recognised, long outstanding, BigDecimal recognitionRate, List<UnitCount> children,
        List<UnitCount> recordedUnits) {

    public record UnitCount(String unitCode, String unitName, long total, long recognised, long outstanding) {
    }
}
