package vn.qcdc.web.console;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

class CsvTest {

    @Test
    void textThatASpreadsheetWouldRunIsPrefixed() {
        assertEquals("\"'=HYPERLINK(\"\"x\"\")\",\"12\"\r\n", Csv.row(List.of("=HYPERLINK(\"x\")", "12")));
        assertEquals("\"'@SUM(A1)\"", Csv.cell("@SUM(A1)"));
        assertEquals("\"-3\"", Csv.cell("-3"), "a negative number stays a number");
        assertEquals("\"Phường Xuất Hóa\"", Csv.cell("Phường Xuất Hóa"));
    }
}
