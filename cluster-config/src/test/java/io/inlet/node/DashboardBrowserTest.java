package io.inlet.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.inlet.testkit.Ffmpeg;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.Alert;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard in a real headless Chromium ({@link DashboardBrowser}): a real FFmpeg publisher shows
 * up as a card with a decoded thumbnail, and a key created in the page, published to and revoked in
 * the page disconnects its publisher. The browser console must stay free of errors throughout.
 */
class DashboardBrowserTest {

  @TempDir
  static Path dir;
  private static DashboardBrowser browser;
  private static Node node;
  private static ChromeDriver driver;
  private static String adminToken;

  @BeforeAll
  static void start() throws Exception {
    browser = DashboardBrowser.start(dir);
    node = browser.node;
    driver = browser.driver;
    adminToken = browser.adminToken;
  }

  @AfterAll
  static void stop() throws Exception {
    if (browser != null) {
      browser.close();
    }
  }

  @Test
  void dashboardShowsALiveStreamAndManagesKeys() throws Exception {
    Path source = dir.resolve("source.flv");
    Ffmpeg.run(dir.resolve("encode.log"), "-f", "lavfi", "-i", "testsrc2=size=320x240:rate=25",
        "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000", "-t", "4",
        "-c:v", "libx264", "-preset", "veryfast", "-g", "25", "-c:a", "aac", "-f", "flv", source.toString());
    publish("demo.log", source, browser.demoKey);

    // The page re-renders the cards and the key list as it polls: an element found a moment ago may be gone.
    WebDriverWait wait = browser.waiter();
    driver.get(base() + "/");
    assertThat(driver.getTitle()).isEqualTo("Inlet dashboard");

    // The stream card, with a decoded thumbnail and the stream's figures.
    wait.withMessage("the card of 'demo' with a loaded thumbnail").until(d -> thumbnailWidth("demo") > 0);
    wait.withMessage("the figures of 'demo' from its decoder").until(d -> card("demo").getText().contains("320×240"));
    assertThat(fresh(() -> card("demo").getText())).contains("● Live", "h264", "aac", "kbps", "p50", "p99", "A/V drift",
        "dropped", "Ingest node", "local");
    assertThat(fresh(() -> card("demo").findElement(By.cssSelector("svg.spark polyline")).getAttribute("points"))).isNotBlank();
    assertThat(fresh(() -> card("demo").findElement(By.cssSelector("img.thumb")).getAttribute("alt"))).isEqualTo("Latest frame of demo");

    // A wrong admin token: a clear message (its 401 is the one console error expected below).
    driver.findElement(By.id("token")).sendKeys("not-the-token");
    driver.findElement(By.cssSelector("#token-form button[type=submit]")).click();
    wait.withMessage("the 401 message").until(ExpectedConditions.textToBe(By.id("keys-message"),
        "✖ The admin token was refused (401). Enter the token the node printed on its first start or was given with --admin-token."));
    assertThat(driver.findElement(By.id("keys-admin")).isDisplayed()).isFalse();
    List<LogEntry> refused = driver.manage().logs().get(LogType.BROWSER).getAll();
    assertThat(refused).as("console entries after a wrong token").allSatisfy(entry ->
        assertThat(entry.getMessage()).contains("/api/keys").contains("401"));

    // The right token: the key list.
    driver.findElement(By.id("token")).sendKeys(adminToken);
    driver.findElement(By.cssSelector("#token-form button[type=submit]")).click();
    wait.withMessage("the key list with 'demo'").until(d -> !d.findElements(By.cssSelector("tr[data-key='demo']")).isEmpty());
    assertThat(driver.findElement(By.id("keys-message")).isDisplayed()).isFalse();
    assertThat(fresh(() -> keyRow("demo").getText())).contains("● live");
    assertThat((String) js("return sessionStorage.getItem('inlet.adminToken')")).isEqualTo(adminToken);
    // With the token, each stream's card offers to end it.
    wait.withMessage("the End stream button on 'demo'").until(d ->
        card("demo").findElement(By.cssSelector("button[data-end='demo']")).isDisplayed());

    // Create a key: shown once, as a publish URL and as OBS's Server / Stream Key pair.
    driver.findElement(By.id("key-name")).sendKeys("browsercam");
    driver.findElement(By.cssSelector("#create-form button[type=submit]")).click();
    wait.withMessage("the new key revealed").until(ExpectedConditions.visibilityOfElementLocated(By.id("reveal")));
    String key = driver.findElement(By.id("reveal-key")).getAttribute("value");
    String server = "rtmp://127.0.0.1:" + node.rtmpPort() + "/live";
    assertThat(key).hasSize(43);
    assertThat(driver.findElement(By.id("reveal-server")).getAttribute("value")).isEqualTo(server);
    assertThat(driver.findElement(By.id("reveal-url")).getAttribute("value")).isEqualTo(server + "/" + key);
    assertThat(driver.findElement(By.id("reveal")).getText()).contains("browsercam", "shown only this once");
    driver.findElement(By.id("reveal-done")).click();
    assertThat(driver.findElement(By.id("reveal")).isDisplayed()).isFalse();
    assertThat(driver.getPageSource()).doesNotContain(key);
    wait.withMessage("'browsercam' in the key list").until(d -> !d.findElements(By.cssSelector("tr[data-key='browsercam']")).isEmpty());

    // Publish with it: live in the key list and as a second card.
    Process second = publish("browsercam.log", source, key);
    wait.withMessage("'browsercam' live in the key list").until(d -> keyRow("browsercam").getText().contains("● live"));
    wait.withMessage("the card of 'browsercam' with a thumbnail").until(d -> thumbnailWidth("browsercam") > 0);
    wait.withMessage("the figures of 'browsercam'").until(d -> card("browsercam").getText().contains("320×240"));
    Path screenshot = Path.of(System.getProperty("inlet.dashboard.screenshot", "target/dashboard.png"));
    Files.createDirectories(screenshot.toAbsolutePath().getParent());
    js("window.scrollTo(0, 0)");
    Files.write(screenshot, driver.getScreenshotAs(OutputType.BYTES));

    // Phone-sized: one column, nothing wider than the screen.
    driver.manage().window().setSize(new Dimension(390, 844));
    wait.withMessage("no horizontal overflow at phone width").until(d ->
        (Boolean) js("return document.documentElement.scrollWidth <= document.documentElement.clientWidth"));
    js("window.scrollTo(0, 0)");
    Files.write(Path.of("target/dashboard-phone.png"), driver.getScreenshotAs(OutputType.BYTES));
    driver.manage().window().setSize(new Dimension(1280, 1180));

    // Revoke it in the page: confirm, and its publisher is disconnected.
    clickRevoke("browsercam");
    Alert confirm = wait.withMessage("the revoke confirm()").until(ExpectedConditions.alertIsPresent());
    assertThat(confirm.getText()).contains("browsercam");
    long revokedAt = System.nanoTime();
    confirm.accept();
    assertThat(second.waitFor(5, TimeUnit.SECONDS)).as("the publisher on the revoked key is disconnected").isTrue();
    System.out.printf("dashboard revoke: publisher exited %d ms after the confirm%n", (System.nanoTime() - revokedAt) / 1_000_000);
    wait.withMessage("'browsercam' gone from the key list").until(d -> d.findElements(By.cssSelector("tr[data-key='browsercam']")).isEmpty());
    wait.withMessage("the card of 'browsercam' gone").until(d -> d.findElements(By.cssSelector("[data-stream='browsercam']")).isEmpty());
    assertThat(driver.findElement(By.id("keys-message")).getText()).isEqualTo("Key \"browsercam\" revoked.");
    assertThat(fresh(() -> card("demo").getText())).contains("● Live");

    // A codec Inlet cannot decode (Sorenson H.263): the card says so, with a placeholder for the picture.
    browser.publisher("legacy.log", browser.createKey("legacy"), "-re", "-f", "lavfi", "-i", "testsrc2=size=176x144:rate=15",
        "-t", "60", "-c:v", "flv1");
    wait.withMessage("the card of 'legacy' marked not decodable").until(d ->
        !d.findElements(By.cssSelector("[data-stream='legacy']")).isEmpty() && card("legacy").getText().contains("⚠ Not decodable")
            // the decoder's verdict and the ingest side's metadata (the size) arrive in separate reports
            && card("legacy").getText().contains("176×144"));
    assertThat(fresh(() -> card("legacy").getText())).contains("● Live", "176×144", "No — Inlet cannot decode the video codec", "No frame yet");
    assertThat(card("legacy").findElements(By.cssSelector("img"))).isEmpty();

    // The page asks for a snapshot right after a poll says the stream is live with decoded frames, so
    // a 404 can only come from a stream ending in those few milliseconds: the revoked 'browsercam'.
    // That one race is tolerated; any other warning or error fails the test.
    List<LogEntry> console = driver.manage().logs().get(LogType.BROWSER).getAll();
    assertThat(console.stream().filter(e -> e.getLevel().intValue() >= Level.WARNING.intValue())
        .filter(e -> !(e.getMessage().contains("/api/streams/browsercam/snapshot.jpg") && e.getMessage().contains("404")))
        .map(LogEntry::toString))
        .as("browser console warnings and errors").isEmpty();
  }

