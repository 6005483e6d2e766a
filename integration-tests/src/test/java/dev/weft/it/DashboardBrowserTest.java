package dev.weft.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.weft.it.support.ExampleProcess;

import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.logging.Level;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;

/**
 * The runtime dashboard of the example ({@code --observe}) in a real headless browser: Debian's
 * chromium driven through its chromedriver by Selenium. The page loads, goes live over its event
 * stream, its figures move while this test sends requests, the browser logs no error, and a
 * screenshot is kept at {@code target/dashboard.png}. Both programs come from Debian's
 * {@code chromium} and {@code chromium-driver} packages, which CI installs; a missing one fails
 * the test.
 */
@Timeout(180)
class DashboardBrowserTest {
    private static final String CHROMIUM = "/usr/bin/chromium";
    private static final String CHROMEDRIVER = "/usr/bin/chromedriver";
    private static final Duration LIMIT = Duration.ofSeconds(60);

    @Test
    void theDashboardGoesLiveAndFollowsTheLoad(@TempDir Path profile) throws Exception {
        assertTrue(Files.isExecutable(Path.of(CHROMIUM)), CHROMIUM + " is missing: install Debian's chromium");
        assertTrue(Files.isExecutable(Path.of(CHROMEDRIVER)), CHROMEDRIVER + " is missing: install chromium-driver");
        try (ExampleProcess example = ExampleProcess.start(List.of(), "--observe", "--workers", "2")) {
            WebDriver browser = chromium(profile);
            AtomicBoolean loading = new AtomicBoolean(true);
            AtomicLong answered = new AtomicLong();
            Thread load = Thread.ofPlatform().name("dashboard-load").start(() -> drive(example.port(), loading, answered));
            try {
                browser.get("http://127.0.0.1:" + example.port() + "/debug/runtime");
                assertEquals("Weft runtime", browser.getTitle());
                await("the event stream opens", () -> text(browser, "status").equals("live"));
                await("a first sample arrives", () -> !text(browser, "requestsPerSecond").equals("–"));
                assertEquals(2, browser.findElements(By.cssSelector("#workers .worker")).size(),
                        "one bar per worker");
                // Behaviour under load: the requests the test sends show up as a rate above zero,
                // and the page keeps changing as samples come.
                await("the request rate shows the load", () -> number(text(browser, "requestsPerSecond")) > 0);
                String polls = text(browser, "pollsPerSecond") + "|" + text(browser, "pollP99") + "|"
                        + text(browser, "requestsPerSecond");
                await("the figures change with the next samples", () -> !(text(browser, "pollsPerSecond") + "|"
                        + text(browser, "pollP99") + "|" + text(browser, "requestsPerSecond")).equals(polls));
                String busy = browser.findElement(By.cssSelector("#workers .worker .busy")).getDomAttribute("style");
                assertTrue(busy != null && busy.contains("width"), "the busy bar has a width: " + busy);
                assertTrue(answered.get() > 0, "the load was answered");

                Path shot = ((ChromeDriver) browser).getScreenshotAs(OutputType.FILE).toPath();
                Path kept = Path.of("target", "dashboard.png");
                Files.createDirectories(kept.getParent());
                Files.copy(shot, kept, StandardCopyOption.REPLACE_EXISTING);
                assertTrue(Files.size(kept) > 1000, "a screenshot at " + kept.toAbsolutePath());

                List<String> errors = browser.manage().logs().get(LogType.BROWSER).getAll().stream()
                        .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue())
                        .map(LogEntry::toString).toList();
                assertEquals(List.of(), errors, "the browser's console errors");
            } finally {
                loading.set(false);
                load.join();
                browser.quit();
            }
        }
    }

    private static WebDriver chromium(Path profile) {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(new File(CHROMIUM));
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1280,1000", "--user-data-dir=" + profile.toAbsolutePath());
        options.setCapability("goog:loggingPrefs", Map.of(LogType.BROWSER, "ALL"));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER)).usingAnyFreePort().build();
        return new ChromeDriver(service, options);
    }

    /** Sends requests on a few keep-alive connections until told to stop. */
    private static void drive(int port, AtomicBoolean loading, AtomicLong answered) {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/user/7"))
                .timeout(Duration.ofSeconds(10)).build();
        while (loading.get()) {
            try {
                if (http.send(request, HttpResponse.BodyHandlers.ofString()).statusCode() == 200) {
                    answered.incrementAndGet();
                }
            } catch (Exception e) {
                if (loading.get()) {
                    throw new IllegalStateException("the load failed", e);
                }
            }
        }
    }

    private static String text(WebDriver browser, String id) {
        return browser.findElement(By.id(id)).getText().trim();
    }

    /** The dashboard's number: "12", "3.4k", "1.20M". */
    private static double number(String shown) {
        String s = shown.replace(" ", "");
        double scale = s.endsWith("k") ? 1e3 : s.endsWith("M") ? 1e6 : 1;
        if (scale != 1) {
            s = s.substring(0, s.length() - 1);
        }
        return Double.parseDouble(s) * scale;
    }

    private static void await(String what, Supplier<Boolean> condition) throws InterruptedException {
        long deadline = System.nanoTime() + LIMIT.toNanos();
        while (!condition.get()) {
            if (System.nanoTime() - deadline > 0) {
                fail(what + ": not within " + LIMIT.toSeconds() + " s");
            }
            Thread.sleep(100);
        }
    }
}
