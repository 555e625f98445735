package vn.qcdc.api.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import org.junit.jupiter.api.Test;

class DownloadsTest {

    @Test
    void vietnameseNamesTravelAsRfc6266FilenameStarWithAnAsciiFallback() {
        assertEquals("attachment; filename=\"Bao cao ket qua.pdf\"; "
                + "filename*=UTF-8''B%C3%A1o%20c%C3%A1o%20k%E1%BA%BFt%20qu%E1%BA%A3.pdf",
                Downloads.contentDisposition("Báo cáo kết quả.pdf"));
        assertEquals("attachment; filename=\"Dang uy.docx\"; filename*=UTF-8''%C4%90%E1%BA%A3ng%20%E1%BB%A7y.docx",
                Downloads.contentDisposition("Đảng ủy.docx"));
    }

    @Test
    void storedNamesWithControlCharactersOrQuotesCannotBreakTheHeader() {
        String header = Downloads.contentDisposition("a\"b\r\nX-Injected: 1\u0000.pdf");
        assertFalse(header.chars().anyMatch(Character::isISOControl), header);
        assertEquals("attachment; filename=\"a_b__X-Injected: 1_.pdf\"; "
                + "filename*=UTF-8''a%22b__X-Injected%3A%201_.pdf", header);
    }

    @Test
    void activeOrInvalidTypesAreServedAsBytes() {
        assertEquals("application/octet-stream", Downloads.safeType("text/html"));
        assertEquals("application/octet-stream", Downloads.safeType("TEXT/HTML; charset=utf-8"));
        assertEquals("application/octet-stream", Downloads.safeType("image/svg+xml"));
        assertEquals("application/octet-stream", Downloads.safeType("pdf"));
        assertEquals("application/octet-stream", Downloads.safeType("application/pdf\u0001"));
        assertEquals("application/octet-stream", Downloads.safeType(null));
        assertEquals("application/pdf", Downloads.safeType("application/pdf"));
        assertEquals("image/png", Downloads.safeType("image/png"));
    }
}
