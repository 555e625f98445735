package vn.qcdc.modelregistry.model;

import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import vn.qcdc.api.AnyOf;
import vn.qcdc.api.problem.ProblemException;
import vn.qcdc.api.text.VietnameseText;
import vn.qcdc.events.BodyType;
import vn.qcdc.modelregistry.access.ModelOperations;

/**
 * The filters of the model list, its CSV export and the statistics. Query parameters arrive as text and are parsed
 * here, so an unknown value names its parameter and the allowed values (400), never a bare 404.
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

    /** The JPQL condition (on {@link DvkModel}) and its parameters, within the caller's scope. */
    String where(ModelService service, ModelOperations op, Map<String, Object> params) {
        StringBuilder where = new StringBuilder("1 = 1");
        Set<String> codes = service.scope(op, unit);
        if (codes != null) {
            where.append(" and ").append(AnyOf.condition("unitCode", "units"));
            params.put("units", AnyOf.texts(codes));
        }
        BodyType confined = service.confinedOrg(op);
        if (confined != null) {
            where.append(" and orgType = :confined");
            params.put("confined", confined.name());
        }
        if (year != null) {
            where.append(" and year = :year");
            params.put("year", year);
        }
        if (orgType != null) {
            where.append(" and orgType = :orgType");
            params.put("orgType", orgType.name());
        }
        if (field != null) {
            where.append(" and field = :field");
            params.put("field", field.name());
        }
        if (kind != null) {
            where.append(" and kind = :kind");
            params.put("kind", kind.name());
        }
        if (status != null) {
            where.append(" and status = :status");
            params.put("status", status.name());
        }
        if (outstanding != null) {
            where.append(" and outstanding = :outstanding");
            params.put("outstanding", outstanding);
        }
        if (q != null && !q.isBlank()) {
            where.append(" and nameKey like :q");
            params.put("q", "%" + VietnameseText.fold(q).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
                    + "%");
        }
        return where.toString();
    }
}
