package vn.qcdc.apicontract;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/**
 * The committed contract of each service ({@code docs/api/<service>.openapi.yaml}, kept equal to what the service
 * serves by its OpenApiDocumentTest) against its last released document ({@code docs/api/released/}): a change that
 * breaks clients fails here unless {@code info.version} gets a new major. On a release, copy the document to
 * {@code docs/api/released/<service>-<version>.yaml}.
 */
class ApiCompatibilityTest {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    static final Path DOCS = Path.of("../../docs/api").toAbsolutePath().normalize();

    static Iterable<String> services() {
        return Compatibility.services();
    }

    @ParameterizedTest
    @MethodSource("services")
    void committedDocumentKeepsTheReleasedContract(String service) throws IOException {
        Path released = Compatibility.latestRelease(DOCS.resolve("released"), service)
                .orElseThrow(() -> new AssertionError("No released document of " + service + " in docs/api/released"));
        String current = Files.readString(DOCS.resolve(service + ".openapi.yaml"), StandardCharsets.UTF_8);
        Compatibility.Verdict v = Compatibility.check(Files.readString(released, StandardCharsets.UTF_8), current);
        assertTrue(v.allowed(), () -> "docs/api/" + service + ".openapi.yaml (version " + v.currentVersion()
                + ") breaks the released contract " + released.getFileName() + " (version " + v.baselineVersion()
                + "). Keep the change compatible, or raise the major version (quarkus.smallrye-openapi.info-version)"
                + " and tell the integrators. openapi-diff says:\n" + v.report());
    }

    // The rule shown on deliberate changes of a copy of the real document.

    @Test
    void removingAResponseFieldIsBreaking() throws IOException {
        ObjectNode doc = document("inspection-service");
        ((ObjectNode) doc.at("/components/schemas/InspectionView/properties")).remove("status");
        removeFrom(doc.at("/components/schemas/InspectionView/required"), "status");
        Compatibility.Verdict v = Compatibility.check(yaml(document("inspection-service")), yaml(doc));
        assertTrue(v.incompatible(), v.report());
        assertFalse(v.allowed(), "a removed response field must fail without a new major version");
    }

    @Test
    void removingAnOperationIsBreaking() throws IOException {
        ObjectNode doc = document("inspection-service");
        ((ObjectNode) doc.at("/paths/~1api~1v1~1recommendations~1{id}~1verify")).remove("post");
        Compatibility.Verdict v = Compatibility.check(yaml(document("inspection-service")), yaml(doc));
        assertFalse(v.allowed(), "a removed operation must fail without a new major version");
    }

    @Test
    void narrowingARequestFieldIsBreaking() throws IOException {
        ObjectNode doc = document("inspection-service");
        ((ObjectNode) doc.at("/components/schemas/ReasonInput/properties/reason")).put("maxLength", 20);
        Compatibility.Verdict v = Compatibility.check(yaml(document("inspection-service")), yaml(doc));
        assertFalse(v.allowed(), "a narrowed request field must fail without a new major version");
    }

    @Test
    void aBreakingChangeIsAcceptedWithANewMajorVersion() throws IOException {
        ObjectNode doc = document("inspection-service");
        ((ObjectNode) doc.at("/paths/~1api~1v1~1recommendations~1{id}~1verify")).remove("post");
        int major = Compatibility.semver(doc.at("/info/version").asText())[0];
        ((ObjectNode) doc.get("info")).put("version", (major + 1) + ".0.0");
        Compatibility.Verdict v = Compatibility.check(yaml(document("inspection-service")), yaml(doc));
        assertTrue(v.incompatible(), v.report());
        assertTrue(v.allowed(), "a new major version allows the break");
    }

    @Test
    void addingAnOptionalResponseFieldIsCompatible() throws IOException {
        ObjectNode doc = document("inspection-service");
        ((ObjectNode) doc.at("/components/schemas/InspectionView/properties")).putObject("remark")
                .put("type", "string").put("description", "A new field.");
        Compatibility.Verdict v = Compatibility.check(yaml(document("inspection-service")), yaml(doc));
        assertTrue(v.allowed(), v.report());
    }

    private static ObjectNode document(String service) throws IOException {
        return (ObjectNode) YAML.readTree(DOCS.resolve(service + ".openapi.yaml").toFile());
    }

    private static String yaml(JsonNode doc) throws IOException {
        return YAML.writeValueAsString(doc);
    }

    private static void removeFrom(JsonNode array, String value) {
        for (Iterator<JsonNode> it = array.elements(); it.hasNext();) {
            if (it.next().asText().equals(value)) {
                it.remove();
            }
        }
    }

}
