package vn.qcdc.web.site;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;

import vn.qcdc.web.i18n.Lang;
import vn.qcdc.web.i18n.Texts;

/** What every page carries: its language, the page texts, its title and the link to the same page in the other language. */
final class Chrome {

    private Chrome() {
    }

    static TemplateInstance page(Template template, Lang lang, String path, String title) {
        return template.data("lang", lang.code)
                .data("t", Texts.of(lang))
                .data("title", title)
                .data("q", "")
                .data("switchHref", "/language/" + lang.other().code + "?back="
                        + URLEncoder.encode(path, StandardCharsets.UTF_8))
                .data("switchLang", lang.other().code)
                .data("switchName", Texts.get(lang.other(), "language.name"));
    }

    /** A page that does not exist, in the reader's language. */
    static Response notFound(Lang lang) {
        return message(404, lang, "error.notfound.title", "error.notfound.text");
    }

    static Response message(int status, Lang lang, String titleKey, String textKey) {
        Template t = io.quarkus.arc.Arc.container().instance(io.quarkus.qute.Engine.class).get()
                .getTemplate("site/message.html");
        String html = page(t, lang, "/", Texts.get(lang, titleKey))
                .data("heading", Texts.get(lang, titleKey))
                .data("text", Texts.get(lang, textKey))
                .render();
        return Response.status(status).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8")).entity(html).build();
    }

    /** A service did not answer as it should: the reader gets a plain "try again later", never a trace. */
    static WebApplicationException unavailable(int code) {
        return new WebApplicationException(code == 404 ? 404 : 503);
    }

}
