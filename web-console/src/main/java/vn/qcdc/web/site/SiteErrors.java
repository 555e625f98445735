package vn.qcdc.web.site;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import vn.qcdc.web.i18n.Lang;

/**
 * Every failure becomes a short page in the reader's language: what happened and what to do, never a stack trace.
 * A service's 404 (an inspection not public, an unknown unit) is "not found"; a 400 from a service means the address
 * was not one of ours; anything else is "try again later", and the cause goes to the log.
 */
public class SiteErrors {

    private static final Logger LOG = Logger.getLogger(SiteErrors.class);

    @ServerExceptionMapper
    public Response inspectionApi(vn.qcdc.client.inspection.ApiException e, HttpHeaders headers, UriInfo uri) {
        return byStatus(e.getCode(), e, headers, uri);
    }

    @ServerExceptionMapper
    public Response modelApi(vn.qcdc.client.models.ApiException e, HttpHeaders headers, UriInfo uri) {
        return byStatus(e.getCode(), e, headers, uri);
    }

    @ServerExceptionMapper
    public Response notificationApi(vn.qcdc.client.notification.ApiException e, HttpHeaders headers,
            UriInfo uri) {
        return byStatus(e.getCode(), e, headers, uri);
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e, HttpHeaders headers, UriInfo uri) {
        return byStatus(e.getResponse().getStatus(), e, headers, uri);
    }

    @ServerExceptionMapper(priority = 10_000)
    public Response any(Exception e, HttpHeaders headers, UriInfo uri) {
        return byStatus(500, e, headers, uri);
    }

    private Response byStatus(int status, Exception e, HttpHeaders headers, UriInfo uri) {
        Lang lang = lang(headers);
        if (status == 404 || status == 400) {
            // An unknown or malformed address: a service said no such record, or refused the code as not one.
            return Chrome.notFound(lang);
        }
        if (status == 401 && uri != null && uri.getPath().startsWith("/console")) {
            // The officer's token expired or was refused: sign in again.
            return Response.seeOther(java.net.URI.create("/console/sign-in")).build();
        }
        if (status == 403) {
            return Chrome.message(403, lang, "error.forbidden.title", "error.forbidden.text");
        }
        if (status == 405) {
            return Chrome.message(405, lang, "error.method.title", "error.method.text");
        }
        LOG.warnf("Page failed (%d): %s", status, e.toString());
        return Chrome.message(503, lang, "error.unavailable.title", "error.unavailable.text");
    }

    static Lang lang(HttpHeaders headers) {
        Cookie c = headers == null ? null : headers.getCookies().get(PublicPages.LANG_COOKIE);
        return Lang.of(c == null ? null : c.getValue());
    }
}
