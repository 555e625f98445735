package vn.qcdc.api.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

import vn.qcdc.api.problem.ProblemException;

class DocumentTypesTest {

    @Test
    void documentsAreStoredUnderTheirTypeAnUntypedOneUnderItsExtensions() {
        assertEquals("application/pdf", DocumentTypes.check("file", "application/pdf", "Báo cáo.pdf"));
        assertEquals("application/pdf", DocumentTypes.check("file", "application/octet-stream", "Báo cáo.PDF"));
        assertEquals("image/jpeg", DocumentTypes.check("file", "image/pjpeg", "anh.jpeg"));
        assertEquals("application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                DocumentTypes.check("file", "application/octet-stream", "ke-hoach.docx"));
        // A CSV that Windows calls an Excel sheet is still a document.
        assertEquals("application/vnd.ms-excel", DocumentTypes.check("file", "application/vnd.ms-excel", "a.csv"));
        assertEquals("image/png", DocumentTypes.check("file", "image/png", "anh-chup"));
    }

    @Test
    void anythingElseIs415() {
        for (String[] bad : new String[][]{{"text/html", "a.html"}, {"image/svg+xml", "a.svg"},
                {"application/pdf", "a.pdf.exe"}, {"application/octet-stream", "a"},
                {"application/octet-stream", "file"}, {"application/javascript", "a.pdf"},
                {"application/zip", "a.zip"}}) {
            ProblemException e = assertThrows(ProblemException.class, () -> DocumentTypes.check("file", bad[0],
                    bad[1]), String.join(" ", bad));
            assertEquals(415, e.status());
            assertEquals("unsupported-file-type", e.code());
            assertEquals("file", e.errors().get(0).field());
        }
    }

    @Test
    void anExtensionIsAShortWordAfterTheLastDot() {
        assertEquals("pdf", DocumentTypes.extension("a.b.PDF"));
        assertNull(DocumentTypes.extension("Biên bản 03.12.2020"));
        assertNull(DocumentTypes.extension("bien-ban."));
        assertNull(DocumentTypes.extension("v1.final-draft"));
        assertNull(DocumentTypes.extension("no extension"));
    }
}
