package vn.qcdc.modelregistry.publicview;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
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

import vn.qcdc.api.paging.Cursor;
import vn.qcdc.api.paging.Page;
import vn.qcdc.api.problem.ProblemException;
import vn.qcdc.events.BodyType;
import vn.qcdc.modelregistry.model.DvkModel;
import vn.qcdc.modelregistry.model.ModelDto.ModelView;
import vn.qcdc.modelregistry.model.ModelRows;
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
    ModelRows rows;

    @Inject
    Clock clock;

    @GET
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
        List<Object> params = new ArrayList<>();
        StringBuilder where = new StringBuilder("m.status = 'RECOGNISED' AND m.unit_code = any(?)");
        params.add(units.coverage(unit).toArray(String[]::new));
        if (year != null) {
            where.append(" AND m.year = ?");
            params.add(year);
        }
        if (cursor != null) {
            List<String> c = Cursor.decode(cursor, 2);
            int cursorYear;
            UUID cursorId;
            try {
                cursorYear = Integer.parseInt(c.get(0));
                cursorId = UUID.fromString(c.get(1));
            } catch (IllegalArgumentException e) {
                throw ProblemException.invalidField("cursor", "invalid-cursor");
            }
            where.append(" AND (m.year < ? OR (m.year = ? AND m.id > ?))");
            params.addAll(List.of(cursorYear, cursorYear, cursorId));
        }
        params.add(size + 1);
        List<ModelView> rows = this.rows.read("SELECT " + ModelRows.COLUMNS + " FROM dvk_model m WHERE " + where
                + " ORDER BY m.year DESC, m.id LIMIT ?", params, LocalDate.now(clock)).stream()
                .map(ModelRows.Row::view).toList();
        List<PublicModelView> items = rows.stream().limit(size).map(PublicModelResource::view).toList();
        String next = rows.size() > size
                ? Cursor.encode(List.of(String.valueOf(rows.get(size - 1).year()), rows.get(size - 1).id().toString()))
                : null;
        return new Page<>(items, next, size);
    }

    @GET
    @Path("{id}")
    @Operation(operationId = "getPublicModel", summary = "One recognised model; anything not recognised is 404")
    public PublicModelView get(@PathParam("id") UUID id) {
        List<ModelRows.Row> found = rows.read("SELECT " + ModelRows.COLUMNS
                + " FROM dvk_model m WHERE m.id = ? AND m.status = 'RECOGNISED'", List.of(id), LocalDate.now(clock));
        if (found.isEmpty()) {
            throw ProblemException.notFound("model", id);
        }
        return view(found.get(0).view());
    }

    private static PublicModelView view(ModelView m) {
        DvkModel.Recognition r = m.recognition();
        return new PublicModelView(m.id(), m.name(), m.unitCode(), m.unitName(), m.currentUnitCode(),
                m.currentUnitName(), m.orgType(), m.orgName(), m.year(), m.field(), m.kind(), m.holderName(),
                m.description(), m.outstanding(), r == null ? null : r.decisionNumber(),
                r == null ? null : r.decisionDate(), r == null ? null : r.level(), r == null ? null : r.body());
    }
}
