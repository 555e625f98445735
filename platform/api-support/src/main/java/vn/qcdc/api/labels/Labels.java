package vn.qcdc.api.labels;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The one source of Vietnamese and English words for every code the suite shows: enum values (statuses, body types,
 * areas, fields, kinds, levels), the actions of state changes and the kinds of record. It is read from
 * {@code vn/qcdc/api/labels/labels.json}; a group is named after the OpenAPI schema of its enum (the enum's
 * {@code @Schema(name)}), so the published documents, {@code GET /api/v1/labels} and problem messages say the same.
 */
public final class Labels {

    /** One value's words. */
    public record Text(String vi, String en) {
        public String in(Locale locale) {
            return "en".equals(locale.getLanguage()) ? en : vi;
        }
    }

    private static final String RESOURCE = "vn/qcdc/api/labels/labels.json";
    private static final Map<String, Map<String, Text>> GROUPS = load();

    private Labels() {
    }

    /** Every group, in file order: group → value → words. */
    public static Map<String, Map<String, Text>> groups() {
        return GROUPS;
    }

    public static Optional<Text> find(String group, String value) {
        Map<String, Text> values = GROUPS.get(group);
        return values == null ? Optional.empty() : Optional.ofNullable(values.get(value));
    }

    /** The words for {@code value} of {@code group} in {@code locale}, or the value itself if it has none. */
    public static String text(String group, String value, Locale locale) {
        return find(group, value).map(t -> t.in(locale)).orElse(value);
    }

    /** The words for an enum constant, if its enum is a labelled group. */
    public static Optional<String> text(Enum<?> value, Locale locale) {
        return find(groupOf(value.getDeclaringClass()), value.name()).map(t -> t.in(locale));
    }

    /** The group of an enum: the name of its OpenAPI schema, else its simple name. */
    public static String groupOf(Class<?> enumType) {
        Schema schema = enumType.getAnnotation(Schema.class);
        return schema != null && !schema.name().isEmpty() ? schema.name() : enumType.getSimpleName();
    }

    private static Map<String, Map<String, Text>> load() {
        ClassLoader loader = Labels.class.getClassLoader();
        try (InputStream in = loader.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing");
            }
            Map<String, LinkedHashMap<String, Text>> read = new ObjectMapper().readValue(in,
                    new TypeReference<LinkedHashMap<String, LinkedHashMap<String, Text>>>() {
                    });
            Map<String, Map<String, Text>> groups = new LinkedHashMap<>();
            read.forEach((group, values) -> {
                values.forEach((value, text) -> {
                    if (text == null || blank(text.vi()) || blank(text.en())) {
                        throw new IllegalStateException(group + "." + value + " needs both vi and en words");
                    }
                });
                groups.put(group, Collections.unmodifiableMap(values));
            });
            return Collections.unmodifiableMap(groups);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
