package vn.qcdc.inspection.recommendation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;

import vn.qcdc.events.BodyType;
import vn.qcdc.events.inspection.InspectionEvents.Addressee;

/**
 * {@link StoredAddressees} reads the addressees column as Jackson's data binding reads it (with unknown fields
 * skipped): the same list for random documents in PostgreSQL's own {@code jsonb} layout and in
 * Jackson's compact one, with fields in any order, missing or null, unknown fields of every JSON type, and names full of
 * diacritics, escapes and characters outside the Basic Multilingual Plane.
 */
class StoredAddresseesTest {

    static final ObjectMapper MAPPER = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    static final ObjectReader BOUND = MAPPER.readerFor(new TypeReference<List<Addressee>>() {
    });
    static final String[] NAMES = {"Hội Liên hiệp Phụ nữ phường Xuất Hóa", "Ủy ban nhân dân xã Đắk Glong",
            "Chi bộ \"Tổ 5\"", "back\\slash", "tab\tand\nnewline", "emoji 🇻🇳 ✓", "", "\u0001 control"};
    static final String[] UNKNOWN = {"1", "-2.5e3", "true", "false", "null", "\"x\"", "[]", "[1, [2, {\"a\": []}]]",
            "{}", "{\"nested\": {\"bodyType\": \"GOVERNMENT\"}}"};

    @Test
    void aTextReadBeforeIsNotParsedAgainAndItsListCannotBeChanged() {
        String json = "[{\"name\": \"Ủy ban nhân dân phường Xuất Hóa\", \"bodyType\": \"GOVERNMENT\","
                + " \"unitCode\": \"01855\"}]";
        List<Addressee> first = StoredAddressees.read(json);
        // the same text as another row brings it: an equal string, not the same one
        List<Addressee> again = StoredAddressees.read(new String(json.toCharArray()));
        assertSame(first, again);
        assertEquals(List.of(new Addressee(BodyType.GOVERNMENT, "01855", "Ủy ban nhân dân phường Xuất Hóa")), again);
        assertThrows(UnsupportedOperationException.class,
                () -> again.add(new Addressee(BodyType.WOMENS_UNION, "01855", "Hội Liên hiệp Phụ nữ")));
    }

    @Test
    void readsWhatDataBindingReads() throws Exception {
        Random random = new Random(20261128);
        for (int n = 0; n < 5_000; n++) {
            boolean jsonb = random.nextBoolean();
            List<String> objects = new ArrayList<>();
            int count = random.nextInt(5);
            for (int i = 0; i < count; i++) {
                List<String> fields = new ArrayList<>();
                BodyType[] types = BodyType.values();
                maybe(random, fields, jsonb, "bodyType", quoted(types[random.nextInt(types.length)].name()));
                maybe(random, fields, jsonb, "unitCode", quoted(String.format("%05d", random.nextInt(100_000))));
                maybe(random, fields, jsonb, "name", quoted(NAMES[random.nextInt(NAMES.length)]));
                if (random.nextInt(4) == 0) {
                    fields.add(field(jsonb, "extra" + random.nextInt(3), UNKNOWN[random.nextInt(UNKNOWN.length)]));
                }
                Collections.shuffle(fields, random);
                objects.add("{" + String.join(jsonb ? ", " : ",", fields) + "}");
            }
            String json = "[" + String.join(jsonb ? ", " : ",", objects) + "]";

            List<Addressee> expected = BOUND.readValue(json);
            assertEquals(expected, StoredAddressees.read(json), json);
        }
    }

    @Test
    void sqlNullAndJsonNullAreNull() {
        assertNull(StoredAddressees.read(null));
        assertNull(StoredAddressees.read("null"));
    }

    @Test
    void whatIsNotAnArrayOfAddresseesIsAnError() {
        for (String bad : List.of("{}", "[1]", "[{\"bodyType\": \"NO_SUCH_BODY\"}]", "[{",
                "[{\"name\": \"x\"}")) {
            assertThrows(Exception.class, () -> BOUND.readValue(bad), bad);
            assertThrows(UncheckedIOException.class, () -> StoredAddressees.read(bad), bad);
        }
        // Data binding would take a number for a text (the service never stores one); this reader refuses it.
        assertThrows(UncheckedIOException.class, () -> StoredAddressees.read("[{\"name\": 5}]"));
    }

    private static void maybe(Random random, List<String> fields, boolean jsonb, String name, String value) {
        switch (random.nextInt(5)) {
            case 0 -> {
                // missing
            }
            case 1 -> fields.add(field(jsonb, name, "null"));
            default -> fields.add(field(jsonb, name, value));
        }
    }

    private static String field(boolean jsonb, String name, String value) {
        return "\"" + name + "\"" + (jsonb ? ": " : ":") + value;
    }

    private static String quoted(String text) throws Exception {
        return MAPPER.writeValueAsString(text);
    }
}
