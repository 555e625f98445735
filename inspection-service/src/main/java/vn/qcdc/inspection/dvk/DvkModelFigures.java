package vn.qcdc.inspection.dvk;

/**
 * "Dân vận khéo" figures of an inspected unit in the assessed year, from the local read model: models registered
 * (every model of the unit and year that is not withdrawn) and recognised (status {@code RECOGNISED}).
 */
public record DvkModelFigures(String unitCode, int year, long registered, long recognised, long outstanding) {
}
