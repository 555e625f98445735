package vn.qcdc.api.labels;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import vn.qcdc.api.problem.ProblemException;

/**
 * The labels of {@link Labels} for portals, mobile clients and the public site: public reference data, the same for
 * every caller, so it needs no token and may be cached by anyone (it changes only with a release).
 */
@Path("/api/v1/labels")
@Tag(name = "Labels", description = "Nhãn hiển thị (display labels): Vietnamese and English words for every code")
@Produces(MediaType.APPLICATION_JSON)
@PermitAll
public class LabelResource {

    private static final String CACHE = "public, max-age=86400";

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Both languages, serialised once: its hash is the entity tag of every answer in that form. */
    private static final Body BOTH = Body.of(Labels.groups());
    private static final Body VI = Body.of(flat(new Locale("vi")));
    private static final Body EN = Body.of(flat(Locale.ENGLISH));

    @GET
    @Operation(operationId = "listLabels", summary = "Every code's words (nhãn), for display", description = """
            Nhãn hiển thị: for every group (an enum schema of the API documents, an action or a kind of record) and \
            every value, its Vietnamese (`vi`) and English (`en`) words. With `lang`, one language only (value → \
            words). Public, no token; answers carry an `ETag` and `Cache-Control: public, max-age=86400`, and \
            `If-None-Match` with the current tag answers 304.""")
    @APIResponse(responseCode = "200", description = "Without `lang`: group → value → `{vi, en}`; with `lang`: group →"
            + " value → words.", headers = {
                    @Header(name = "ETag", description = "A hash of the answer, for `If-None-Match`.", schema = @Schema(type = SchemaType.STRING)),
                    @Header(name = "Cache-Control", description = "`public, max-age=86400`.", schema = @Schema(type = SchemaType.STRING))}, content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.OBJECT, description = "Nhãn"
                            + " (labels) by group (the name of an enum schema, an action or a kind of record), then by value.")))
    @APIResponse(responseCode = "304", description = "Not modified: `If-None-Match` names the current answer's tag.")
    public Response labels(
            @Parameter(schema = @Schema(type = SchemaType.STRING, enumeration = {"vi",
                    "en"})) @QueryParam("lang") String lang,
            @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch) {
        Body body;
        if (lang == null) {
            body = BOTH;
        } else if ("vi".equals(lang)) {
            body = VI;
        } else if ("en".equals(lang)) {
            body = EN;
        } else {
            throw ProblemException.invalidField("lang", "unknown-value", "vi, en");
        }
        if (ifNoneMatch != null && (ifNoneMatch.contains(body.tag()) || ifNoneMatch.strip().equals("*"))) {
            return Response.notModified(new EntityTag(body.hash())).header(HttpHeaders.CACHE_CONTROL, CACHE).build();
        }
        return Response.ok(body.json(), MediaType.APPLICATION_JSON_TYPE.withCharset("UTF-8"))
                .tag(new EntityTag(body.hash())).header(HttpHeaders.CACHE_CONTROL, CACHE).build();
    }

    private static Map<String, Map<String, String>> flat(Locale locale) {
        Map<String, Map<String, String>> out = new LinkedHashMap<>();
        Labels.groups().forEach((group, values) -> {
            Map<String, String> words = new LinkedHashMap<>();
            values.forEach((value, text) -> words.put(value, text.in(locale)));
            out.put(group, words);
        });
        return out;
    }

    private record Body(byte[] json, String hash) {
        String tag() {
            return "\"" + hash + "\"";
        }

        static Body of(Object value) {
            try {
                byte[] json = JSON.writeValueAsString(value).getBytes(StandardCharsets.UTF_8);
                byte[] digest = MessageDigest.getInstance("SHA-256").digest(json);
                return new Body(json, HexFormat.of().formatHex(digest, 0, 12));
            } catch (JsonProcessingException | NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
