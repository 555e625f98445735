package vn.qcdc.web.console;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.arc.Arc;
import io.quarkus.qute.Engine;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;

import vn.qcdc.web.i18n.Lang;
import vn.qcdc.web.i18n.Texts;

/** What every console page carries, and the console's answers to bad input, in the officer's language. */
final class ConsoleChrome {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ConsoleChrome() {
    }

    static Lang lang(HttpHeaders headers) {
        var c = headers == null ? null : headers.getCookies().get("lang");
        return Lang.of(c == null ? null : c.getValue());
    }

    static TemplateInstance page(Template template, Lang lang, Officer me, String title, long unread) {
        return template.data("lang", lang.code).data("t", Texts.of(lang)).data("title", title)
                .data("me", me).data("unread", unread)
                .data("switchHref", "/language/" + lang.other().code + "?back=/console")
                .data("switchLang", lang.other().code)
                .data("switchName", Texts.get(lang.other(), "language.name"));
    }

    static Response message(int status, Lang lang, String titleKey, String textKey) {
        Template t = Arc.container().instance(Engine.class).get().getTemplate("console/message.html");
        String html = page(t, lang, null, Texts.get(lang, titleKey), 0).data("heading", Texts.get(lang, titleKey))
                .data("text", Texts.get(lang, textKey)).render();
        return Response.status(status).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8")).entity(html).build();
    }

    /** A filter or form value the console cannot use: 400 with what to do, never a trace. */
    static Response badInput(Lang lang, String textKey) {
        return message(400, lang, "console.error.title", textKey);
    }

    /**
     * Forms post only from this site's own pages: the browser's Origin (or Referer) must name the host the form was
     * posted to. With the SameSite=Strict session cookie this keeps other sites from acting for a signed-in officer.
     */
    static boolean sameOrigin(HttpHeaders headers) {
        String host = headers.getHeaderString("Host");
        String origin = headers.getHeaderString("Origin");
        String referer = headers.getHeaderString("Referer");
        String from = origin != null && !"null".equals(origin) ? origin : referer;
        if (host == null || from == null) {
            return false;
        }
        return from.equals("http://" + host) || from.equals("https://" + host)
                || from.startsWith("http://" + host + "/")
                || from.startsWith("https://" + host + "/");
    }

    static UUID uuid(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** The service's problem (RFC 9457) in words: its detail or title and each field's message. */
    @SuppressWarnings("unchecked")
    static String problem(vn.qcdc.client.inspection.ApiException e) {
        try {
            Map<String, Object> p = JSON.readValue(e.getResponseBody(), Map.class);
            List<String> parts = new ArrayList<>();
            Object detail = p.getOrDefault("detail", p.get("title"));
            if (detail != null) {
                parts.add(detail.toString());
            }
            if (p.get("errors") instanceof List<?> errors) {
                for (Object err : errors) {
                    if (err instanceof Map<?, ?> m && m.get("message") != null) {
                        parts.add(String.valueOf(m.get("message")));
                    }
                }
            }
            return String.join(" ", parts);
        } catch (Exception notJson) {
            return "HTTP " + e.getCode();
        }
    }
}
