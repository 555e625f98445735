package vn.qcdc.api.input;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import vn.qcdc.api.problem.ProblemException;

class TextRulesTest {

    @Test
    void textMayHoldTabsAndLineBreaksButNoOtherControlCharacter() {
        assertEquals(-1, TextRules.firstForbidden("Kết luận số 12-KL/BCĐ\r\n\tđiểm 1"));
        assertEquals(1, TextRules.firstForbidden("a\u0000b"));
        assertEquals(1, TextRules.firstForbidden("a\u001bb"));
        assertEquals(1, TextRules.firstForbidden("a\u0085b"));
        assertEquals(1, TextRules.firstForbidden("a\u007fb"));
    }

    @Test
    void singleLineValuesRefuseLineBreaksToo() {
        assertTrue(TextRules.hasAnyControl("a\r\nX-Injected: 1"));
        assertFalse(TextRules.hasAnyControl("Báo cáo kết quả.pdf"));
    }

    @Test
    void refusalNamesTheField() {
        ProblemException e = assertThrows(ProblemException.class, () -> TextRules.require("q", "x\u0000"));
        assertEquals(400, e.status());
        assertEquals("q", e.errors().get(0).field());
    }

    @Test
    void datesAreBoundedTo1945Through2100() {
        assertTrue(DateRules.plausible(java.time.LocalDate.of(1945, 1, 1)));
        assertTrue(DateRules.plausible(java.time.LocalDate.of(2100, 12, 31)));
        assertFalse(DateRules.plausible(java.time.LocalDate.of(2101, 1, 1)));
        assertThrows(ProblemException.class, () -> DateRules.require("dueDate", java.time.LocalDate.of(99999, 1, 1)));
    }
}
