package vn.qcdc.deploy.kubernetes;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;

/**
 * The operators' CustomResourceDefinitions vendored in deploy/kubernetes/crds (versions and sources in its
 * SOURCES.md), turned into JSON Schemas the way the API server applies them:
 * <ul>
 * <li>each served version's {@code openAPIV3Schema} is an OpenAPI 3.0 schema object, read here as JSON Schema draft 4
 * (the draft OpenAPI 3.0 derives from: boolean {@code exclusiveMinimum}, no {@code const});</li>
 * <li>{@code nullable: true} becomes a {@code null} alternative of the type;</li>
 * <li>an object schema with {@code properties} is closed ({@code additionalProperties: false}) unless it carries
 * {@code x-kubernetes-preserve-unknown-fields: true}: the API server prunes a field its schema does not declare, so
 * an unknown field in a manifest is a misspelling that would silently vanish, and here it is an error;</li>
 * <li>the other {@code x-kubernetes-*} extensions are dropped. Their CEL rules ({@code x-kubernetes-validations}) are
 * not evaluated offline: the API server still checks them when the manifests are applied.</li>
 * </ul>
 * The branches of {@code allOf}/{@code anyOf}/{@code oneOf}/{@code not} are left open: in a structural schema they
 * restate constraints on fields declared beside them, so closing them would refuse those fields.
 */
final class CrdSchemas {

    static final Path DIR = KubernetesManifestsTest.ROOT.resolve("crds");

    private static final YAMLMapper YAML = new YAMLMapper();
    /** The validator reads Jackson 3 trees: schemas and objects are handed over as JSON text. */
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SchemaRegistry REGISTRY = SchemaRegistry
            .withDefaultDialect(SpecificationVersion.DRAFT_4);

    private final Map<String, Schema> byApiVersionAndKind = new HashMap<>();

    CrdSchemas() {
        try (Stream<Path> files = Files.walk(DIR)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
                JsonNode crd = YAML.readTree(file.toFile());
                if (!"CustomResourceDefinition".equals(crd.path("kind").asText())) {
                    continue;
                }
                String group = crd.path("spec").path("group").asText();
                String kind = crd.path("spec").path("names").path("kind").asText();
                for (JsonNode version : crd.path("spec").path("versions")) {
                    if (!version.path("served").asBoolean()) {
                        continue;
                    }
                    JsonNode schema = version.path("schema").path("openAPIV3Schema").deepCopy();
                    close(schema);
                    byApiVersionAndKind.put(group + "/" + version.path("name").asText() + "/" + kind,
                            REGISTRY.getSchema(JSON.writeValueAsString(schema)));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (byApiVersionAndKind.isEmpty()) {
            throw new IllegalStateException("no CustomResourceDefinition under " + DIR.toAbsolutePath());
        }
    }

    /** The schema of {@code apiVersion} (group/version) and {@code kind}, or null if no vendored CRD serves it. */
    Schema schema(String apiVersion, String kind) {
        return byApiVersionAndKind.get(apiVersion + "/" + kind);
    }

    /** The validation errors of {@code object} against {@code schema}. */
    static List<Error> validate(Schema schema, JsonNode object) {
        try {
            return schema.validate(JSON.writeValueAsString(object), InputFormat.JSON);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Rewrites one OpenAPI schema object (and the schemas of its properties and items) in place. */
    private static void close(JsonNode node) {
        if (!(node instanceof ObjectNode schema)) {
            return;
        }
        boolean preserveUnknown = schema.path("x-kubernetes-preserve-unknown-fields").asBoolean(false);
        for (Iterator<String> names = schema.fieldNames(); names.hasNext();) {
            if (names.next().startsWith("x-kubernetes-")) {
                names.remove();
            }
        }
        if (schema.path("nullable").asBoolean(false) && schema.path("type").isTextual()) {
            ArrayNode types = schema.arrayNode().add(schema.path("type").asText()).add("null");
            schema.set("type", types);
        }
        schema.remove("nullable");
        if (schema.has("properties")) {
            if (!preserveUnknown && !schema.has("additionalProperties")) {
                schema.put("additionalProperties", false);
            }
            schema.path("properties").forEach(CrdSchemas::close);
        }
        close(schema.path("items"));
        close(schema.path("additionalProperties"));
        for (String junctor : List.of("allOf", "anyOf", "oneOf", "not")) {
            stripExtensions(schema.path(junctor));
        }
    }

    private static void stripExtensions(JsonNode node) {
        if (node instanceof ObjectNode o) {
            o.remove(o.properties().stream().map(Map.Entry::getKey).filter(k -> k.startsWith("x-kubernetes-"))
                    .toList());
            o.remove("nullable");
            o.forEach(CrdSchemas::stripExtensions);
        } else if (node instanceof ArrayNode a) {
            a.forEach(CrdSchemas::stripExtensions);
        }
    }
}
