package vn.qcdc.api.imports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.ObjectMapper;

import vn.qcdc.api.problem.ProblemException;

/**
 * The shared reading of import files: a spreadsheet's CSV (byte-order mark, semicolons, Vietnamese headers with or
 * without diacritics, a quoted cell over two lines) and JSON lines (arrays joined, an unknown key refusing its line),
 * with the row numbers a person sees.
 */
class ImportFileTest {

    enum Column implements ImportColumn {
        EXTERNAL_ID("external_id", "mã bản ghi"), DUE_DATE("due_date", "thời hạn"), ADDRESSEES("addressees",
                "cơ quan thực hiện");

        private final String key;
        private final List<String> vietnamese;

        Column(String key, String... vietnamese) {
            this.key = key;
            this.vietnamese = List.of(vietnamese);
        }

        @Override
        public String key() {
            return key;
        }

        @Override
        public List<String> vietnamese() {
            return vietnamese;
        }
    }

    static final ImportHeaders<Column> HEADERS = ImportHeaders.of(Column.class);

    @TempDir
    Path dir;

    private List<ImportFile.Row<Column>> read(String text, ImportFile.Format format) throws IOException {
        Path file = dir.resolve("f");
        Files.writeString(file, text, StandardCharsets.UTF_8);
        List<ImportFile.Row<Column>> rows = new ArrayList<>();
        ImportFile.read(file, format, new ObjectMapper(), HEADERS, rows::add);
        return rows;
    }

    @Test
    void headersMatchWhateverTheCaseDiacriticsOrSpelling() {
        assertEquals(Column.DUE_DATE, HEADERS.column("Thời hạn").orElseThrow());
        assertEquals(Column.DUE_DATE, HEADERS.column("thoi han").orElseThrow());
        assertEquals(Column.DUE_DATE, HEADERS.column("dueDate").orElseThrow());
        assertEquals(Column.DUE_DATE, HEADERS.column("\uFEFFDUE_DATE").orElseThrow());
        assertEquals(ImportFile.Format.JSONL, ImportFile.format(null, "a.ndjson", null));
        assertEquals(ImportFile.Format.CSV, ImportFile.format(null, "a.txt", "text/plain"));
    }

    @Test
    void aSpreadsheetsCsvIsReadRowByRow() throws IOException {
        List<ImportFile.Row<Column>> rows = read("\uFEFFMã bản ghi;Thoi han;Cơ quan thực hiện\r\n"
                + "A-1;2022-03-31;\"Đảng ủy;\nUBND\"\r\n;;\r\nA-2;31/12/2022;UBND\r\n", ImportFile.Format.CSV);
        assertEquals(2, rows.size());
        assertEquals(2, rows.get(0).number());
        assertEquals("Đảng ủy;\nUBND", rows.get(0).get(Column.ADDRESSEES));
        assertEquals("A-2", rows.get(1).get(Column.EXTERNAL_ID));
        assertNull(rows.get(1).problem());
        ProblemException unknown = assertThrows(ProblemException.class,
                () -> read("Mã bản ghi,Cột lạ\na,b\n", ImportFile.Format.CSV));
        assertEquals("import-unknown-columns", unknown.errors().get(0).message());
    }

    @Test
    void jsonLinesJoinArraysAndRefuseUnknownKeys() throws IOException {
        List<ImportFile.Row<Column>> rows = read("{\"externalId\":\"J-1\",\"addressees\":[\"UBND\",\"Đảng ủy\"]}\n\n"
                + "{\"nope\":1}\n[1]\n", ImportFile.Format.JSONL);
        assertEquals(3, rows.size());
        assertEquals("UBND;Đảng ủy", rows.get(0).get(Column.ADDRESSEES));
        assertEquals(3, rows.get(1).number());
        assertEquals("import-unknown-field", rows.get(1).problem());
        assertEquals("nope", rows.get(1).problemValue());
        assertEquals("import-invalid-json", rows.get(2).problem());
    }
}
