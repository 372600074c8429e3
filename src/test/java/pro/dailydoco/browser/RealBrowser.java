package pro.dailydoco.browser;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's Chromium driven by Debian's ChromeDriver: no browser download. When they are not installed (CI installs
 * them in .ci/run when it can), browser tests are skipped with a message saying so.
 */
final class RealBrowser {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final Path SCREENSHOTS = Path.of("target", "screenshots");

    private RealBrowser() {
    }

    static WebDriver start() throws IOException {
        return start(null);
    }

    /**
     * A browser that reaches the app under test at the configured base URL ({@code dailydoco.tenant.base-url}), as a
     * person does: flows that send the browser to absolute URLs on the base URL (SSO's redirect URI, the IdP's
     * post-logout redirect) then land on the app listening on {@code testUrl}'s port. Chromium maps the base URL's
     * host and port to that port; origins, cookies and the IdP's registered URIs stay those of the base URL.
     */
    static WebDriver startOnBaseUrl(java.net.URL testUrl) throws IOException {
        java.net.URI base = java.net.URI.create(org.eclipse.microprofile.config.ConfigProvider.getConfig()
                .getValue("dailydoco.tenant.base-url", String.class));
        int basePort = base.getPort() == -1 ? 80 : base.getPort();
        return start("MAP " + base.getHost() + ":" + basePort + " 127.0.0.1:" + testUrl.getPort());
    }

    /** The configured base URL (no trailing slash) followed by {@code path}. */
    static String onBaseUrl(String path) {
        return org.eclipse.microprofile.config.ConfigProvider.getConfig().getValue("dailydoco.tenant.base-url", String.class)
                .replaceAll("/+$", "") + path;
    }

    /** A browser whose console messages the test reads through {@code manage().logs().get(LogType.BROWSER)}. */
    static WebDriver startRecordingConsole() throws IOException {
        return start(null, true);
    }

    private static WebDriver start(String hostResolverRules) throws IOException {
        return start(hostResolverRules, false);
    }

    private static WebDriver start(String hostResolverRules, boolean recordConsole) throws IOException {
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "Skipping the browser test: Debian's chromium and chromium-driver are not installed "
                        + "(apt-get install -y chromium chromium-driver).");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--window-size=1280,900",
                "--user-data-dir=" + Files.createTempDirectory("dailydoco-chromium"));
        if (recordConsole) {
            org.openqa.selenium.logging.LoggingPreferences logs = new org.openqa.selenium.logging.LoggingPreferences();
            logs.enable(org.openqa.selenium.logging.LogType.BROWSER, java.util.logging.Level.ALL);
            options.setCapability("goog:loggingPrefs", logs);
        }
        if (hostResolverRules != null) {
            options.addArguments("--host-resolver-rules=" + hostResolverRules);
        }
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().implicitlyWait(Duration.ofSeconds(5));
        return driver;
    }

    /**
     * Clicks a form's submit button and waits until the browser shows a new, fully loaded document. Without the wait,
     * a {@code get(...)} right after the click can race the form's own navigation, and whichever lands last wins.
     * The old document is marked before the click; element staleness is not used because Chromium can answer a
     * query about a node of a document being replaced with an inspector error instead of "stale".
     */
    static void submit(WebDriver driver, By button) {
        JavascriptExecutor js = (JavascriptExecutor) driver;
        js.executeScript("window.__ddSubmitted = true;");
        driver.findElement(button).click();
        new WebDriverWait(driver, Duration.ofSeconds(20)).ignoring(WebDriverException.class).until(d -> Boolean.TRUE.equals(
                js.executeScript("return window.__ddSubmitted !== true && document.readyState === 'complete';")));
    }

    static void screenshot(WebDriver driver, String name) throws IOException {
        Files.createDirectories(SCREENSHOTS);
        byte[] png = ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES);
        Files.write(SCREENSHOTS.resolve(name + ".png"), png);
    }
}
