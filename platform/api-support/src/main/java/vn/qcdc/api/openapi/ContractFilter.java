package vn.qcdc.api.openapi;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.Components;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.headers.Header;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.MediaType;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.media.Schema.SchemaType;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;

import vn.qcdc.api.access.Grant;
import vn.qcdc.api.access.PlatformOperations;
import vn.qcdc.api.idempotency.Idempotency;
import vn.qcdc.api.labels.Labels;
import vn.qcdc.api.paging.Cursor;
import vn.qcdc.api.problem.Problem;

/**
 * What every service's OpenAPI document says the same way, written once: the {@code Problem} schema and the error
 * answers each operation can give (from what the code does: problem mappers, ETags, Idempotency-Key, body limits,
 * database trouble), the {@code ETag}/{@code Location} headers, {@code If-Match} and {@code Idempotency-Key} with their
 * format and lifetime, paging bounds, the access rule of each operation generated from the service's decision table
 * (so the document cannot drift from it), descriptions of parameters and properties, and which response fields are
 * nullable.
 *
 * <p>
 * A service describes itself in {@value #SERVICE_FILE} on its class path: {@code access-table} (the class of its
 * decision table, an enum of {@link vn.qcdc.api.access.Operation}), descriptions of parameters ({@code param.NAME} or
 * {@code param.OPERATION_ID.NAME}) and properties ({@code SCHEMA.PROPERTY}, or {@code *.PROPERTY} for every schema),
 * descriptions of enum values ({@code enum.SCHEMA}) and the response fields that can be null
 * ({@code nullable.SCHEMA=a,b}). The shared defaults are in {@value #SHARED_FILE}.
 */
public class ContractFilter implements OASFilter {

    public static final String SERVICE_FILE = "qcdc-openapi.properties";
    public static final String SHARED_FILE = "vn/qcdc/api/openapi/shared.properties";

    static final String PROBLEM = "Problem";
    static final String FIELD_ERROR = "FieldError";
    static final String REF_SCHEMAS = "#/components/schemas/";

    private final Properties texts = new Properties();
    private List<vn.qcdc.api.access.Operation> table = List.of();

    public ContractFilter() {
        ClassLoader cl = loader();
        load(cl, SHARED_FILE);
        load(cl, SERVICE_FILE);
        List<vn.qcdc.api.access.Operation> rows = new ArrayList<>(List.of(PlatformOperations.values()));
        String tableClass = texts.getProperty("access-table");
        if (tableClass != null) {
            try {
                for (Object row : Class.forName(tableClass, true, cl).getEnumConstants()) {
                    rows.add((vn.qcdc.api.access.Operation) row);
                }
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException("access-table " + tableClass + " not found", e);
            }
        }
        table = List.copyOf(rows);
    }

    private static ClassLoader loader() {
        ClassLoader cl = Thread.currentThread().getContextClassLoader();
        return cl != null ? cl : ContractFilter.class.getClassLoader();
    }

