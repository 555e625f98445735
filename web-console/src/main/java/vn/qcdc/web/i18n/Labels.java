package vn.qcdc.web.i18n;

import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import vn.qcdc.web.backend.Backend;

/**
 * The words of every code (a status, a body type, a field), read from the services' one label source
 * ({@code GET /api/v1/labels}, no token) and kept: they change only with a release of the services. Until the source
 * answers, a code is shown as it is and the next page asks again.
 */
@ApplicationScoped
public class Labels {

    private static final Logger LOG = Logger.getLogger(Labels.class);

    @Inject
    Backend backend;

    /** group → value → language → words. */
    private volatile Map<String, Map<String, Map<String, String>>> groups;

    /** The words of {@code code} (an enum of a generated client, or its name) in {@code group}, or the code itself. */
    public String word(String group, Object code, Lang lang) {
        if (code == null) {
            return "";
        }
        String value = code.toString();
        Map<String, Map<String, Map<String, String>>> g = load();
        if (g == null) {
            return value;
        }
        Map<String, Map<String, String>> values = g.get(group);
        Map<String, String> words = values == null ? null : values.get(value);
        return words == null ? value : words.getOrDefault(lang.code, value);
    }

    @SuppressWarnings("unchecked")
    private Map<String, Map<String, Map<String, String>>> load() {
        Map<String, Map<String, Map<String, String>>> g = groups;
        if (g != null) {
            return g;
        }
        try {
            g = (Map<String, Map<String, Map<String, String>>>) backend.labels().listLabels(null, null);
            groups = g;
            return g;
        } catch (Exception e) {
            LOG.warnf("The label source (inspection-service /api/v1/labels) did not answer: %s", e.toString());
            return null;
        }
    }
}
