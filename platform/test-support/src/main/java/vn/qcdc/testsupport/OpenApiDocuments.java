package vn.qcdc.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/**
 * The committed API contract ({@code docs/api/<service>.openapi.yaml}) against what a running service serves at
 * {@code /q/openapi}. The two are compared as data (key order and YAML layout do not count); a difference fails with
 * the JSON pointer of each changed node and how to rewrite the committed file ({@value #WRITE_PROPERTY}).
 */
public final class OpenApiDocuments {

    /** {@code -Dqcdc.api.write=true}: the test rewrites the committed document with the served one. */
    public static final String WRITE_PROPERTY = "qcdc.api.write";
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final int SHOWN = 40;

    private OpenApiDocuments() {
    }

    /** {@code docs/api/<service>.openapi.yaml} of the repository this build runs in. */
    public static Path committed(String service) {
        return repositoryRoot().resolve("docs/api/" + service + ".openapi.yaml");
    }

    /** The repository root: the nearest directory above the working directory holding {@code docs/api}. */
    public static Path repositoryRoot() {
        Path dir = Path.of("").toAbsolutePath();
        for (Path d = dir; d != null; d = d.getParent()) {
            if (Files.isDirectory(d.resolve("docs/api")) && Files.exists(d.resolve("mvnw"))) {
                return d;
            }
        }
        throw new IllegalStateException("No docs/api above " + dir);
    }

    /**
     * Fails unless {@code servedYaml} (a service's {@code /q/openapi?format=yaml}) says what the committed document of
     * {@code service} says; with {@value #WRITE_PROPERTY}=true it rewrites the committed document instead.
     */
    public static void assertCommitted(String service, String servedYaml) {
        Path file = committed(service);
        if (Boolean.getBoolean(WRITE_PROPERTY)) {
            try {
                Files.writeString(file, servedYaml.endsWith("\n") ? servedYaml : servedYaml + "\n",
                        StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return;
        }
        List<String> differences;
        try {
            JsonNode served = YAML.readTree(servedYaml);
            JsonNode expected = Files.exists(file) ? YAML.readTree(file.toFile()) : YAML.createObjectNode();
            differences = differences(expected, served);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (!differences.isEmpty()) {
            String module = service;
            throw new AssertionError("The OpenAPI document served by " + service + " differs from the committed "
                    + "docs/api/" + service + ".openapi.yaml in " + differences.size() + " place(s):\n  "
                    + String.join("\n  ", differences.subList(0, Math.min(SHOWN, differences.size())))
                    + (differences.size() > SHOWN ? "\n  … " + (differences.size() - SHOWN) + " more" : "")
                    + "\nIf the change is intended, rewrite the committed document and review its diff:\n  ./mvnw -pl "
                    + module + " -am verify -Dtest=OpenApiDocumentTest -Dsurefire.failIfNoSpecifiedTests=false -D"
                    + WRITE_PROPERTY + "=true\nA breaking change also needs a new major info.version "
                    + "(ApiCompatibilityTest, platform/api-contract).");
        }
    }

    /** Every place where {@code expected} and {@code actual} differ, as {@code pointer: expected → actual}. */
    public static List<String> differences(JsonNode expected, JsonNode actual) {
        List<String> out = new ArrayList<>();
        compare("", expected, actual, out);
        return out;
    }

    private static void compare(String at, JsonNode expected, JsonNode actual, List<String> out) {
        if (expected == null || expected.isMissingNode()) {
            out.add((at.isEmpty() ? "/" : at) + ": added " + abbreviate(actual));
            return;
        }
        if (actual == null || actual.isMissingNode()) {
            out.add((at.isEmpty() ? "/" : at) + ": removed " + abbreviate(expected));
            return;
        }
        if (expected.isObject() && actual.isObject()) {
            TreeSet<String> names = new TreeSet<>();
            expected.fieldNames().forEachRemaining(names::add);
            actual.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                compare(at + "/" + name.replace("~", "~0").replace("/", "~1"), expected.path(name),
                        actual.path(name), out);
            }
        } else if (expected.isArray() && actual.isArray() && expected.size() == actual.size()) {
            Iterator<JsonNode> e = expected.elements();
            Iterator<JsonNode> a = actual.elements();
            for (int i = 0; e.hasNext(); i++) {
                compare(at + "/" + i, e.next(), a.next(), out);
            }
        } else if (!sameValue(expected, actual)) {
            out.add((at.isEmpty() ? "/" : at) + ": " + abbreviate(expected) + " → " + abbreviate(actual));
        }
    }

    /** Numbers compare by value (YAML reads 1.0 and 1 apart), everything else by equality. */
    private static boolean sameValue(JsonNode a, JsonNode b) {
        if (a.isNumber() && b.isNumber()) {
            return a.decimalValue().compareTo(b.decimalValue()) == 0;
        }
        return a.equals(b);
    }

    private static String abbreviate(JsonNode node) {
        String s = node.toString();
        return s.length() > 160 ? s.substring(0, 160) + "…" : s;
    }
}
