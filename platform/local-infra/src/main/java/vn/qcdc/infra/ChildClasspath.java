package vn.qcdc.infra;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

/**
 * Builds the classpath of the child broker JVM from the classpath of the current JVM.
 *
 * <p>
 * Why from {@code java.class.path}: the Kafka broker needs dozens of jars (Scala, the Kafka server modules and their
 * dependencies) that Maven already resolved for us; whoever started this JVM (surefire with
 * {@code useManifestOnlyJar=false}, {@code java -cp ...}, or {@code java -jar} with a manifest listing
 * {@code lib/*.jar}) put them there. Manifest {@code Class-Path} entries are followed so a launcher jar works too.
 *
 * <p>
 * slf4j: the parent may be a Quarkus application whose slf4j binding logs into the JBoss log manager, which the child
 * does not have. Every jar that provides an slf4j binding is therefore left out, and the child gets slf4j-simple, which
 * this module ships as a resource precisely so that it never sits on a consumer's classpath.
 */
final class ChildClasspath {

    private static final String SLF4J_PROVIDER = "META-INF/services/org.slf4j.spi.SLF4JServiceProvider";
    private static final String SLF4J_LEGACY_BINDER = "org/slf4j/impl/StaticLoggerBinder.class";
    private static final String BINDING_RESOURCE = "broker-lib/slf4j-simple.jar.bin";

    private ChildClasspath() {
    }

    /** The child's classpath entries; the slf4j-simple jar is written to {@code libDir}. */
    static List<String> build(Path libDir) {
        Set<Path> entries = new LinkedHashSet<>();
        for (String entry : System.getProperty("java.class.path", "").split(java.io.File.pathSeparator)) {
            if (!entry.isBlank()) {
                addWithManifestClassPath(Path.of(entry).toAbsolutePath().normalize(), entries);
            }
        }
        // When this class was loaded by something other than the application class loader (an IDE runner, a
        // custom launcher), java.class.path may miss it; the broker wrapper class must be there in any case.
        codeSource(ChildClasspath.class).ifPresent(entries::add);
        Optional<Path> kafkaJar = codeSource(kafka.Kafka.class);
        kafkaJar.ifPresent(entries::add);

        List<String> result = new ArrayList<>();
        result.add(extractBinding(libDir).toString());
        for (Path p : entries) {
            if (Files.exists(p) && !isSlf4jBinding(p)) {
                result.add(p.toString());
            }
        }
        if (kafkaJar.isEmpty() && result.stream().noneMatch(e -> e.contains("kafka_2.13"))) {
            throw new IllegalStateException("The Kafka broker jars (org.apache.kafka:kafka_2.13) are not on the "
                    + "classpath of this JVM (java.class.path), so the broker cannot be started.");
        }
        return result;
    }

    private static void addWithManifestClassPath(Path entry, Set<Path> entries) {
        if (!entries.add(entry) || !Files.isRegularFile(entry) || !entry.toString().endsWith(".jar")) {
            return;
        }
        try (JarFile jar = new JarFile(entry.toFile())) {
            Manifest manifest = jar.getManifest();
            String classPath = manifest == null
                    ? null
                    : manifest.getMainAttributes()
                            .getValue(Attributes.Name.CLASS_PATH);
            if (classPath == null) {
                return;
            }
            URI base = entry.getParent().toUri();
            for (String ref : classPath.trim().split("\\s+")) {
                if (ref.isEmpty()) {
                    continue;
                }
                try {
                    URI resolved = base.resolve(new URI(null, null, ref, null).getRawPath());
                    if (ref.startsWith("file:")) {
                        resolved = new URI(ref);
                    }
                    addWithManifestClassPath(Path.of(resolved).normalize(), entries);
                } catch (URISyntaxException | IllegalArgumentException e) {
                    // an unusable entry is ignored, exactly like the JVM does
                }
            }
        } catch (IOException e) {
            // not a readable jar: keep the entry as it is
        }
    }

    private static boolean isSlf4jBinding(Path entry) {
        if (Files.isDirectory(entry)) {
            return Files.exists(entry.resolve(SLF4J_PROVIDER)) || Files.exists(entry.resolve(SLF4J_LEGACY_BINDER));
        }
        try (JarFile jar = new JarFile(entry.toFile())) {
            return jar.getEntry(SLF4J_PROVIDER) != null || jar.getEntry(SLF4J_LEGACY_BINDER) != null;
        } catch (IOException e) {
            return false;
        }
    }

    private static Path extractBinding(Path libDir) {
        Path target = libDir.resolve("slf4j-simple.jar");
        try (InputStream in = ChildClasspath.class.getResourceAsStream(BINDING_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("Resource " + BINDING_RESOURCE + " missing from local-infra");
            }
            Files.createDirectories(libDir);
            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write " + target, e);
        }
    }

    private static Optional<Path> codeSource(Class<?> type) {
        try {
            var source = type.getProtectionDomain().getCodeSource();
            return source == null
                    ? Optional.empty()
                    : Optional.of(Path.of(source.getLocation().toURI()).toAbsolutePath().normalize());
        } catch (URISyntaxException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
