package vn.qcdc.modelregistry.statistics;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import vn.qcdc.api.security.Roles;
import vn.qcdc.modelregistry.access.ModelOperations;
import vn.qcdc.modelregistry.model.CsvExport;

/** Statistics of "Dân vận khéo" models per unit and year (thống kê mô hình), as JSON or CSV. */
@Path("/api/v1/model-statistics")
@Tag(name = "Model statistics", description = "Thống kê mô hình \"Dân vận khéo\" theo đơn vị và năm")
@RolesAllowed({Roles.ADMIN, Roles.STEERING, Roles.INTEGRATION, Roles.VIEWER, Roles.UNIT_OFFICER, Roles.ORG_OFFICER})
public class StatisticsResource {

    @Inject
    StatisticsService service;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "getModelStatistics", summary = "Counts by organisation type, field, kind and status; recognition rate; per child unit", description = "unit: defaults to the caller's unit; covers the units below it and those merged into it")
    public ModelStatistics statistics(@QueryParam("unit") String unit,
            @QueryParam("year") @Min(2000) @Max(2100) Integer year) {
        return service.statistics(ModelOperations.STATISTICS, unit, year);
    }

    @GET
    @Path("export.csv")
    @Produces("text/csv")
    @Operation(operationId = "exportModelStatistics", summary = "The same statistics as CSV (UTF-8 with BOM)")
    @APIResponse(responseCode = "200", description = "The statistics as CSV: UTF-8 with a BOM, comma-separated, a header row; text starting with =, +, -, @, tab or CR is prefixed with '.", headers = @Header(name = "Content-Disposition", ref = "Content-Disposition"), content = @Content(mediaType = "text/csv", schema = @Schema(type = SchemaType.STRING)))
    public Response export(@QueryParam("unit") String unit, @QueryParam("year") @Min(2000) @Max(2100) Integer year) {
        ModelStatistics s = service.statistics(ModelOperations.EXPORT_STATISTICS, unit, year);
        List<List<Object>> rows = new ArrayList<>();
        String scope = s.unitCode() == null ? "" : s.unitCode() + " " + s.unitName();
        Object y = s.year() == null ? "" : s.year();
        rows.add(List.of("Tổng", "TOTAL", "Tổng số mô hình", s.total(), scope, y));
        rows.add(List.of("Tổng", "RECOGNISED", "Được công nhận", s.recognised(), scope, y));
        rows.add(List.of("Tổng", "OUTSTANDING", "Tiêu biểu", s.outstanding(), scope, y));
        rows.add(List.of("Tổng", "RECOGNITION_RATE", "Tỷ lệ công nhận",
                s.recognitionRate() == null ? "" : s.recognitionRate().toPlainString(), scope, y));
        section(rows, "Tổ chức", s.byOrgType(), scope, y);
        section(rows, "Lĩnh vực", s.byField(), scope, y);
        section(rows, "Loại", s.byKind(), scope, y);
        section(rows, "Trạng thái", s.byStatus(), scope, y);
        for (ModelStatistics.UnitCount c : s.children()) {
            rows.add(List.of("Đơn vị trực thuộc", c.unitCode(), c.unitName(), c.total(), scope, y));
        }
        for (ModelStatistics.UnitCount c : s.recordedUnits()) {
            rows.add(List.of("Đơn vị (khi đăng ký)", c.unitCode(), c.unitName(), c.total(), scope, y));
        }
        return CsvExport.attachment(CsvExport.write(List.of("Nhóm", "Mã", "Tên", "Số mô hình", "Đơn vị", "Năm"),
                rows), "thong-ke-mo-hinh.csv");
    }

    private static void section(List<List<Object>> rows, String group, Map<String, Long> counts, String scope,
            Object year) {
        counts.forEach((k, v) -> rows.add(List.of(group, k, Labels.vi(k), v, scope, year)));
    }
}
