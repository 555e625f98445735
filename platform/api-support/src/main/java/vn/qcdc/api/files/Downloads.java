package vn.qcdc.api.files;

import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.Set;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import vn.qcdc.api.input.RequestInputRules;

/**
 * How a stored file goes back to a client: always as an attachment, never rendered by the browser in the service's
 * origin. Content-Disposition per RFC 6266: an ASCII {@code filename} for old clients and {@code filename*} with the
 * UTF-8 name percent-encoded (RFC 8187), so that "Báo cáo kết quả.pdf" arrives as such and not as "Báo cáo k?t
 * qu?.pdf". Types a browser would execute or render as a page (HTML, SVG, XML, JavaScript) go out as
 * {@code application/octet-stream}, together with {@code X-Content-Type-Options: nosniff}. Names and types stored
 * before uploads were checked are cleaned here too, so no stored value can break the response.
 */
public final class Downloads {

    /** Types a browser renders or runs in the page's origin: served as bytes instead. */
    static final Set<String> ACTIVE = Set.of("text/html", "application/xhtml+xml", "image/svg+xml", "text/xml",
            "application/xml", "text/javascript", "application/javascript", "application/ecmascript",
            "text/ecmascript", "application/x-javascript", "text/xsl", "multipart/x-mixed-replace");

    private Downloads() {
    }

    /** A 200 with {@code content}, served as an attachment called {@code fileName}. */
    public static Response.ResponseBuilder attachment(byte[] content, String storedType, String fileName) {
        return Response.ok(content, safeType(storedType)).header("Content-Disposition", contentDisposition(fileName))
                .header("X-Content-Type-Options", "nosniff");
    }

    /** The type to send for a stored type: the stored one if valid and passive, else application/octet-stream. */
    public static String safeType(String storedType) {
        if (storedType == null || !RequestInputRules.isMediaType(storedType)) {
            return MediaType.APPLICATION_OCTET_STREAM;
        }
        String bare = RequestInputRules.essence(storedType);
        if (ACTIVE.contains(bare) || bare.endsWith("+xml") || bare.contains("*")) {
            return MediaType.APPLICATION_OCTET_STREAM;
        }
        return bare;
    }

    /** {@code attachment; filename="ascii"; filename*=UTF-8''percent-encoded}. */
    public static String contentDisposition(String fileName) {
        String name = fileName == null || fileName.isBlank() ? "file" : fileName;
        StringBuilder clean = new StringBuilder();
        name.codePoints().forEach(c -> clean.appendCodePoint(Character.isISOControl(c) ? '_' : c));
        name = Normalizer.normalize(clean.toString(), Normalizer.Form.NFC);
        return "attachment; filename=\"" + asciiFallback(name) + "\"; filename*=UTF-8''" + rfc8187(name);
    }

    /** Vietnamese letters without their marks (đ → d), anything else outside printable ASCII as '_'. */
    static String asciiFallback(String name) {
        String folded = Normalizer.normalize(name.replace('đ', 'd').replace('Đ', 'D'), Normalizer.Form.NFD)
                .replaceAll("\\p{M}+", "");
        StringBuilder sb = new StringBuilder();
        for (char c : folded.toCharArray()) {
            sb.append(c >= 0x20 && c < 0x7f && c != '"' && c != '\\' && c != '%' ? c : '_');
        }
        return sb.toString();
    }

    /** RFC 8187 value chars: ALPHA / DIGIT / "!#$&+-.^_`|~"; everything else percent-encoded from UTF-8. */
    static String rfc8187(String name) {
        StringBuilder sb = new StringBuilder();
        for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || "!#$&+-.^_`|~".indexOf(c) >= 0) {
                sb.append(c);
            } else {
                sb.append('%').append(String.format("%02X", b & 0xff));
            }
        }
        return sb.toString();
    }
}