    private void load(ClassLoader cl, String name) {
        try {
            Enumeration<URL> urls = cl.getResources(name);
            while (urls.hasMoreElements()) {
                try (InputStream in = urls.nextElement().openStream()) {
                    texts.load(new InputStreamReader(in, StandardCharsets.UTF_8));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void filterOpenAPI(OpenAPI api) {
        Components components = api.getComponents();
        if (components == null) {
            components = OASFactory.createComponents();
            api.setComponents(components);
        }
        addProblemSchema(components);
        addHeaders(components);
        // OpenAPI 3.1 names a licence by its SPDX identifier; Quarkus' info-license-* settings have none.
        if (api.getInfo() != null && api.getInfo().getLicense() != null
                && api.getInfo().getLicense().getIdentifier() == null) {
            api.getInfo().getLicense().setIdentifier(texts.getProperty("info.license.identifier"));
        }
        if (api.getPaths() != null) {
            for (Map.Entry<String, PathItem> p : api.getPaths().getPathItems().entrySet()) {
                for (Map.Entry<PathItem.HttpMethod, Operation> o : p.getValue().getOperations().entrySet()) {
                    operation(components, p.getKey(), o.getKey().name(), o.getValue());
                }
            }
        }
        schemas(api, components);
        dropUnusedHeaders(api, components);
        dropUnusedSchemas(api, components);
    }

    /**
     * Schemas no operation reaches (an enum that only names a labels group, a type registered for another service)
     * are left out: a client generated from the document would carry them as dead types.
     */
    private static void dropUnusedSchemas(OpenAPI api, Components components) {
        Map<String, Schema> all = components.getSchemas();
        if (all == null || api.getPaths() == null) {
            return;
        }
        Set<String> used = new HashSet<>();
        for (PathItem item : api.getPaths().getPathItems().values()) {
            for (Operation op : item.getOperations().values()) {
                if (op.getParameters() != null) {
                    op.getParameters().forEach(p -> reach(all, p.getSchema(), used));
                }
                if (op.getRequestBody() != null && op.getRequestBody().getContent() != null) {
                    op.getRequestBody().getContent().getMediaTypes().values()
                            .forEach(mt -> reach(all, mt.getSchema(), used));
                }
                if (op.getResponses() != null) {
                    for (APIResponse r : op.getResponses().getAPIResponses().values()) {
                        if (r.getContent() != null) {
                            r.getContent().getMediaTypes().values().forEach(mt -> reach(all, mt.getSchema(), used));
                        }
                    }
                }
            }
        }
        if (components.getHeaders() != null) {
            components.getHeaders().values().forEach(h -> reach(all, h.getSchema(), used));
        }
        for (String name : List.copyOf(all.keySet())) {
            if (!used.contains(name)) {
                components.removeSchema(name);
            }
        }
    }

    /** The shared headers a service does not answer with (no download, say) are left out of its document. */
    private static void dropUnusedHeaders(OpenAPI api, Components components) {
        Set<String> used = new HashSet<>();
        if (api.getPaths() != null) {
            for (PathItem item : api.getPaths().getPathItems().values()) {
                for (Operation op : item.getOperations().values()) {
                    if (op.getResponses() != null) {
                        op.getResponses().getAPIResponses().values().forEach(r -> {
                            if (r.getHeaders() != null) {
                                r.getHeaders().values().forEach(h -> {
                                    if (h.getRef() != null) {
                                        used.add(h.getRef().substring(h.getRef().lastIndexOf('/') + 1));
                                    }
                                });
                            }
                        });
                    }
                }
            }
        }
        if (components.getHeaders() != null) {
            for (String name : List.copyOf(components.getHeaders().keySet())) {
                if (!used.contains(name)) {
                    components.removeHeader(name);
                }
            }
        }
    }

    // ------------------------------------------------------------------------------------------------ operations

    private void operation(Components components, String path, String method, Operation op) {
        boolean secured = op.getSecurity() != null && !op.getSecurity().isEmpty();
        List<Parameter> params = op.getParameters() == null ? List.of() : op.getParameters();
        boolean ifMatch = false;
        boolean idempotent = false;
        for (Parameter prm : params) {
            parameter(op, prm);
            ifMatch |= "If-Match".equalsIgnoreCase(prm.getName());
            idempotent |= Idempotency.HEADER.equalsIgnoreCase(prm.getName());
        }
        boolean body = op.getRequestBody() != null;
        if (body && op.getRequestBody().getContent() != null) {
            // A multipart form described by a schema class keeps only the reference: Quarkus also adds the form
            // fields it reads inline, and a $ref with siblings is refused by client generators.
            for (MediaType mt : op.getRequestBody().getContent().getMediaTypes().values()) {
                Schema s = mt.getSchema();
                if (s != null && s.getRef() != null && s.getProperties() != null) {
                    mt.setSchema(OASFactory.createSchema().ref(s.getRef()));
                }
            }
        }
        if (body && op.getRequestBody().getDescription() == null) {
            op.getRequestBody().setDescription(text("body." + op.getOperationId(), "The request body."));
        }
        String access = accessRule(path, method, op);
        String description = op.getDescription() == null ? "" : op.getDescription().strip() + "\n\n";
        op.setDescription(description + access);
        if (secured) {
            // A bearer scheme has no scopes: the roles are in the access rule above, not in the requirement.
            op.setSecurity(List.of(OASFactory.createSecurityRequirement().addScheme(
                    op.getSecurity().get(0).getSchemes().keySet().iterator().next())));
        }

        APIResponses responses = op.getResponses();
        if (responses == null) {
            responses = OASFactory.createAPIResponses();
            op.setResponses(responses);
        }
        for (Map.Entry<String, APIResponse> r : responses.getAPIResponses().entrySet()) {
            successHeaders(r.getKey(), r.getValue(), ifMatch || etagged(components, r.getValue()));
        }
        Map<String, String> errors = new LinkedHashMap<>();
        if (!params.isEmpty() || body) {
            errors.put("400", "Invalid input: a parameter or field is missing, malformed, out of range or holds a"
                    + " control character; `errors[]` names each one.");
        }
        if (secured) {
            errors.put("401", "No bearer token, or one that is invalid, expired, not meant for the suite or issued"
                    + " in the future.");
            errors.put("403", "The caller's role or unit does not allow this operation (see the access rule).");
        }
        if (path.contains("{")) {
            errors.put("404", "No such record, or one outside what the caller may see (answered alike, so"
                    + " existence is not leaked).");
        }
        errors.put("406", "The `Accept` header asks for a media type this operation does not produce.");
        if (!"GET".equals(method)) {
            errors.put("409", "The record's state does not allow the change, a concurrent request created the same"
                    + " record first, or a request with the same `Idempotency-Key` is still running.");
        }
        if (ifMatch) {
            errors.put("412", "`If-Match` names an older version than the record's current ETag.");
        }
        if (body) {
            errors.put("413", "The body is larger than allowed (JSON: 1 MB; uploads: the service's file limit).");
            errors.put("415", "The body has no `Content-Type`, or one this operation does not take.");
        }
        if (idempotent) {
            errors.put("422", "The `Idempotency-Key` was used before with a different request.");
        }
        for (String code : list("status." + op.getOperationId())) {
            errors.put(code, text("status." + code, "See the problem's `code`."));
        }
        errors.put("500", "An unexpected error; the problem carries an `incident` id to quote to the operators.");
        if (!path.startsWith("/api/v1/units") && !path.startsWith("/api/v1/admin/clock")
                && !path.startsWith("/api/v1/labels")) {
            errors.put("503", "The database is unavailable, overloaded or timed out; retry after `Retry-After`"
                    + " seconds.");
        }
        for (Map.Entry<String, String> e : errors.entrySet()) {
            APIResponse existing = responses.getAPIResponse(e.getKey());
            APIResponse response = OASFactory.createAPIResponse().description(e.getValue()).content(problemContent());
            if (e.getKey().equals("503")) {
                response.addHeader("Retry-After", OASFactory.createHeader().ref("Retry-After"));
            }
            if (existing != null) {
                responses.removeAPIResponse(e.getKey());
            }
            responses.addAPIResponse(e.getKey(), response);
        }
        // Statuses in numeric order, so the document reads like the list above.
        Map<String, APIResponse> sorted = new TreeMap<>(responses.getAPIResponses());
        for (String code : List.copyOf(responses.getAPIResponses().keySet())) {
            responses.removeAPIResponse(code);
        }
        sorted.forEach(responses::addAPIResponse);
    }

    private void parameter(Operation op, Parameter prm) {
        String name = prm.getName();
        if ("If-Match".equalsIgnoreCase(name)) {
            prm.setDescription("The `ETag` of the version this change is based on (e.g. `\"v3\"`; `W/` and `*`"
                    + " accepted). An older version answers 412 instead of overwriting someone else's change;"
                    + " without the header the change is applied to the current version.");
            prm.setSchema(OASFactory.createSchema().addType(SchemaType.STRING).examples(List.of("\"v3\"")));
            return;
        }
        if (Idempotency.HEADER.equalsIgnoreCase(name)) {
            prm.setDescription("Makes a retry safe: 1 to 200 printable ASCII characters (a UUID is a good choice),"
                    + " chosen by the client, per caller and operation. The same key with the same body replays the"
                    + " first answer (header `Idempotent-Replayed: true`) without acting again; with a different"
                    + " body it is refused with 422. A key is remembered for 7 days (`qcdc.idempotency.retention`).");
            prm.setSchema(OASFactory.createSchema().addType(SchemaType.STRING).minLength(1).maxLength(200)
                    .pattern("^[\\x21-\\x7E]+$").examples(List.of("6f1c2d9e-6a57-4f0e-9a57-2f2f0a3b9c11")));
            return;
        }
        if ("limit".equals(name) && prm.getSchema() != null && prm.getSchema().getMaximum() == null) {
            prm.getSchema().minimum(BigDecimal.ONE).maximum(BigDecimal.valueOf(Cursor.MAX_LIMIT))
                    .defaultValue(Cursor.DEFAULT_LIMIT);
        }
        if (prm.getDescription() == null) {
            String d = texts.getProperty("param." + op.getOperationId() + "." + name,
                    texts.getProperty("param." + name));
            if (d != null) {
                prm.setDescription(d);
            }
        }
    }

    private void successHeaders(String code, APIResponse response, boolean etag) {
        if (!code.startsWith("2")) {
            return;
        }
        if (code.equals("201")) {
            response.addHeader("Location", OASFactory.createHeader().ref("Location"));
        }
        if (etag && !code.equals("204")) {
            response.addHeader("ETag", OASFactory.createHeader().ref("ETag"));
        }
    }

    /**
     * A response carries the record's {@code ETag} when its body is one versioned record (a schema with a
     * {@code version} property): that is where the resources set it ({@code ETags.of(version)}).
     */
    private static boolean etagged(Components components, APIResponse response) {
        if (response.getContent() == null) {
            return false;
        }
        for (MediaType mt : response.getContent().getMediaTypes().values()) {
            Schema s = mt.getSchema();
            if (s != null && s.getRef() != null && components.getSchemas() != null) {
                Schema target = components.getSchemas().get(s.getRef().substring(REF_SCHEMAS.length()));
                if (target != null && target.getProperties() != null && target.getProperties().containsKey("version")) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The access rule of the operation, from the service's decision table (or its roles and public paths). */
    private String accessRule(String path, String method, Operation op) {
        for (vn.qcdc.api.access.Operation row : table) {
            if (method.equals(row.method()) && path.equals("/api/v1" + row.path())) {
                String grants = row.grants().stream().map(ContractFilter::grant).collect(Collectors.joining("; "));
                String refusal = switch (row.kind()) {
                    case RECORD -> " A record outside what the caller may see answers 404, like a missing one; a"
                            + " role that is not listed, or a record the caller sees but may not act on, answers 403.";
                    default -> " Anyone else is refused with 403.";
                };
                return "**Access** (decision table `" + row.name() + "`): " + grants + "." + refusal;
            }
        }
        if (op.getSecurity() == null || op.getSecurity().isEmpty()) {
            return "**Access**: public, no token needed.";
        }
        Set<String> roles = new java.util.TreeSet<>();
        op.getSecurity().forEach(req -> req.getSchemes().values().forEach(roles::addAll));
        return "**Access**: roles " + roles.stream().map(r -> "`" + r + "`").collect(Collectors.joining(", "))
                + "; any other role is refused with 403.";
    }

    private static String grant(Grant g) {
        String where = switch (g.relation()) {
            case EVERYWHERE -> "anywhere";
            case IN_SCOPE -> "when the record's unit is within the caller's unit (`unit_code`: the unit itself, the"
                    + " units below it or merged into it)";
            case DECIDING_UNIT -> "when the unit deciding on the record (the inspecting committee's or competent"
                    + " unit) is within the caller's unit";
            case ADDRESSEE -> "when the caller answers for a body the record is addressed to (its unit within the"
                    + " caller's; for an organisation officer, its own organisation `org_type`)";
            case OWN_ORGANISATION -> "for its own organisation's records (`org_type`) within its unit";
            case OWN_ITEMS -> "for its own items only";
            case ANY -> "always";
        };
        return "`" + g.role() + "` " + where
                + (g.enabledBy() == null ? "" : " (only where `" + g.enabledBy() + "=true`; off by default)");
    }

    // -------------------------------------------------------------------------------------------------- schemas

    private void schemas(OpenAPI api, Components components) {
        Map<String, Schema> all = components.getSchemas();
        if (all == null) {
            return;
        }
        Set<String> requests = new HashSet<>();
        Set<String> responses = new HashSet<>();
        if (api.getPaths() != null) {
            for (PathItem item : api.getPaths().getPathItems().values()) {
                for (Operation op : item.getOperations().values()) {
                    if (op.getRequestBody() != null && op.getRequestBody().getContent() != null) {
                        op.getRequestBody().getContent().getMediaTypes().values()
                                .forEach(mt -> reach(all, mt.getSchema(), requests));
                    }
                    if (op.getResponses() != null) {
                        op.getResponses().getAPIResponses().forEach((code, r) -> {
                            if (code.startsWith("2") && r.getContent() != null) {
                                r.getContent().getMediaTypes().values()
                                        .forEach(mt -> reach(all, mt.getSchema(), responses));
                            }
                        });
                    }
                }
            }
        }
        for (Map.Entry<String, Schema> e : all.entrySet()) {
            String name = e.getKey();
            Schema s = e.getValue();
            if (s.getDescription() == null) {
                String d = texts.getProperty("schema." + name);
                if (d != null) {
                    s.setDescription(d);
                }
            }
            if (s.getEnumeration() != null) {
                s.setDescription(enumDescription(name, s));
            }
            if (s.getProperties() == null || name.equals(PROBLEM) || name.equals(FIELD_ERROR)) {
                continue;
            }
            Set<String> nullable = new HashSet<>(list("nullable." + name));
            nullable.addAll(list("nullable.*"));
            boolean responseOnly = responses.contains(name) && !requests.contains(name);
            for (Map.Entry<String, Schema> p : s.getProperties().entrySet()) {
                String prop = p.getKey();
                Schema ps = p.getValue();
                String d = texts.getProperty(name + "." + prop, texts.getProperty("*." + prop));
                if (d != null) {
                    describe(ps, d);
                }
                // Jackson writes every field of a response, null or not: all are present; some may be null.
                if (responseOnly && (s.getRequired() == null || !s.getRequired().contains(prop))) {
                    s.addRequired(prop);
                }
                if (nullable.contains(prop) && (responseOnly || !requests.contains(name))) {
                    s.addProperty(prop, nullable(ps));
                }
            }
        }
    }

    /**
     * An enum's description lists every value with its Vietnamese and English words, read from the one source of
     * labels ({@link Labels}, group = the schema's name), so the document, {@code GET /api/v1/labels} and problem
     * messages say the same.
     */
    private String enumDescription(String name, Schema s) {
        StringBuilder out = new StringBuilder(texts.getProperty("enum." + name,
                texts.getProperty("schema." + name, "Giá trị (values):")));
        Map<String, Labels.Text> labels = Labels.groups().getOrDefault(name, Map.of());
        for (Object value : s.getEnumeration()) {
            Labels.Text t = labels.get(String.valueOf(value));
            out.append("\n- `").append(value).append('`');
            if (t != null) {
                out.append(": ").append(t.vi()).append(" (").append(t.en()).append(')');
            }
        }
        return out.toString();
    }

    private static void describe(Schema ps, String description) {
        ps.setDescription(description);
    }

    /** {@code type: [T, "null"]}, or {@code anyOf: [$ref, {type: null}]} for a reference (OpenAPI 3.1). */
    private static Schema nullable(Schema s) {
        if (s.getRef() != null) {
            Schema wrapper = OASFactory.createSchema().description(s.getDescription());
            wrapper.addAnyOf(OASFactory.createSchema().ref(s.getRef()));
            wrapper.addAnyOf(OASFactory.createSchema().addType(SchemaType.NULL));
            return wrapper;
        }
        if (s.getType() != null && !s.getType().isEmpty() && !s.getType().contains(SchemaType.NULL)) {
            List<SchemaType> types = new ArrayList<>(s.getType());
            types.add(SchemaType.NULL);
            s.setType(types);
        }
        return s;
    }

    private static void reach(Map<String, Schema> all, Schema s, Set<String> into) {
        if (s == null) {
            return;
        }
        if (s.getRef() != null) {
            String name = s.getRef().substring(s.getRef().lastIndexOf('/') + 1);
            if (into.add(name) && all.get(name) != null) {
                reach(all, all.get(name), into);
            }
            return;
        }
        if (s.getProperties() != null) {
            s.getProperties().values().forEach(p -> reach(all, p, into));
        }
        reach(all, s.getItems(), into);
        if (s.getAdditionalPropertiesSchema() != null) {
            reach(all, s.getAdditionalPropertiesSchema(), into);
        }
        for (List<Schema> group : Arrays.asList(s.getAllOf(), s.getAnyOf(), s.getOneOf())) {
            if (group != null) {
                group.forEach(g -> reach(all, g, into));
            }
        }
    }

    private List<String> list(String key) {
        String v = texts.getProperty(key);
        return v == null
                ? List.of()
                : Arrays.stream(v.split(",")).map(String::strip).filter(x -> !x.isEmpty())
                        .toList();
    }

    private String text(String key, String fallback) {
        return texts.getProperty(key, fallback);
    }

    // ------------------------------------------------------------------------------------------- shared pieces

    private static Content problemContent() {
        MediaType mt = OASFactory.createMediaType().schema(OASFactory.createSchema().ref(PROBLEM));
        return OASFactory.createContent().addMediaType(Problem.MEDIA_TYPE, mt);
    }

    private static void addProblemSchema(Components components) {
        Schema fieldError = OASFactory.createSchema().addType(SchemaType.OBJECT)
                .description("One invalid input.")
                .addProperty("field", OASFactory.createSchema().addType(SchemaType.STRING)
                        .description("Where the input is: a JSON path in the body (`body.dueDate`), or the name of a"
                                + " query, path, header or form parameter."))
                .addProperty("message", OASFactory.createSchema().addType(SchemaType.STRING)
                        .description("Why it is invalid, in the caller's language."))
                .addRequired("field").addRequired("message");
        Map<String, Object> example = new LinkedHashMap<>();
        example.put("type", Problem.TYPE_BASE + "validation");
        example.put("title", "Dữ liệu không hợp lệ");
        example.put("status", 400);
        example.put("detail", "Yêu cầu có dữ liệu không hợp lệ.");
        example.put("instance", "/api/v1/inspections");
        example.put("code", "validation");
        Map<String, Object> error = new LinkedHashMap<>(); // ordered, so the committed document is stable
        error.put("field", "body.scheduledDate");
        error.put("message", "không được để trống");
        example.put("errors", List.of(error));
        Schema problem = OASFactory.createSchema().addType(SchemaType.OBJECT)
                .description("An RFC 9457 problem detail, the body of every error (`application/problem+json`),"
                        + " in Vietnamese by default and in English with `Accept-Language: en`.")
                .addProperty("type", OASFactory.createSchema().addType(SchemaType.STRING).format("uri")
                        .description("Stable URI of the kind of problem (`" + Problem.TYPE_BASE
                                + "<code>`): what a client switches on."))
                .addProperty("title", OASFactory.createSchema().addType(SchemaType.STRING)
                        .description("Short summary of the kind of problem, in the caller's language."))
                .addProperty("status", OASFactory.createSchema().addType(SchemaType.INTEGER).format("int32")
                        .description("The HTTP status code."))
                .addProperty("detail", OASFactory.createSchema().addType(SchemaType.STRING)
                        .description("What went wrong in this request, in the caller's language."))
                .addProperty("instance", OASFactory.createSchema().addType(SchemaType.STRING)
                        .description("The request path the problem occurred on."))
                .addProperty("code", OASFactory.createSchema().addType(SchemaType.STRING)
                        .description("The last segment of `type` (e.g. `validation`, `not-found`,"
                                + " `precondition-failed`)."))
                .addProperty("errors", OASFactory.createSchema().addType(SchemaType.ARRAY)
                        .items(OASFactory.createSchema().ref(FIELD_ERROR))
                        .description("For invalid input (400): each invalid parameter or field."))
                .addProperty("incident", OASFactory.createSchema().addType(SchemaType.STRING)
                        .description("For an unexpected error (500): the id under which the operators find it in"
                                + " the logs."))
                .addRequired("type").addRequired("title").addRequired("status").addRequired("code")
                .examples(List.of(example));
        components.addSchema(FIELD_ERROR, fieldError);
        components.addSchema(PROBLEM, problem);
    }

    private static void addHeaders(Components components) {
        components.addHeader("Location", header("The path of the created record (e.g."
                + " `/api/v1/inspections/{id}`).", SchemaType.STRING, "uri-reference"));
        components.addHeader("ETag", header("The record's version as a strong entity tag (`\"v<version>\"`), to"
                + " send back in `If-Match`.", SchemaType.STRING, null));
        components.addHeader("Retry-After", header("Seconds to wait before retrying.", SchemaType.INTEGER, null));
        components.addHeader("Content-Disposition", header("Always `attachment`, with an ASCII `filename` and an"
                + " RFC 6266 `filename*` in UTF-8.", SchemaType.STRING, null));
    }

    private static Header header(String description, SchemaType type, String format) {
        Schema s = OASFactory.createSchema().addType(type);
        if (format != null) {
            s.format(format);
        }
        return OASFactory.createHeader().description(description).schema(s);
    }
}
