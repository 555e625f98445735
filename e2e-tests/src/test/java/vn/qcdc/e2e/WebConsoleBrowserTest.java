package vn.qcdc.e2e;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

import vn.qcdc.infra.DevTokens;

/**
 * The web console in a real Chromium: the public disclosure site, then the officers' console, against the whole suite started by the launcher with
 * the reference scenario as demo data ({@code --demo}). One suite and one browser serve every test of the class.
 *
 * <p>
 * A citizen, with JavaScript off, types "xuat hoa" without marks, finds Phường Xuất Hóa, opens the conclusion of 3
 * December 2020 and reads its five recommendations with their status in Vietnamese words and dates as dd/MM/yyyy;
 * the same page in English; the notice-board print hides the search; axe-core finds no serious or critical
 * accessibility violation on any public page. Xuất Hóa's ward officer signs in (dev sign-in), opens the first
 * recommendation from the queue and reports its completion with its evidence file (a Vietnamese name), which the
 * page then lists and the console serves back under that name; a steering officer of Bắc Kạn signs
 * in, sees the overdue chart drawn by chart.js with its table and CSV, drills down from the chart's row to the
 * overdue recommendations of Thành phố Bắc Kạn and to the one whose completion was reported, and verifies it.
 * Screenshots: {@code e2e-tests/target/screenshots/public-*.png}, {@code console-*.png}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WebConsoleBrowserTest {

    static final String XUAT_HOA = "01855";
    static final Set<String> STATUS_WORDS_VI = Set.of("Đã ban hành", "Đang thực hiện", "Đã báo cáo hoàn thành",
            "Đã xác nhận hoàn thành", "Đã hủy");
    static final Pattern DAY = Pattern.compile("\\d{2}/\\d{2}/\\d{4}");

    RunningSuite suite;
    Browser browser;
    String site;
    /** Pages visited, for the accessibility check. */
    final List<String> pages = new ArrayList<>();

    @BeforeAll
    void start() throws Exception {
        suite = RunningSuite.temporary("qcdc-web-");
        suite.start("--demo");
        suite.awaitReady(Duration.ofMinutes(4));
        site = "http://127.0.0.1:" + suite.webPort;
        // The demo data is written at the services' start; the public view shows it once concluded.
        await().atMost(Duration.ofSeconds(60)).until(() -> given().port(suite.inspectionPort)
                .get("/api/v1/public/inspections?unit=" + XUAT_HOA).then().extract().path("items.size()")
                .equals(1));
    }

    @AfterAll
    void stop() throws Exception {
        if (browser != null) {
            browser.close();
        }
        if (suite != null) {
            suite.close();
        }
    }

    @Test
    @Order(1)
    void aCitizenWithoutJavaScriptFindsXuatHoasConclusionByTypingWithoutMarks() throws Exception {
        try (Browser noScript = Browser.start(false)) {
            var d = noScript.driver;
            d.get(site + "/");
            assertEquals("vi", d.findElement(By.tagName("html")).getAttribute("lang"));
            noScript.screenshot("public-1-home");
            d.findElement(By.id("q")).sendKeys("xuat hoa");
            d.findElement(By.cssSelector("form.search button[type=submit]")).click();
            noScript.screenshot("public-2-search");
            d.findElement(By.partialLinkText("Xuất Hóa")).click();
            assertTrue(d.getCurrentUrl().endsWith("/units/" + XUAT_HOA), d.getCurrentUrl());
            assertTrue(d.findElement(By.tagName("h1")).getText().contains("Xuất Hóa"));
            noScript.screenshot("public-3-ward");
            WebElement card = d.findElement(By.cssSelector(".cards .card"));
            assertTrue(card.getText().contains("Phạm Duy Hưng"), "head of the delegation: " + card.getText());
            assertTrue(card.getText().contains("2020"), card.getText());
            card.findElement(By.tagName("a")).click();

            String h1 = d.findElement(By.tagName("h1")).getText();
            assertTrue(h1.contains("Xuất Hóa") && h1.contains("03/12/2020"), h1);
            List<WebElement> recommendations = d.findElements(By.cssSelector("li.recommendation"));
            assertEquals(5, recommendations.size(), "the five recommendations of the conclusion");
            for (WebElement r : recommendations) {
                String status = r.findElement(By.cssSelector(".status")).getText();
                assertTrue(STATUS_WORDS_VI.contains(status), "status in Vietnamese words: " + status);
                String due = r.findElement(By.cssSelector("time")).getText();
                assertTrue(DAY.matcher(due).matches(), "due date as dd/MM/yyyy: " + due);
            }
            String body = d.findElement(By.tagName("main")).getText();
            assertTrue(body.contains("Đảng ủy") && body.contains("Ban Thanh tra nhân dân"), "addressees in words");
            // (the tag is shown in capitals by CSS, and WebDriver reads rendered text)
            assertTrue(body.toLowerCase(java.util.Locale.forLanguageTag("vi")).contains("quá hạn"),
                    "late recommendations are marked (due in 2021)");
            assertTrue(body.contains("7 mô hình"), "a finding's figure");
            assertFalse(body.contains("PARTY_COMMITTEE") || body.contains("IN_PROGRESS") || body.contains("ISSUED"),
                    "no raw codes");
            assertFalse(body.contains("Ghi chú nội bộ"), "no internal note");
            pages.add(d.getCurrentUrl());
            noScript.screenshot("public-4-conclusion");
        }
    }

    @Test
    @Order(2)
    void thePageInEnglishAndTheNoticeBoardPrint() throws Exception {
        browser = Browser.start(true);
        var d = browser.driver;
        d.get(pages.get(0));
        d.findElement(By.cssSelector("a.lang-switch")).click();
        assertEquals("en", d.findElement(By.tagName("html")).getAttribute("lang"));
        List<WebElement> statuses = d.findElements(By.cssSelector("li.recommendation .status"));
        assertEquals(5, statuses.size());
        for (WebElement s : statuses) {
            assertTrue(Set.of("Issued", "In progress", "Completion reported", "Verified", "Cancelled")
                    .contains(s.getText()), s.getText());
        }
        browser.screenshot("public-5-conclusion-en");
        d.findElement(By.cssSelector("a.lang-switch")).click();
        assertEquals("vi", d.findElement(By.tagName("html")).getAttribute("lang"));

        browser.emulateMedia("print");
        assertFalse(d.findElement(By.cssSelector("form.search")).isDisplayed(), "no search box on paper");
        assertTrue(d.findElement(By.cssSelector(".print-heading")).isDisplayed());
        browser.screenshot("public-6-print");
        browser.emulateMedia(null);
    }

    @Test
    @Order(3)
    void badInputIsAClearPageInTheReadersLanguage() throws Exception {
        var d = browser.driver;
        d.get(site + "/search?q=");
        assertTrue(d.findElement(By.cssSelector(".error-summary")).getText().contains("Hãy nhập tên"));
        d.get(site + "/inspections/not-a-uuid");
        assertEquals("Không tìm thấy trang", d.findElement(By.tagName("h1")).getText());
        d.get(site + "/units/99999");
        assertEquals("Không tìm thấy trang", d.findElement(By.tagName("h1")).getText());
        browser.screenshot("public-7-not-found");
        given().port(suite.webPort).urlEncodingEnabled(false).get("/search?q=%01").then().statusCode(400);
        given().port(suite.webPort).get("/units/%3Cscript%3E").then().statusCode(404);
    }

    @Test
    @Order(4)
    void publicPagesHaveNoSeriousAccessibilityViolations() throws Exception {
        var d = browser.driver;
        List<String> urls = new ArrayList<>(List.of(site + "/", site + "/search?q=xuat+hoa",
                site + "/units/" + XUAT_HOA, site + "/units/06"));
        urls.addAll(pages);
        List<String> found = new ArrayList<>();
        for (String url : urls) {
            d.get(url);
            for (String v : browser.axe()) {
                found.add(url + " → " + v);
            }
        }
        assertEquals(List.of(), found, "axe-core: serious or critical violations");
    }

    @Test
    @Order(5)
    void aWardOfficerReportsCompletionWithItsEvidenceFromTheQueue() throws Exception {
        var d = browser.driver;
        d.get(site + "/console/sign-in");
        new org.openqa.selenium.support.ui.Select(d.findElement(By.id("role"))).selectByValue("unit-officer");
        d.findElement(By.id("unit")).sendKeys(XUAT_HOA);
        d.findElement(By.cssSelector("form.form button[type=submit]")).click();
        d.get(site + "/console/queue");
        browser.screenshot("console-1-ward-queue");
        d.findElement(By.xpath("//table[contains(@class,'recommendation-list')]//th/a[starts-with(normalize-space(),"
                + " '1.')]")).click();
        d.findElement(By.id("kind-completion")).click();
        d.findElement(By.id("report")).click();
        awaitContains(By.cssSelector(".error-summary"), "Hãy nhập nội dung",
                "bad input: a clear message in Vietnamese");
        // The evidence is a file from the officer's computer, chosen in the form's file field (no script needed).
        var dir = Files.createTempDirectory("e2e-evidence");
        var empty = Files.createFile(dir.resolve("trong.pdf"));
        // A Vietnamese file name: it travels in UTF-8 from the browser through the console to the service and back.
        String planName = "Kế hoạch 12-KH-UBND.pdf";
        var plan = Files.write(dir.resolve(planName),
                "%PDF-1.4\n% Kế hoạch số 12/KH-UBND (minh họa)\n%%EOF\n".getBytes(StandardCharsets.UTF_8));
        d.findElement(By.id("kind-completion")).click();
        d.findElement(By.id("text")).sendKeys("Đã ban hành Kế hoạch sát thực tế địa phương.");
        d.findElement(By.id("evidenceFile")).sendKeys(empty.toAbsolutePath().toString());
        d.findElement(By.id("report")).click();
        awaitContains(By.cssSelector(".error-summary"), "Tệp rỗng",
                "a refused file: the service's reason in Vietnamese");
        d.findElement(By.id("kind-completion")).click();
        d.findElement(By.id("text")).sendKeys("Đã ban hành Kế hoạch sát thực tế địa phương.");
        d.findElement(By.id("evidenceFile")).sendKeys(plan.toAbsolutePath().toString());
        d.findElement(By.id("evidenceTitle")).sendKeys("Kế hoạch số 12/KH-UBND");
        d.findElement(By.id("report")).click();
        awaitText(By.id("status"), "Đã báo cáo hoàn thành");
        assertTrue(d.findElement(By.tagName("main")).getText().contains(planName),
                "the report shows its evidence by the uploaded file's name");
        browser.screenshot("console-2-ward-reported");
        // The file is listed with its size and date, and downloaded through the console (never a service's address).
        WebElement file = d.findElement(By.cssSelector("table.evidence-files a"));
        assertEquals(planName, file.getText());
        String href = file.getAttribute("href");
        assertTrue(href.startsWith(site + "/console/recommendations/"), href);
        byte[] downloaded = given().port(suite.webPort)
                .cookie("qcdc_officer", d.manage().getCookieNamed("qcdc_officer").getValue())
                .get(href.replace(site, "")).then().statusCode(200).contentType("application/pdf")
                .header("Content-Disposition", org.hamcrest.Matchers.endsWith(
                        "filename*=UTF-8''K%E1%BA%BF%20ho%E1%BA%A1ch%2012-KH-UBND.pdf"))
                .extract().asByteArray();
        org.junit.jupiter.api.Assertions.assertArrayEquals(Files.readAllBytes(plan), downloaded);
        Files.delete(plan);
        Files.delete(empty);
        Files.delete(dir);
        d.findElement(By.cssSelector("form[action='/console/sign-out'] button")).click();
    }

    @Test
    @Order(6)
    void aSteeringOfficerSignsInSeesTheOverdueChartDrillsDownAndVerifiesOne() throws Exception {
        String ward = DevTokens.token("unit-officer", XUAT_HOA, null);
        String first = given().port(suite.inspectionPort).auth().oauth2(ward).queryParam("unit", XUAT_HOA)
                .queryParam("year", 2020).get("/api/v1/recommendations").then().statusCode(200).extract()
                .path("items.find { it.seq == 1 }.id");
        var d = browser.driver;
        d.manage().deleteAllCookies(); // a browser of its own, whatever the test before it left
        d.get(site + "/console");
        assertTrue(d.getCurrentUrl().endsWith("/console/sign-in"), "not signed in: to the sign-in page");
        d.findElement(By.id("unit")).sendKeys("abc");
        d.findElement(By.cssSelector("form.form button[type=submit]")).click();
        awaitContains(By.cssSelector(".error-summary"), "Mã đơn vị gồm 2 đến 5 chữ số",
                "bad input: a clear message in Vietnamese");
        browser.screenshot("console-3-sign-in-error");
        new org.openqa.selenium.support.ui.Select(d.findElement(By.id("role"))).selectByValue("steering");
        d.findElement(By.id("unit")).clear();
        d.findElement(By.id("unit")).sendKeys("06");
        d.findElement(By.cssSelector("form.form button[type=submit]")).click();

        d.get(site + "/console?unit=06&year=2020");
        WebElement overdueChart = d.findElement(By.id("chart-overdue"));
        new org.openqa.selenium.support.ui.WebDriverWait(d, Duration.ofSeconds(10))
                .until(x -> overdueChart.getAttribute("class").contains("drawn"));
        assertTrue(overdueChart.findElement(By.tagName("canvas")).getSize().getHeight() > 50,
                "chart.js drew the overdue chart (served by the console)");
        WebElement row = overdueChart.findElement(By.xpath(".//tbody/tr[th[contains(., 'Bắc Kạn')]]"));
        assertTrue(Integer.parseInt(row.findElement(By.tagName("td")).getText()) >= 1, row.getText());
        browser.screenshot("console-4-dashboard");
        // The same numbers as CSV, with the officer's session.
        String csv = given().port(suite.webPort).cookie("qcdc_officer", d.manage().getCookieNamed("qcdc_officer")
                .getValue()).get(overdueChart.findElement(By.partialLinkText("CSV")).getAttribute("href")
                        .replace(site, ""))
                .then().statusCode(200).contentType(org.hamcrest.Matchers.containsString("text/csv")).extract()
                .asString();
        assertTrue(csv.contains("Bắc Kạn"), csv);

        row.findElement(By.tagName("a")).click();
        assertTrue(d.getCurrentUrl().contains("overdue=true"), d.getCurrentUrl());
        browser.screenshot("console-5-overdue-list");
        d.findElement(By.xpath("//table[contains(@class,'recommendation-list')]//tr[td//strong[normalize-space()="
                + "'Đã báo cáo hoàn thành']]//th/a")).click();
        assertEquals("Đã báo cáo hoàn thành", d.findElement(By.id("status")).getText());
        assertTrue(d.findElement(By.tagName("main")).getText().contains("Kế hoạch số 12/KH-UBND"),
                "the report's evidence");
        browser.screenshot("console-6-recommendation");
        d.findElement(By.id("note")).sendKeys("Đã kiểm tra Kế hoạch số 12/KH-UBND.");
        d.findElement(By.id("verify")).click();
        awaitText(By.id("status"), "Đã xác nhận hoàn thành");
        assertTrue(d.findElement(By.cssSelector(".success")).isDisplayed());
        browser.screenshot("console-7-verified");
        given().port(suite.inspectionPort).auth().oauth2(ward).get("/api/v1/recommendations/" + first).then()
                .body("status", org.hamcrest.Matchers.equalTo("VERIFIED"));
        assertEquals(List.of(), browser.axe(), "axe-core on the recommendation page");
    }

    /**
     * Waits for the page a form led to, whose element contains {@code text}: found at once, the element may still be
     * the one of the page the form was sent from (seen: a stale element after a file upload).
     */
    void awaitContains(By by, String text, String why) {
        try {
            new org.openqa.selenium.support.ui.WebDriverWait(browser.driver, Duration.ofSeconds(15))
                    .ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                    .ignoring(org.openqa.selenium.NoSuchElementException.class)
                    .until(d -> d.findElement(by).getText().contains(text));
        } catch (org.openqa.selenium.TimeoutException e) {
            throw new AssertionError(why + ": " + browser.driver.findElement(By.tagName("main")).getText(), e);
        }
    }

    /** Waits for the page a form led to: the element, found again as the browser navigates, shows {@code text}. */
    void awaitText(By by, String text) {
        new org.openqa.selenium.support.ui.WebDriverWait(browser.driver, Duration.ofSeconds(15))
                .ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                .ignoring(org.openqa.selenium.NoSuchElementException.class)
                .ignoring(org.openqa.selenium.WebDriverException.class)
                .until(d -> text.equals(d.findElement(by).getText()));
    }
}
