package vn.qcdc.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which start-up cache the launcher hands a service, and when it counts a recorded cache as stale. */
class ServiceJvmTest {

    @TempDir
    Path app;

    @Test
    void readsTheFeatureReleaseOfAnyJavaVersionLine() {
        assertEquals(17, ServiceJvm.parseFeature("openjdk version \"17.0.15\" 2025-04-15\nOpenJDK Runtime ..."));
        assertEquals(25, ServiceJvm.parseFeature("openjdk version \"25.0.3\" 2026-04-21 LTS"));
        assertEquals(8, ServiceJvm.parseFeature("java version \"1.8.0_292\""));
        assertEquals(26, ServiceJvm.parseFeature("openjdk version \"26-ea\" 2026-03-17"));
        assertThrows(Settings.Refused.class, () -> ServiceJvm.parseFeature("command not found"));
    }

    @Test
    void theLaunchersOwnJavaIsUsedUnlessAnotherIsNamed() {
        ServiceJvm own = ServiceJvm.from(Map.of());
        assertEquals(Runtime.version().feature(), own.feature());
        assertThrows(Settings.Refused.class, () -> ServiceJvm.from(Map.of("QCDC_SERVICE_JAVA", "/no/such/java")));
    }

    @Test
    void java25UsesARecordedCacheOnlyWhenItIsNewerThanTheJars() throws Exception {
        ServiceJvm java25 = new ServiceJvm(Path.of("java"), 25);
        Files.createDirectories(app.resolve("app"));
        Path jar = Files.writeString(app.resolve("quarkus-run.jar"), "jar");
        Path appJar = Files.writeString(app.resolve("app/service.jar"), "jar");
        assertTrue(java25.aot());
        assertEquals(List.of(), java25.cacheOptions(app), "no cache recorded yet");

        Path cache = Files.writeString(app.resolve(ServiceJvm.AOT_CACHE), "cache");
        FileTime recorded = Files.getLastModifiedTime(cache);
        Files.setLastModifiedTime(jar, FileTime.fromMillis(recorded.toMillis() - 60_000));
        Files.setLastModifiedTime(appJar, FileTime.fromMillis(recorded.toMillis() - 60_000));
        assertEquals(List.of("-XX:AOTCache=app.aot"), java25.cacheOptions(app));

        // a build after the recording (the application jar rewritten) makes the cache stale
        Files.setLastModifiedTime(appJar, FileTime.fromMillis(recorded.toMillis() + 60_000));
        assertFalse(ServiceJvm.isFresh(app));
        assertEquals(List.of(), java25.cacheOptions(app));
    }

    @Test
    void olderJavaUsesTheBuildsClassDataArchiveWhenThereIsOne() throws Exception {
        ServiceJvm java17 = new ServiceJvm(Path.of("java"), 17);
        assertFalse(java17.aot());
        assertEquals(List.of(), java17.cacheOptions(app));
        Files.writeString(app.resolve(ServiceJvm.CDS_ARCHIVE), "archive");
        assertEquals(List.of("-XX:SharedArchiveFile=app-cds.jsa"), java17.cacheOptions(app));
    }
}
