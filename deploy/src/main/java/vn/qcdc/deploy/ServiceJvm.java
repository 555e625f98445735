package vn.qcdc.deploy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The JVM that runs the services on this machine, and the start-up cache it is given (issue 11, start-up time; figures
 * in bench/startup).
 * <ul>
 * <li>On Java 25 or newer: an ahead-of-time cache ({@value #AOT_CACHE} beside each jar; JEP 483, 514 and 515). It
 * holds the classes a service loaded and linked and the methods it ran during a whole start against the real database
 * and broker, so the next start skips that work: ready in about two thirds of the time of the class-data archive below.
 * The launcher records it itself ({@link Suite}), once per build: a recording is a real start, which the build cannot
 * do without PostgreSQL and Kafka.</li>
 * <li>On Java 17 to 24: the class-data archive ({@value #CDS_ARCHIVE}) that {@code ./suite.sh} has the build make
 * (Quarkus' AppCDS): the classes loaded at start, already parsed.</li>
 * </ul>
 * The JVM is {@code QCDC_SERVICE_JAVA} when set (suite.sh sets it to a Java 25 it finds when the one running the
 * launcher is older), else the launcher's own. Either cache is used only when it is newer than the jar; the JVM itself
 * also checks it and starts without it if anything differs.
 */
record ServiceJvm(Path java, int feature) {

    static final String CDS_ARCHIVE = "app-cds.jsa";
    static final String AOT_CACHE = "app.aot";
    /** The first Java release that records and uses an ahead-of-time cache in one training run (JEP 514). */
    static final int AOT_SINCE = 25;
    private static final Pattern VERSION = Pattern.compile("version \"(1\\.)?(\\d+)");

    static ServiceJvm from(Map<String, String> env) {
        String given = env.get("QCDC_SERVICE_JAVA");
        Path own = Path.of(System.getProperty("java.home"), "bin", "java");
        if (given == null || given.isBlank() || Path.of(given).equals(own)) {
            return new ServiceJvm(own, Runtime.version().feature());
        }
        Path java = Path.of(given.trim());
        if (!Files.isExecutable(java)) {
            throw new Settings.Refused("QCDC_SERVICE_JAVA=" + given + " is not an executable java");
        }
        return new ServiceJvm(java, featureOf(java));
    }

    /** The feature release of a java executable ({@code 25} for 25.0.3), from {@code java -version}. */
    static int featureOf(Path java) {
        try {
            Process p = new ProcessBuilder(java.toString(), "-version").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor(30, TimeUnit.SECONDS);
            return parseFeature(out);
        } catch (IOException e) {
            throw new Settings.Refused("cannot run " + java + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Settings.Refused("interrupted while asking " + java + " for its version");
        }
    }

    static int parseFeature(String versionOutput) {
        Matcher m = VERSION.matcher(versionOutput);
        if (!m.find()) {
            throw new Settings.Refused("cannot read a Java version from: " + versionOutput.strip());
        }
        return Integer.parseInt(m.group(2));
    }

    boolean aot() {
        return feature >= AOT_SINCE;
    }

    /** The cache options for a service started from {@code app} (its quarkus-app folder, where the JVM starts). */
    List<String> cacheOptions(Path app) {
        if (aot()) {
            return isFresh(app) ? List.of("-XX:AOTCache=" + AOT_CACHE) : List.of();
        }
        // The archive names the jar as the build ran it (quarkus-run.jar, relative): the JVM starts from its folder.
        return Files.isRegularFile(app.resolve(CDS_ARCHIVE))
                ? List.of("-XX:SharedArchiveFile=" + CDS_ARCHIVE)
                : List.of();
    }

    /** The option of a recording run: the cache is written when that JVM exits. */
    static List<String> recordingOptions() {
        return List.of("-XX:AOTCacheOutput=" + AOT_CACHE);
    }

    /**
     * Whether the ahead-of-time cache of {@code app} was recorded after its jars were last built (every build rewrites
     * quarkus-run.jar and the application jar).
     */
    static boolean isFresh(Path app) {
        Path cache = app.resolve(AOT_CACHE);
        if (!Files.isRegularFile(cache)) {
            return false;
        }
        try (Stream<Path> appJars = Files.list(app.resolve("app"))) {
            FileTime recorded = Files.getLastModifiedTime(cache);
            return Stream.concat(Stream.of(app.resolve("quarkus-run.jar")), appJars)
                    .allMatch(jar -> modified(jar).compareTo(recorded) <= 0);
        } catch (IOException e) {
            return false;
        }
    }

    private static FileTime modified(Path file) {
        try {
            return Files.getLastModifiedTime(file);
        } catch (IOException e) {
            return FileTime.fromMillis(Long.MAX_VALUE);
        }
    }
}
