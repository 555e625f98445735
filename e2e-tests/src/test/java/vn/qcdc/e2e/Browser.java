package vn.qcdc.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * A real Chromium, headless, driven by Selenium through Debian's chromium-driver: what a citizen's or officer's
 * browser does with the pages. Screenshots go to {@code target/screenshots/} (kept as test artefacts), and
 * {@link #axe} runs the axe-core accessibility rules in the page.
 */
final class Browser implements AutoCloseable {

    static final Path SCREENSHOTS = Path.of("target", "screenshots");
    /** The axe-core release the accessibility check runs (from npm; {@code .ci/run} installs it). */
    static final String AXE_VERSION = "4.14.1";

    final ChromeDriver driver;

    private Browser(ChromeDriver driver) {
        this.driver = driver;
    }

    /** @param javascript false: the browser runs no script at all, as a citizen's locked-down browser might */
    static Browser start(boolean javascript) {
        Path chromium = firstExisting("chromium", "/usr/bin/chromium", "/usr/lib/chromium/chromium");
        Path chromedriver = firstExisting("chromedriver", "/usr/bin/chromedriver",
                "/usr/lib/chromium/chromedriver");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium.toFile());
        // --no-sandbox: the build may run as root, where Chromium's sandbox cannot start.
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--window-size=1280,1600", "--lang=vi-VN", "--no-first-run", "--disable-extensions");
        if (!javascript) {
            options.setExperimentalOption("prefs", Map.of("profile.managed_default_content_settings.javascript", 2));
        }
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(chromedriver.toFile())
                .usingAnyFreePort().build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(java.time.Duration.ofSeconds(30));
        return new Browser(driver);
    }

    private static Path firstExisting(String what, String... candidates) {
        for (String c : candidates) {
            if (Files.isExecutable(Path.of(c))) {
                return Path.of(c);
            }
        }
        fail("No " + what + " found (" + String.join(", ", candidates) + "). Install Debian's browser and its driver: "
                + "apt-get install chromium chromium-driver (.ci/run does).");
        return null;
    }

    /** Saves what the browser shows now as {@code target/screenshots/<name>.png}. */
    Path screenshot(String name) throws IOException {
        Files.createDirectories(SCREENSHOTS);
        Path file = SCREENSHOTS.resolve(name + ".png");
        Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
        return file;
    }

    /** CSS media "print" (or back to screen with null): the page as the notice-board print shows it. */
    void emulateMedia(String media) {
        driver.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("media", media == null ? "" : media));
    }

    /**
     * Runs axe-core (WCAG 2.0/2.1/2.2 A and AA rules and best practices) on the current page and returns its
     * violations of impact serious or critical, each as "rule: help (n nodes: selectors)".
     */
    @SuppressWarnings("unchecked")
    List<String> axe() throws Exception {
        driver.executeScript(Files.readString(axeScript(), StandardCharsets.UTF_8));
        Object result = driver.executeAsyncScript(
                """
                        const done = arguments[arguments.length - 1];
                        axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa',
                            'wcag22aa', 'best-practice']}}).then(r => done(r.violations.map(v => ({id: v.id, impact: v.impact,
                            help: v.help, targets: v.nodes.map(n => n.target.join(' '))})))).catch(e => done('axe failed: ' + e));
                        """);
        if (result instanceof String error) {
            fail(error);
        }
        List<String> serious = new ArrayList<>();
        for (Map<String, Object> v : (List<Map<String, Object>>) result) {
            if ("serious".equals(v.get("impact")) || "critical".equals(v.get("impact"))) {
                List<String> targets = (List<String>) v.get("targets");
                serious.add(v.get("id") + ": " + v.get("help") + " (" + targets.size() + " nodes: " + targets + ")");
            }
        }
        return serious;
    }

    /**
     * axe-core from npm: {@code AXE_CORE_JS} if set, else {@code <tmp>/qcdc-axe}, installed there with npm when
     * missing (the webjar of axe-core does not resolve from the Maven mirror).
     */
    static Path axeScript() throws Exception {
        String given = System.getenv("AXE_CORE_JS");
        if (given != null && !given.isBlank()) {
            return Path.of(given);
        }
        Path dir = Path.of(System.getProperty("java.io.tmpdir"), "qcdc-axe");
        Path script = dir.resolve("node_modules/axe-core/axe.min.js");
        if (!Files.isRegularFile(script) || !Files.readString(dir.resolve("node_modules/axe-core/package.json"))
                .contains("\"version\": \"" + AXE_VERSION + "\"")) {
            Process npm = new ProcessBuilder("npm", "install", "--silent", "--no-audit", "--no-fund", "--prefix",
                    dir.toString(), "axe-core@" + AXE_VERSION).inheritIO().start();
            if (!npm.waitFor(180, TimeUnit.SECONDS)) {
                npm.destroyForcibly();
                fail("npm install axe-core took over 3 minutes");
            }
            assertEquals(0, npm.exitValue(),
                    "npm install axe-core@" + AXE_VERSION + " (needs npm: apt-get install npm)");
        }
        return script;
    }

    @Override
    public void close() {
        driver.quit();
    }
}
