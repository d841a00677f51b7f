package io.inlet.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.inlet.testkit.Ffmpeg;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.Alert;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard in a real headless Chromium (Debian's {@code chromium} and {@code chromium-driver},
 * which {@code bin/test} installs): a real FFmpeg publisher shows up as a card with a decoded
 * thumbnail, and a key created in the page, published to and revoked in the page disconnects its
 * publisher. The browser console must stay free of errors throughout.
 */
class DashboardBrowserTest {

  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  private static final Duration WAIT = Duration.ofSeconds(20);
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @TempDir
  static Path dir;
  private static Node node;
  private static String adminToken;
  private static String demoKey;
  private static ChromeDriverService service;
  private static ChromeDriver driver;
  private static final List<Process> publishers = new ArrayList<>();

  @BeforeAll
  static void start() throws Exception {
    // Never skipped: without the browser this test fails and says what to install.
    assertThat(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER))
        .as("the dashboard test needs Debian's chromium and chromedriver at %s and %s: "
            + "apt-get install -y chromium chromium-driver (bin/test does this)", CHROMIUM, CHROMEDRIVER)
        .isTrue();

    ByteArrayOutputStream out = new ByteArrayOutputStream();
    node = new Node(NodeOptions.parse(new String[] {
        "--bind", "127.0.0.1", "--rtmp-port", "0", "--http-port", "0", "--data-dir", dir.resolve("data").toString()}, Map.of()),
        new PrintStream(out, true, StandardCharsets.UTF_8));
    node.start().toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    String banner = out.toString(StandardCharsets.UTF_8);
    adminToken = find(banner, "Admin token:\\s+(\\S+)");
    demoKey = find(banner, "Publish URL:\\s+rtmp://\\S+/live/(\\S+)");

    // Selenium Manager must not go looking for (or downloading) a driver: both paths are given.
    System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
    service = new ChromeDriverService.Builder()
        .usingDriverExecutable(CHROMEDRIVER.toFile())
        .usingAnyFreePort()
        .withLogFile(dir.resolve("chromedriver.log").toFile())
        .build();
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic",
        "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--window-size=1280,1180", "--user-data-dir=" + Files.createDirectories(dir.resolve("chromium-profile")));
    LoggingPreferences logging = new LoggingPreferences();
    logging.enable(LogType.BROWSER, Level.ALL);
    options.setCapability("goog:loggingPrefs", logging);
    driver = new ChromeDriver(service, options);
  }

  @AfterAll
  static void stop() throws Exception {
    for (Process publisher : publishers) {
      publisher.destroyForcibly();
    }
    if (driver != null) {
      driver.quit();
    }
    if (service != null) {
      service.stop();
    }
    if (node != null) {
      node.stop().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
  }

  @Test
  void dashboardShowsALiveStreamAndManagesKeys() throws Exception {
    Path source = dir.resolve("source.flv");
    Ffmpeg.run(dir.resolve("encode.log"), "-f", "lavfi", "-i", "testsrc2=size=320x240:rate=25",
        "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000", "-t", "4",
        "-c:v", "libx264", "-preset", "veryfast", "-g", "25", "-c:a", "aac", "-f", "flv", source.toString());
    publish("demo.log", source, demoKey);

    // The page re-renders the cards and the key list as it polls: an element found a moment ago may be gone.
    WebDriverWait wait = new WebDriverWait(driver, WAIT);
    wait.ignoring(StaleElementReferenceException.class);
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
    HttpResponse<String> created = HTTP.send(HttpRequest.newBuilder(URI.create(base() + "/api/keys"))
        .header("Authorization", "Bearer " + adminToken)
        .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"legacy\"}")).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(created.statusCode()).isEqualTo(201);
    Process legacy = Ffmpeg.start(dir.resolve("legacy.log"), "-re", "-f", "lavfi", "-i", "testsrc2=size=176x144:rate=15",
        "-t", "60", "-c:v", "flv1", "-f", "flv",
        "rtmp://127.0.0.1:" + node.rtmpPort() + "/live/" + new JsonObject(created.body()).getString("key"));
    publishers.add(legacy);
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
    Process process = Ffmpeg.start(dir.resolve(log), "-re", "-stream_loop", "-1", "-i", source.toString(),
        "-c", "copy", "-f", "flv", "rtmp://127.0.0.1:" + node.rtmpPort() + "/live/" + key);
    publishers.add(process);
    return process;
  }

  private static WebElement card(String name) {
    return driver.findElement(By.cssSelector("[data-stream='" + name + "']"));
  }

  private static WebElement keyRow(String name) {
    return driver.findElement(By.cssSelector("tr[data-key='" + name + "']"));
  }

  private static long thumbnailWidth(String name) {
    Object width = js("const img = document.querySelector(\"[data-stream='" + name + "'] img.thumb\");"
        + " return img && img.complete ? img.naturalWidth : 0;");
    return ((Number) width).longValue();
  }

  private static Object js(String script) {
    return ((JavascriptExecutor) driver).executeScript(script);
  }

  private static String base() {
    return "http://127.0.0.1:" + node.httpPort();
  }

  private static HttpResponse<String> get(String path) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(URI.create(base() + path)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String find(String text, String regex) {
    Matcher matcher = Pattern.compile(regex).matcher(text);
    assertThat(matcher.find()).as("banner has %s:%n%s", regex, text).isTrue();
    return matcher.group(1);
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

  /** Reads from the page, finding the element again if a re-render replaced it in between. */
  private static <T> T fresh(java.util.function.Supplier<T> read) {
    for (int attempt = 1; ; attempt++) {
      try {
        return read.get();
      } catch (StaleElementReferenceException e) {
        if (attempt == 5) {
          throw e;
        }
      }
    }
  }
}
