package vn.qcdc.apicontract;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.openapitools.openapidiff.core.OpenApiCompare;
import org.openapitools.openapidiff.core.model.ChangedOpenApi;
import org.openapitools.openapidiff.core.output.MarkdownRender;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/**
 * The breaking-change rule of the API contract, decided by openapi-diff: the committed document may differ from the
 * last released one in any compatible way; a change openapi-diff finds incompatible for clients (an operation or a
 * response field removed, a request field added as required, a type or a bound narrowed …) is accepted only with a
 * higher major {@code info.version} than the released document's.
 */
final class Compatibility {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Pattern RELEASED = Pattern.compile("(.+)-(\\d+)\\.(\\d+)\\.(\\d+)\\.yaml");

    private Compatibility() {
    }

    /** The outcome: whether the change is allowed, and a readable account of it. */
    record Verdict(boolean allowed, boolean incompatible, String baselineVersion, String currentVersion,
            String report) {
    }

    static Verdict check(String baselineYaml, String currentYaml) {
        String baseVersion = version(baselineYaml);
        String currentVersion = version(currentYaml);
        ChangedOpenApi diff = OpenApiCompare.fromContents(baselineYaml, currentYaml);
        boolean incompatible = diff.isIncompatible();
        int[] base = semver(baseVersion);
        int[] current = semver(currentVersion);
        boolean older = compare(current, base) < 0;
        boolean allowed = !older && (!incompatible || current[0] > base[0]);
        String report = incompatible || older ? markdown(diff) : "";
        return new Verdict(allowed, incompatible, baseVersion, currentVersion, report);
    }

    /** The newest released document of {@code service} in {@code dir} ({@code <service>-<x.y.z>.yaml}). */
    static Optional<Path> latestRelease(Path dir, String service) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> {
                Matcher m = RELEASED.matcher(f.getFileName().toString());
                return m.matches() && m.group(1).equals(service);
            }).max(Comparator.comparing((Path f) -> {
                Matcher m = RELEASED.matcher(f.getFileName().toString());
                m.matches();
                return new int[]{Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)),
                        Integer.parseInt(m.group(4))};
            }, Compatibility::compare));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String version(String yaml) {
        try {
            JsonNode doc = YAML.readTree(yaml);
            return doc.path("info").path("version").asText();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static int[] semver(String version) {
        Matcher m = Pattern.compile("(\\d+)\\.(\\d+)\\.(\\d+).*").matcher(version);
        if (!m.matches()) {
            throw new IllegalArgumentException("info.version is not major.minor.patch: " + version);
        }
        return new int[]{Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3))};
    }

    private static int compare(int[] a, int[] b) {
        for (int i = 0; i < 3; i++) {
            if (a[i] != b[i]) {
                return Integer.compare(a[i], b[i]);
            }
        }
        return 0;
    }

    private static String markdown(ChangedOpenApi diff) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        try (java.io.OutputStreamWriter w = new java.io.OutputStreamWriter(out,
                java.nio.charset.StandardCharsets.UTF_8)) {
            new MarkdownRender().render(diff, w);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString(java.nio.charset.StandardCharsets.UTF_8);
    }

    static List<String> services() {
        return List.of("inspection-service", "model-registry-service", "notification-service");
    }
}
