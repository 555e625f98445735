package vn.qcdc.modelregistry.model;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * CSV exports for spreadsheets. UTF-8 with a byte-order mark: without it, common spreadsheet programs open the file
 * in the system code page and Vietnamese names come out garbled.
 */
@ApplicationScoped
public class CsvExport {

    /** Beyond this an export must be narrowed with filters (the list API pages through anything larger). */
    public static final int MAX_ROWS = 50_000;
    private static final String BOM = "\uFEFF";

    public String models(List<ModelDto.ModelView> rows) {
        return write(List.of("id", "Tên mô hình", "Mã đơn vị", "Tên đơn vị (khi đăng ký)", "Tổ chức", "Tên tổ chức",
                "Năm", "Lĩnh vực", "Loại", "Tập thể/cá nhân", "Trạng thái", "Tiêu biểu", "Số quyết định",
                "Ngày quyết định", "Cấp công nhận", "Mô hình năm trước"),
                rows.stream().map(m -> List.<Object>of(
                        m.id(), m.name(), m.unitCode(), m.unitName(), m.orgType(), nz(m.orgName()), m.year(),
                        m.field(), m.kind(), m.holderName(), m.status(), m.outstanding() ? "x" : "",
                        m.recognition() == null ? "" : m.recognition().decisionNumber(),
                        m.recognition() == null ? "" : m.recognition().decisionDate(),
                        m.recognition() == null ? "" : m.recognition().level(),
                        m.previousModelId() == null ? "" : m.previousModelId())).toList());
    }

    public static String write(List<String> header, List<List<Object>> rows) {
        StringWriter out = new StringWriter();
        out.write(BOM);
        try (CSVPrinter printer = new CSVPrinter(out, CSVFormat.DEFAULT.builder().setRecordSeparator("\r\n").get())) {
            printer.printRecord(header);
            for (List<Object> row : rows) {
                printer.printRecord(row.stream().map(CsvExport::neutralised).toList());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    public static Response attachment(String csv, String fileName) {
        return Response.ok(csv, "text/csv; charset=UTF-8")
                .header("Content-Disposition", "attachment; filename=\"" + fileName + "\"").build();
    }

    /**
     * User text that a spreadsheet would run as a formula (it starts with =, +, -, @, a tab or a carriage return) gets
     * a leading apostrophe, as OWASP recommends against CSV injection: the cell then shows the text as typed. Numbers,
     * dates and ids are never user text and stay as they are (a negative number is not a formula).
     */
    static Object neutralised(Object value) {
        if (value instanceof CharSequence text && !text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0) {
            return "'" + text;
        }
        return value;
    }

    private static Object nz(Object o) {
        return o == null ? "" : o;
    }
}
