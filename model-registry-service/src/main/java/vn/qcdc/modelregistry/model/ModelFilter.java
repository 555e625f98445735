package vn.qcdc.modelregistry.model;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import vn.qcdc.api.problem.ProblemException;
import vn.qcdc.api.text.VietnameseText;
import vn.qcdc.events.BodyType;
import vn.qcdc.modelregistry.access.ModelOperations;

/**
 * The filters of the model list and its CSV export. Query parameters arrive as text and are parsed here, so an
 * unknown value names its parameter and the allowed values (400), never a bare 404.
 */
public record ModelFilter(String unit, Integer year, BodyType orgType, DvkModel.Field field, DvkModel.Kind kind,
        DvkModel.Status status, Boolean outstanding, String q) {

    public static ModelFilter of(String unit, Integer year, String orgType, String field, String kind, String status,
            String outstanding, String q) {
        if (q != null && q.length() > 200) {
            throw ProblemException.invalidField("q", "model-query-too-long", 200);
        }
        Boolean out = null;
        if (outstanding != null) {
            if (!outstanding.equals("true") && !outstanding.equals("false")) {
                throw ProblemException.invalidField("outstanding", "unknown-value", "true, false");
            }
            out = Boolean.valueOf(outstanding);
        }
        return new ModelFilter(unit, year, parse(BodyType.class, orgType, "orgType"),
                parse(DvkModel.Field.class, field, "field"), parse(DvkModel.Kind.class, kind, "kind"),
                parse(DvkModel.Status.class, status, "status"), out, q);
    }

    public static <E extends Enum<E>> E parse(Class<E> type, String value, String param) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Enum.valueOf(type, value.strip());
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalidField(param, "unknown-value",
                    Arrays.stream(type.getEnumConstants()).map(Enum::name).collect(Collectors.joining(", ")));
        }
    }

    /**
     * The SQL condition on {@code dvk_model m} within the caller's scope, its values appended to {@code params} in the
     * order of its {@code ?}. The scope is one {@code text[]} parameter ({@code = any(?)}), however many units it
     * covers: a province covers hundreds.
     */
    String where(ModelService service, ModelOperations op, List<Object> params) {
        StringBuilder where = new StringBuilder("true");
        Set<String> codes = service.scope(op, unit);
        if (codes != null) {
            where.append(" AND m.unit_code = any(?)");
            params.add(codes.toArray(String[]::new));
        }
        BodyType confined = service.confinedOrg(op);
        if (confined != null) {
            where.append(" AND m.org_type = ?");
            params.add(confined.name());
        }
        if (year != null) {
            where.append(" AND m.year = ?");
            params.add(year);
        }
        if (orgType != null) {
            where.append(" AND m.org_type = ?");
            params.add(orgType.name());
        }
        if (field != null) {
            where.append(" AND m.field = ?");
            params.add(field.name());
        }
        if (kind != null) {
            where.append(" AND m.kind = ?");
            params.add(kind.name());
        }
        if (status != null) {
            where.append(" AND m.status = ?");
            params.add(status.name());
        }
        if (outstanding != null) {
            where.append(" AND m.outstanding = ?");
            params.add(outstanding);
        }
        if (q != null && !q.isBlank()) {
            // PostgreSQL's LIKE escapes with a backslash unless told otherwise
            where.append(" AND m.name_key LIKE ?");
            params.add("%" + VietnameseText.fold(q).replace("\\", "\\\\").replace("%", "\\%")
                    .replace("_", "\\_") + "%");
        }
        return where.toString();
    }
}
