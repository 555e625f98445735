package vn.qcdc.api.problem;

import java.text.MessageFormat;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.HttpHeaders;

import vn.qcdc.api.labels.Label;
import vn.qcdc.api.labels.Labels;

/**
 * User-facing messages: Vietnamese by default, English when the caller asks for it with {@code Accept-Language}.
 * Looks first in the service's own bundle {@code messages}, then in the suite's {@code vn/qcdc/api/messages}.
 */
@ApplicationScoped
public class Messages {

    public static final Locale VIETNAMESE = Locale.forLanguageTag("vi");
    private static final List<String> BUNDLES = List.of("messages", "vn/qcdc/api/messages");

    @Inject
    HttpHeaders headers;

    /** The language of the current request: English if the caller prefers it, else Vietnamese. */
    public Locale locale() {
        try {
            return localeOf(headers.getAcceptableLanguages());
        } catch (RuntimeException notInARequest) {
            return VIETNAMESE;
        }
    }

    public static Locale localeOf(List<Locale> acceptable) {
        for (Locale l : acceptable) {
            if ("en".equals(l.getLanguage())) {
                return Locale.ENGLISH;
            }
            if ("vi".equals(l.getLanguage())) {
                return VIETNAMESE;
            }
        }
        return VIETNAMESE;
    }

    public String get(String key, Object... args) {
        return format(locale(), key, args);
    }

    /**
     * Looks {@code key} up in the service's bundle, then the suite's, in exactly {@code locale} ({@code _vi} or
     * {@code _en} files): no fallback to the JVM's default locale, which would answer an English caller in whatever
     * language the server happens to run in.
     */
    public static String format(Locale locale, String key, Object... args) {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        if (loader == null) {
            loader = Messages.class.getClassLoader();
        }
        for (String name : BUNDLES) {
            try {
                ResourceBundle bundle = ResourceBundle.getBundle(name, locale, loader, NO_FALLBACK);
                if (bundle.containsKey(key)) {
                    return new MessageFormat(bundle.getString(key), locale).format(words(locale, args));
                }
            } catch (MissingResourceException ignored) {
                // not in this bundle: try the next one
            }
        }
        return key;
    }

    /**
     * Arguments as the caller reads them: a {@link Label} or a labelled enum constant becomes its words in
     * {@code locale} ("Đã ban hành", not {@code ISSUED}); anything else is left as it is.
     */
    static Object[] words(Locale locale, Object... args) {
        if (args == null) {
            return null;
        }
        Object[] out = args.clone();
        for (int i = 0; i < out.length; i++) {
            if (out[i] instanceof Label l) {
                out[i] = Labels.text(l.group(), l.value(), locale);
            } else if (out[i] instanceof Enum<?> e) {
                out[i] = Labels.text(e, locale).orElse(e.name());
            } else if (out[i] instanceof Collection<?> c) {
                out[i] = c.stream().map(x -> String.valueOf(words(locale, x)[0])).collect(Collectors.joining(", "));
            }
        }
        return out;
    }

    private static final ResourceBundle.Control NO_FALLBACK = ResourceBundle.Control
            .getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES);
}
