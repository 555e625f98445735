package vn.qcdc.api.input;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import vn.qcdc.api.problem.InputProblemMappersAccess;

/** The rules every JSON body follows, on a mapper configured as the services' (java.time module, then ours). */
class JsonInputRulesTest {

    record Member(String name, String title) {
    }

    record Body(String name, LocalDate dueDate, int percent, List<Member> members) {
    }

    final ObjectMapper mapper = mapper();

    static ObjectMapper mapper() {
        ObjectMapper m = new ObjectMapper().registerModule(new JavaTimeModule());
        new JsonInputRules().customize(m);
        return m;
    }

    @Test
    void plainVietnameseTextWithLineBreaksIsAccepted() throws Exception {
        Body b = mapper.readValue("{\"name\":\"Xuất Hóa\\n\\tphường\",\"dueDate\":\"2021-03-31\",\"percent\":60,"
                + "\"members\":[]}", Body.class);
        assertEquals("Xuất Hóa\n\tphường", b.name());
    }

    @Test
    void nulInANestedFieldIsRefusedWithItsPath() {
        InputRuleException e = assertThrows(InputRuleException.class, () -> mapper.readValue(
                "{\"name\":\"a\",\"members\":[{\"name\":\"ok\",\"title\":\"x\\u0000y\"}]}", Body.class));
        assertEquals("control-character", e.code());
        assertEquals("members[0].title", InputProblemMappersAccess.pathOf(e));
        assertEquals("U+0000", e.args()[0]);
    }

    @Test
    void otherControlCharactersAreRefusedToo() {
        assertThrows(InputRuleException.class, () -> mapper.readValue("{\"name\":\"a\\u001b[2J\"}", Body.class));
    }

    @Test
    void aKeyGivenTwiceIsRefusedAndNamed() {
        JsonProcessingException e = assertThrows(JsonProcessingException.class, () -> mapper.readValue(
                "{\"name\":\"a\",\"members\":[{\"name\":\"x\",\"name\":\"y\"}]}", Body.class));
        assertEquals("members[0].name", InputProblemMappersAccess.duplicateField(e));
    }

    @Test
    void datesOutsideTheSuitesRangeAreRefused() {
        InputRuleException e = assertThrows(InputRuleException.class,
                () -> mapper.readValue("{\"dueDate\":\"+99999-01-01\"}", Body.class));
        assertEquals("date-out-of-range", e.code());
        assertEquals("dueDate", InputProblemMappersAccess.pathOf(e));
        assertThrows(InputRuleException.class, () -> mapper.readValue("{\"dueDate\":\"1900-01-01\"}", Body.class));
    }

    @Test
    void aFractionIsNotAnInteger() {
        MismatchedInputException e = assertThrows(MismatchedInputException.class,
                () -> mapper.readValue("{\"percent\":99.9}", Body.class));
        assertTrue(InputProblemMappersAccess.pathOf(e).equals("percent"), InputProblemMappersAccess.pathOf(e));
    }
}
