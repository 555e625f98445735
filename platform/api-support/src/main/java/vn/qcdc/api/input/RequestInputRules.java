package vn.qcdc.api.input;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import vn.qcdc.api.problem.ProblemException;

/**
 * The input rules of everything that is not a JSON body, checked before any resource runs.
 * <ul>
 * <li>Query and path parameters follow {@link TextRules} (a NUL in {@code q=} reached PostgreSQL: 500).</li>
 * <li>A body needs a Content-Type that is a media type: without one it was read as JSON, and one without a slash
 * broke request matching (500). Both are 415, as for any other type the endpoint does not take.</li>
 * </ul>
 */
public class RequestInputRules {

    @ServerRequestFilter(preMatching = true)
    public void contentType(ContainerRequestContext request) {
        String type = request.getHeaderString(HttpHeaders.CONTENT_TYPE);
        if (type == null) {
            if (hasBody(request)) {
                throw new ProblemException(415, "unsupported-media-type");
            }
            return;
        }
        if (!isMediaType(type)) {
            throw new ProblemException(415, "unsupported-media-type");
        }
    }

    @ServerRequestFilter
    public void parameters(UriInfo uri) {
        check(uri.getPathParameters());
        check(uri.getQueryParameters());
    }

    private static void check(MultivaluedMap<String, String> params) {
        for (Map.Entry<String, List<String>> e : params.entrySet()) {
            TextRules.require(e.getKey(), e.getKey());
            for (String v : e.getValue()) {
                TextRules.require(e.getKey(), v);
            }
        }
    }

    private static boolean hasBody(ContainerRequestContext request) {
        String length = request.getHeaderString(HttpHeaders.CONTENT_LENGTH);
        if (length != null) {
            return !length.trim().equals("0");
        }
        return request.getHeaderString("Transfer-Encoding") != null;
    }

    /** RFC 9110 media type: token "/" token, then parameters (token "=" token or quoted string). */
    private static final Pattern MEDIA_TYPE = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+/[!#$%&'*+.^_`|~0-9A-Za-z-]+"
            + "(\\s*;\\s*[!#$%&'*+.^_`|~0-9A-Za-z-]+=([!#$%&'*+.^_`|~0-9A-Za-z-]+|\"([^\"\\\\]|\\\\.)*\"))*\\s*;?\\s*");

    /** A {@code type/subtype} with optional parameters, as RFC 9110 writes it (no control characters). */
    public static boolean isMediaType(String value) {
        return value != null && value.length() <= 1000 && !TextRules.hasAnyControl(value)
                && MEDIA_TYPE.matcher(value).matches();
    }

    /** {@code type/subtype} of a valid media type, lower case, without parameters. */
    public static String essence(String value) {
        int semicolon = value.indexOf(';');
        return (semicolon < 0 ? value : value.substring(0, semicolon)).strip().toLowerCase(Locale.ROOT);
    }
}
