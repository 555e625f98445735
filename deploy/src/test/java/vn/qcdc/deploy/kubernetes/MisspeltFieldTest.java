package vn.qcdc.deploy.kubernetes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A wrong field name in a manifest fails the build: a copy of deploy/kubernetes with one field misspelt renders
 * (Kustomize does not know the types) and the validator refuses it, naming the field. Cases for each checker: Kubernetes
 * types (fabric8's model), Strimzi's Kafka and KafkaTopic, CloudNativePG's Cluster and Database and the Prometheus
 * operator's ServiceMonitor (their vendored CRD schemas), a wrong enum value and a wrong type.
 */
class MisspeltFieldTest {

    @TempDir
    Path copy;

    void copyManifests() throws IOException {
        Path from = KubernetesManifestsTest.ROOT;
        try (Stream<Path> files = Files.walk(from)) {
            for (Path f : files.toList()) {
                Path to = copy.resolve(from.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(f, to);
                }
            }
        }
    }

    List<String> problemsOfSingleNode() {
        ManifestValidator validator = new ManifestValidator();
        List<String> problems = new ArrayList<>();
        Kustomize.render(copy.resolve("overlays/single-node")).forEach(o -> problems.addAll(validator.problems(o)));
        return problems;
    }

    @Test
    void theUnchangedCopyIsValid() throws IOException {
        copyManifests();
        assertEquals(List.of(), problemsOfSingleNode());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "base/services/inspection-service.yaml | readOnlyRootFilesystem: true | readOnlyRootFileSystem: true | readOnlyRootFileSystem",
            "base/services/notification-service.yaml | failureThreshold: 60 | failureTreshold: 60 | failureTreshold",
            "base/kafka/topics.yaml | partitions: 6 | partition: 6 | partition",
            "base/kafka/kafka.yaml | '        networkPolicyPeers:' | '        networkPolicyPeer:' | networkPolicyPeer",
            "base/kafka/users.yaml | operations: [Write, Describe] | operations: [Wirte, Describe] | Wirte",
            "base/postgres/cluster.yaml | enablePodAntiAffinity: true | enablePodAntiAfinity: true | enablePodAntiAfinity",
            "base/postgres/cluster.yaml | databaseReclaimPolicy: retain | reclaimPolicy: retain | reclaimPolicy",
            "base/postgres/cluster.yaml | primaryUpdateStrategy: | primaryUpdateStrategie: | primaryUpdateStrategie",
            "base/postgres/cluster.yaml | maxParallel: 2 | maxParallel: two | maxParallel",
            "base/services/service-monitor.yaml | interval: 30s | intervall: 30s | intervall"})
    void aMisspeltFieldIsRefused(String file, String field, String misspelt, String expectedInMessage)
            throws IOException {
        copyManifests();
        Path f = copy.resolve(file);
        String text = Files.readString(f);
        String changed = text.replaceFirst(java.util.regex.Pattern.quote(field),
                java.util.regex.Matcher.quoteReplacement(misspelt));
        assertNotEquals(text, changed, "the test's field is in " + file);
        Files.writeString(f, changed);

        List<String> problems = problemsOfSingleNode();
        System.out.printf("%s with %s: %s%n", file, misspelt.strip(), problems);

        assertTrue(problems.stream().anyMatch(p -> p.contains(expectedInMessage)),
                "expected a problem naming " + expectedInMessage + ", got " + problems);
    }
}
