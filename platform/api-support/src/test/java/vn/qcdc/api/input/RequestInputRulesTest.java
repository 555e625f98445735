package vn.qcdc.api.input;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RequestInputRulesTest {

    @Test
    void mediaTypesAreTypeSlashSubtypeWithOptionalParameters() {
        assertTrue(RequestInputRules.isMediaType("application/json"));
        assertTrue(RequestInputRules.isMediaType("application/json; charset=UTF-8"));
        assertTrue(RequestInputRules.isMediaType("multipart/form-data; boundary=----x123"));
        assertTrue(RequestInputRules.isMediaType("text/plain; charset=\"utf-8\""));
        assertFalse(RequestInputRules.isMediaType("json"));
        assertFalse(RequestInputRules.isMediaType("application/"));
        assertFalse(RequestInputRules.isMediaType("application/pdf\u0001"));
        assertFalse(RequestInputRules.isMediaType("application/pdf\r\nX-Injected: 1"));
        assertFalse(RequestInputRules.isMediaType("application/pdf; name"));
        assertEquals("application/pdf", RequestInputRules.essence("Application/PDF; q=1"));
    }
}