  @Test
  void infoIsPublicAndUnknownApiPathsStayJson404() throws Exception {
    HttpResponse<String> info = get("/api/info");
    assertThat(info.statusCode()).isEqualTo(200);
    assertThat(new JsonObject(info.body()).getInteger("rtmpPort")).isEqualTo(node.rtmpPort());
    HttpResponse<String> missing = get("/api/nothing-here");
    assertThat(missing.statusCode()).isEqualTo(404);
    assertThat(new JsonObject(missing.body()).getString("error")).isEqualTo("There is nothing at /api/nothing-here.");
    HttpResponse<String> page = get("/");
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
    assertThat(page.body()).contains("<title>Inlet dashboard</title>");
  }

  private static Process publish(String log, Path source, String key) throws Exception {
    return browser.publisher(log, key, "-re", "-stream_loop", "-1", "-i", source.toString(), "-c", "copy");
  }

  private static WebElement card(String name) {
    return browser.card(name);
  }

  private static WebElement keyRow(String name) {
    return browser.keyRow(name);
  }

  private static long thumbnailWidth(String name) {
    return browser.thumbnailWidth(name);
  }

  private static Object js(String script) {
    return browser.js(script);
  }

  private static String base() {
    return browser.base();
  }

  private static HttpResponse<String> get(String path) throws Exception {
    return browser.get(path);
  }

  /** The key list refreshes itself; a row replaced between finding and clicking is found again. */
  private void clickRevoke(String name) {
    for (int attempt = 1; ; attempt++) {
      try {
        keyRow(name).findElement(By.cssSelector("button[data-revoke='" + name + "']")).click();
        return;
      } catch (StaleElementReferenceException e) {
        if (attempt == 5) {
          throw e;
        }
      }
    }
  }

  private static <T> T fresh(java.util.function.Supplier<T> read) {
    return DashboardBrowser.fresh(read);
  }
}
