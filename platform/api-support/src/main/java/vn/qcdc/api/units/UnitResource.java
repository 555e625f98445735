package vn.qcdc.api.units;

import java.time.LocalDate;
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
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import vn.qcdc.api.problem.ProblemException;
import vn.qcdc.api.security.Roles;
import vn.qcdc.api.text.VietnameseText;
import vn.qcdc.units.AdministrativeUnit;
import vn.qcdc.units.AdministrativeUnits;

/** The administrative-unit reference data every service uses, readable by any signed-in caller. */
@Path("/api/v1/units")
@Tag(name = "Administrative units", description = "Đơn vị hành chính: codes, validity periods and successors")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.ADMIN, Roles.STEERING, Roles.UNIT_OFFICER, Roles.ORG_OFFICER, Roles.INTEGRATION, Roles.VIEWER})
public class UnitResource {

    /** A unit as the API shows it, with where its records go today. */
    public record UnitView(String code, String name, AdministrativeUnit.Level level, String parentCode,
            LocalDate validFrom, LocalDate validTo, String successorCode, boolean current) {
        static UnitView of(AdministrativeUnit u) {
            return new UnitView(u.code(), u.name(), u.level(), u.parentCode(), u.validFrom(), u.validTo(),
                    u.successorCode(), u.validTo() == null);
        }
    }

    @Inject
    AdministrativeUnits units;

    @GET
    @Operation(operationId = "listUnits", summary = "Search units by name (diacritics-insensitive) or list the children of a unit")
    public List<UnitView> list(@QueryParam("q") String q, @QueryParam("parent") String parent) {
        if (parent != null) {
            if (!units.exists(parent)) {
                throw ProblemException.notFound("unit", parent);
            }
            return units.children(parent).stream().map(UnitView::of).toList();
        }
        String key = q == null ? "" : VietnameseText.fold(q);
        return units.all().stream().filter(u -> VietnameseText.fold(u.name()).contains(key)).map(UnitView::of)
                .toList();
    }

    @GET
    @Path("{code}")
    @Operation(operationId = "getUnit", summary = "One administrative unit with its validity and successor")
    public UnitView get(@PathParam("code") String code) {
        return units.find(code).map(UnitView::of).orElseThrow(() -> ProblemException.notFound("unit", code));
    }
}
