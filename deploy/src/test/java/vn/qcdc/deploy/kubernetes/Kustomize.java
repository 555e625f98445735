package vn.qcdc.deploy.kubernetes;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

/**
 * Renders a Kustomize directory the way an administrator applies it: {@code kubectl kustomize DIR} (kubectl is on
 * the build machines; {@code KUBECTL} names another binary). The rendered stream is read back as one JSON tree per
 * object.
 */
final class Kustomize {

    private static final YAMLMapper YAML = new YAMLMapper();

    private Kustomize() {
    }

    static List<JsonNode> render(Path dir) {
        String yaml = renderText(dir);
        try (MappingIterator<JsonNode> docs = YAML.readerFor(JsonNode.class).readValues(yaml)) {
            List<JsonNode> objects = new ArrayList<>();
            while (docs.hasNext()) {
                JsonNode node = docs.next();
                if (node != null && !node.isNull() && !node.isEmpty()) {
                    objects.add(node);
                }
            }
            return objects;
        } catch (IOException e) {
            throw new IllegalStateException("unreadable output of kustomize for " + dir, e);
        }
    }

    static String renderText(Path dir) {
        String kubectl = System.getenv().getOrDefault("KUBECTL", "kubectl");
        try {
            Path out = Files.createTempFile("kustomize", ".yaml");
            try {
                Process p = new ProcessBuilder(kubectl, "kustomize", dir.toString()).redirectErrorStream(false)
                        .redirectOutput(out.toFile()).redirectError(ProcessBuilder.Redirect.PIPE).start();
                String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
                if (!p.waitFor(60, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    throw new IllegalStateException("kubectl kustomize " + dir + " did not finish in 60 s");
                }
                if (p.exitValue() != 0) {
                    throw new IllegalStateException("kubectl kustomize " + dir + " failed: " + err);
                }
                return Files.readString(out);
            } finally {
                Files.deleteIfExists(out);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot run '" + kubectl + " kustomize' (install kubectl, or set KUBECTL): "
                    + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
