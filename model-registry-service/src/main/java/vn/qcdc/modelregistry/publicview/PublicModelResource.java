package vn.qcdc.modelregistry.publicview;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
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
import vn.qcdc.events.BodyType;
import vn.qcdc.modelregistry.model.DvkModel;
import vn.qcdc.units.AdministrativeUnit;
import vn.qcdc.units.AdministrativeUnits;

/**
 * The public, read-only view of recognised models of a unit ("dân biết", Law 10/2022): no token, and only what a
 * recognition decision makes public — no officers' names, no drafts, nothing before recognition.
 */
@Path("/api/v1/public/models")
@Tag(name = "Public", description = "Công khai: mô hình \"Dân vận khéo\" được công nhận, không cần đăng nhập")
@Produces(MediaType.APPLICATION_JSON)
@PermitAll
public class PublicModelResource {

    public record PublicModelView(UUID id, String name, String unitCode, String unitName, String currentUnitCode,
            String currentUnitName, BodyType orgType, String orgName, int year, DvkModel.Field field,
            DvkModel.Kind kind, String holderName, String description, boolean outstanding, String decisionNumber,
            LocalDate decisionDate, DvkModel.Level recognisingLevel, String recognisingBody) {
    }

    @Inject
    AdministrativeUnits units;

    @Inject
    Clock clock;

    @GET
    @Transactional
    @Operation(operationId = "listPublicModels", summary = "Recognised models of a unit (and the units below it or merged into it), newest year first")
    public Page<PublicModelView> list(@Parameter(required = true) @QueryParam("unit") String unit,
            @QueryParam("year") @Min(2000) @Max(2100) Integer year, @QueryParam("cursor") String cursor,
            @QueryParam("limit") Integer limit) {
        int size = Cursor.limit(limit);
        if (unit == null || unit.isBlank()) {
            throw ProblemException.invalidField("unit", "model-public-unit-required");
        }
        if (!units.exists(unit)) {
            throw ProblemException.invalidField("unit", "unknown-unit", unit);
        }
        Map<String, Object> params = new HashMap<>();
        StringBuilder where = new StringBuilder("status = 'RECOGNISED' and ")
                .append(AnyOf.condition("unitCode", "units"));
        params.put("units", AnyOf.texts(units.coverage(unit)));
        if (year != null) {
            where.append(" and year = :year");
            params.put("year", year);
        }
        if (cursor != null) {
            List<String> c = Cursor.decode(cursor, 2);
            try {
                params.put("cy", Integer.parseInt(c.get(0)));
                params.put("cid", UUID.fromString(c.get(1)));
            } catch (IllegalArgumentException e) {
                throw ProblemException.invalidField("cursor", "invalid-cursor");
            }
            where.append(" and (year < :cy or (year = :cy and id > :cid))");
        }
        List<DvkModel> rows = DvkModel.<DvkModel>find(where + " order by year desc, id", params).page(0, size + 1)
                .list();
        List<PublicModelView> items = new ArrayList<>();
        for (int i = 0; i < Math.min(size, rows.size()); i++) {
            items.add(view(rows.get(i)));
        }
        String next = rows.size() > size
                ? Cursor.encode(List.of(String.valueOf(rows.get(size - 1).year), rows.get(size - 1).id.toString()))
                : null;
        return new Page<>(items, next, size);
    }

    @GET
    @Path("{id}")
    @Transactional
    @Operation(operationId = "getPublicModel", summary = "One recognised model; anything not recognised is 404")
    public PublicModelView get(@PathParam("id") UUID id) {
        DvkModel m = DvkModel.findById(id);
        if (m == null || m.statusValue() != DvkModel.Status.RECOGNISED) {
            throw ProblemException.notFound("model", id);
        }
        return view(m);
    }

    private PublicModelView view(DvkModel m) {
        AdministrativeUnit current = units.currentFor(m.unitCode, LocalDate.now(clock)).orElse(null);
        DvkModel.Recognition r = m.recognition;
        return new PublicModelView(m.id, m.name, m.unitCode, m.unitName, current == null ? null : current.code(),
                current == null ? null : current.name(), BodyType.valueOf(m.orgType), m.orgName, m.year,
                DvkModel.Field.valueOf(m.field), DvkModel.Kind.valueOf(m.kind), m.holderName, m.description,
                m.outstanding, r == null ? null : r.decisionNumber(), r == null ? null : r.decisionDate(),
                r == null ? null : r.level(), r == null ? null : r.body());
    }
}
