package vn.qcdc.api.units;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import vn.qcdc.api.input.DateRules;
import vn.qcdc.api.paging.Cursor;
import vn.qcdc.api.paging.Page;
import vn.qcdc.api.problem.ProblemException;
import vn.qcdc.api.security.Roles;
import vn.qcdc.api.text.VietnameseText;
import vn.qcdc.units.AdministrativeUnit;
import vn.qcdc.units.AdministrativeUnits;
import vn.qcdc.units.Successor;

/** The official administrative units every service uses, readable by any signed-in caller. */
@Path("/api/v1/units")
@Tag(name = "Administrative units", description = "Đơn vị hành chính: codes, versions over time and successors")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.ADMIN, Roles.STEERING, Roles.UNIT_OFFICER, Roles.ORG_OFFICER, Roles.INTEGRATION, Roles.VIEWER})
public class UnitResource {

    /** One version of a unit: what its code named from {@code validFrom} to {@code validTo}. */
    public record UnitView(String code, String name, AdministrativeUnit.Level level, AdministrativeUnit.Type type,
            String parentCode, LocalDate validFrom, LocalDate validTo, boolean current) {
        static UnitView of(AdministrativeUnit u) {
            return new UnitView(u.code(), u.name(), u.level(), u.type(), u.parentCode(), u.validFrom(), u.validTo(),
                    u.validTo() == null);
        }
    }

    /** A link of a reorganisation: the other unit, whether the whole unit went, and the legal basis. */
    public record Link(String code, String name, boolean whole, String basis, LocalDate effective) {
    }

    /**
     * A unit as of a date (its version then), with every version of its code, the units it went into
     * ({@code successorCode}: the one that carries its records) and the units it was formed from.
     */
    public record UnitDetail(String code, String name, AdministrativeUnit.Level level, AdministrativeUnit.Type type,
            String parentCode, LocalDate validFrom, LocalDate validTo, boolean current, String successorCode,
            List<Link> successors, List<Link> predecessors, List<UnitView> versions) {
    }

    @Inject
    AdministrativeUnits units;

    @Inject
    UnitDirectory directory;

    @GET
    @Operation(operationId = "listUnits", summary = "List unit versions in code order: search by name or code (diacritics-insensitive), filter by"
            + " level, type, parent and the date they were in force; cursor pages")
    public Page<UnitView> list(@QueryParam("q") String q,
            @QueryParam("level") AdministrativeUnit.Level level, @QueryParam("type") AdministrativeUnit.Type type,
            @Parameter(description = "Only units directly below this code") @QueryParam("parent") String parent,
            @Parameter(description = "Only versions in force on this date (YYYY-MM-DD)") @QueryParam("date") String date,
            @QueryParam("cursor") String cursor, @QueryParam("limit") Integer limit) {
        int size = Cursor.limit(limit);
        if (parent != null && !units.exists(parent)) {
            throw ProblemException.invalidField("parent", "unknown-unit", parent);
        }
        String key = q == null || q.isBlank() ? null : VietnameseText.fold(q);
        UnitDirectory.Filter filter = new UnitDirectory.Filter(key,
                level, type, parent, parseDate("date", date));
        String afterCode = null;
        LocalDate afterFrom = null;
        if (cursor != null) {
            List<String> v = Cursor.decode(cursor, 2);
            afterCode = v.get(0);
            afterFrom = v.get(1).isEmpty() ? null : parseDate("cursor", v.get(1));
        }
        List<AdministrativeUnit> rows = directory.page(filter, afterCode, afterFrom, size);
        String next = null;
        if (rows.size() > size) {
            rows = rows.subList(0, size);
            AdministrativeUnit last = rows.get(size - 1);
            next = Cursor.encode(List.of(last.code(), last.validFrom() == null ? "" : last.validFrom().toString()));
        }
        return new Page<>(rows.stream().map(UnitView::of).toList(), next, size);
    }

    @GET
    @Path("{code}")
    @Operation(operationId = "getUnit", summary = "A unit as it was on a date (default: its latest version), with all its versions, successors"
            + " and predecessors")
    public UnitDetail get(@PathParam("code") String code,
            @Parameter(description = "The version in force on this date (YYYY-MM-DD)") @QueryParam("date") String date) {
        LocalDate day = parseDate("date", date);
        AdministrativeUnit u = (day == null ? units.find(code) : units.versionOn(code, day))
                .orElseThrow(() -> ProblemException.notFound("unit", code));
        List<Link> successors = u.validTo() == null
                ? List.of()
                : units.successors(code).stream().filter(s -> s.effective().equals(u.validTo().plusDays(1)))
                        .map(s -> link(s.newCode(), s, s.effective())).toList();
        List<Link> predecessors = u.validFrom() == null
                ? List.of()
                : units.predecessors(code).stream().filter(s -> s.effective().equals(u.validFrom()))
                        .map(s -> link(s.oldCode(), s, s.effective().minusDays(1))).toList();
        String carrier = u.validTo() == null
                ? null
                : units.currentFor(code, u.validTo().plusDays(1)).map(AdministrativeUnit::code).orElse(null);
        return new UnitDetail(u.code(), u.name(), u.level(), u.type(), u.parentCode(), u.validFrom(), u.validTo(),
                u.validTo() == null, carrier, successors, predecessors,
                units.versions(code).stream().map(UnitView::of).toList());
    }

    private Link link(String other, Successor s, LocalDate on) {
        String name = units.versionOn(other, on).map(AdministrativeUnit::name).orElse(null);
        return new Link(other, name, s.whole(), s.basis(), s.effective());
    }

    private static LocalDate parseDate(String field, String value) {
        if (value == null) {
            return null;
        }
        try {
            return DateRules.require(field, LocalDate.parse(value));
        } catch (DateTimeParseException e) {
            throw ProblemException.invalidField(field, "invalid-parameter");
        }
    }
}
