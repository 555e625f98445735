package vn.qcdc.web.site;

import java.net.URI;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.inject.Inject;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import io.smallrye.common.annotation.Blocking;

import vn.qcdc.client.inspection.ApiException;
import vn.qcdc.client.inspection.model.PagePublicInspection;
import vn.qcdc.client.inspection.model.PageUnitView;
import vn.qcdc.client.inspection.model.PublicInspection;
import vn.qcdc.client.inspection.model.UnitDetail;
import vn.qcdc.client.inspection.model.UnitLevel;
import vn.qcdc.client.models.model.PagePublicModelView;
import vn.qcdc.web.backend.Backend;
import vn.qcdc.web.backend.ServiceToken;
import vn.qcdc.web.i18n.Dates;
import vn.qcdc.web.i18n.Lang;
import vn.qcdc.web.i18n.Texts;

/**
 * The public disclosure site ("dân biết", Law 10/2022/QH15): no login, server-rendered, usable without JavaScript.
 * Provinces → a unit's page (its concluded inspections and recognised "Dân vận khéo" models, the units below it) →
 * one inspection in full. Search by unit name ignores diacritics (the units API folds "xuat hoa" and "Xuất Hóa"
 * alike).
 */
@Path("/")
@Produces(MediaType.TEXT_HTML)
@Blocking
public class PublicPages {

    static final String LANG_COOKIE = "lang";
    private static final Pattern UNIT_CODE = Pattern.compile("[0-9A-Za-z]{1,20}");
    private static final Pattern CONTROL = Pattern.compile("\\p{Cc}");
    static final int PAGE = 20;

    @Inject
    Backend backend;

    @Inject
    PublicViews views;

    @Inject
    ServiceToken serviceToken;

    @Location("site/home.html")
    Template home;

    @Location("site/search.html")
    Template search;

    @Location("site/unit.html")
    Template unit;

    @Location("site/inspection.html")
    Template inspection;

    @GET
    public TemplateInstance home(@CookieParam(LANG_COOKIE) String langCookie) throws ApiException {
        Lang lang = Lang.of(langCookie);
        PageUnitView provinces = backend.units().listUnits(null, LocalDate.now(Dates.ZONE).toString(),
                UnitLevel.PROVINCE, 100, null, null, null, serviceToken.headers());
        return Chrome.page(home, lang, "/", Texts.get(lang, "home.title"))
                .data("provinces", views.units(provinces.getItems(), lang));
    }

    @GET
    @Path("search")
    public Response search(@QueryParam("q") String q, @CookieParam(LANG_COOKIE) String langCookie)
            throws ApiException {
        Lang lang = Lang.of(langCookie);
        String query = q == null ? "" : q.strip();
        String error = null;
        if (query.isEmpty()) {
            error = "search.error.empty";
        } else if (query.length() > 100) {
            error = "search.error.long";
        } else if (CONTROL.matcher(query).find()) {
            error = "search.error.characters";
        }
        String shown = query.length() > 100 ? query.substring(0, 100) : query;
        TemplateInstance page = Chrome.page(search, lang, "/search?q=" + java.net.URLEncoder.encode(shown,
                java.nio.charset.StandardCharsets.UTF_8), Texts.get(lang, "search.title")).data("q", shown);
        if (error != null) {
            return Response.status(400).entity(page.data("error", Texts.get(lang, error)).data("results", List.of()))
                    .build();
        }
        PageUnitView found = backend.units().listUnits(null, null, null, 50, null, query, null,
                serviceToken.headers());
        return Response.ok(page.data("error", null).data("results", views.units(found.getItems(), lang))).build();
    }

    @GET
    @Path("units/{code}")
    public Response unit(@PathParam("code") String code, @QueryParam("cursor") String cursor,
            @CookieParam(LANG_COOKIE) String langCookie) throws ApiException {
        Lang lang = Lang.of(langCookie);
        if (!UNIT_CODE.matcher(code).matches() || (cursor != null && cursor.length() > 500)) {
            return Chrome.notFound(lang);
        }
        UnitDetail detail = backend.units().getUnit(code, null, serviceToken.headers());
        PagePublicInspection inspections = backend.publicInspections().listPublicInspections(code, cursor, PAGE);
        List<Views.UnitItem> below = new ArrayList<>();
        PagePublicModelView models = null;
        if (cursor == null) {
            below = views.units(backend.units().listUnits(null, LocalDate.now(Dates.ZONE).toString(), null, 200, code,
                    null, null, serviceToken.headers()).getItems(), lang);
            try {
                models = backend.publicModels().listPublicModels(code, null, PAGE, null);
            } catch (vn.qcdc.client.models.ApiException e) {
                throw Chrome.unavailable(e.getCode());
            }
        }
        String title = detail.getName();
        return Response.ok(Chrome.page(unit, lang, "/units/" + code, title)
                .data("unit", detail)
                .data("unitKind", views.unitKind(detail.getType(), lang))
                .data("inspections", inspections.getItems().stream().map(i -> views.summary(i, lang)).toList())
                .data("next", inspections.getNextCursor() == null
                        ? null
                        : "/units/" + code + "?cursor=" + java.net.URLEncoder.encode(inspections.getNextCursor(),
                                java.nio.charset.StandardCharsets.UTF_8))
                .data("showModels", models != null)
                .data("models", models == null ? List.of() : views.models(models.getItems(), lang))
                .data("below", below)).build();
    }

    @GET
    @Path("inspections/{id}")
    public Response inspection(@PathParam("id") String id, @CookieParam(LANG_COOKIE) String langCookie)
            throws ApiException {
        Lang lang = Lang.of(langCookie);
        UUID uuid;
        try {
            uuid = UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            return Chrome.notFound(lang);
        }
        PublicInspection i = backend.publicInspections().getPublicInspection(uuid);
        Views.InspectionDetail d = views.detail(i, lang);
        return Response.ok(Chrome.page(inspection, lang, "/inspections/" + id,
                Texts.get(lang, "inspection.title") + " " + d.summary().unitName() + " " + d.summary().date())
                .data("i", d)).build();
    }

    /** The language switch: a plain link (no JavaScript), remembered in a cookie, back to the page it came from. */
    @GET
    @Path("language/{lang}")
    public Response language(@PathParam("lang") String to, @QueryParam("back") String back) {
        Lang lang = Lang.of(to);
        // Only a path of this site: never "//host" or "https://…" (no open redirect).
        String target = back != null && back.startsWith("/") && !back.startsWith("//") && !back.contains("\\")
                && back.length() <= 600 && !CONTROL.matcher(back).find() ? back : "/";
        return Response.seeOther(URI.create(target))
                .cookie(new NewCookie.Builder(LANG_COOKIE).value(lang.code).path("/").maxAge(365 * 24 * 3600)
                        .sameSite(NewCookie.SameSite.LAX).httpOnly(true).build())
                .build();
    }
}
