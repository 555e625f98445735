package vn.qcdc.web.i18n;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

/**
 * The words of the pages themselves (headings, buttons, explanations) in both languages, from
 * {@code i18n/texts_vi.properties} and {@code i18n/texts_en.properties}. The words of codes (statuses, bodies,
 * fields) are not here: they come from the services' label source ({@link Labels}).
 */
public final class Texts {

    private static final Map<Lang, Map<String, String>> ALL = new EnumMap<>(Lang.class);

    static {
        for (Lang l : Lang.values()) {
            ALL.put(l, Collections.unmodifiableMap(load("i18n/texts_" + l.code + ".properties")));
        }
    }

    private Texts() {
    }

    /** Every text of a language, by key (templates read {@code t.key}). */
    public static Map<String, String> of(Lang lang) {
        return ALL.get(lang);
    }

    public static String get(Lang lang, String key) {
        return ALL.get(lang).getOrDefault(key, key);
    }

    static Map<String, String> load(String resource) {
        Properties p = new Properties();
        try (InputStream in = Texts.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing " + resource);
            }
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> m = new HashMap<>();
        p.forEach((k, v) -> m.put((String) k, (String) v));
        return m;
    }
}
