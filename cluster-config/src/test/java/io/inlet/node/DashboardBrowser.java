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
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A node on free ports and a real headless Chromium (Debian's {@code chromium} and
 * {@code chromium-driver}, which {@code bin/test} installs) for the dashboard's browser tests, with the
 * ways those tests read a page that re-renders itself as it polls.
 */
final class DashboardBrowser implements AutoCloseable {

  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  private static final Duration WAIT = Duration.ofSeconds(20);
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  final Path dir;
  final Node node;
  final String adminToken;
  final String demoKey;
  final ChromeDriver driver;
  private final ChromeDriverService service;
  private final List<Process> publishers = new ArrayList<>();

  private DashboardBrowser(Path dir, Node node, String banner, ChromeDriverService service, ChromeDriver driver) {
    this.dir = dir;
    this.node = node;
    this.adminToken = find(banner, "Admin token:\\s+(\\S+)");
    this.demoKey = find(banner, "Publish URL:\\s+rtmp://\\S+/live/(\\S+)");
    this.service = service;
    this.driver = driver;
  }

  /** Starts a node with every role on free ports (data under {@code dir}) and a browser. */
  static DashboardBrowser start(Path dir) throws Exception {
    // Never skipped: without the browser this test fails and says what to install.
    assertThat(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER))
        .as("the dashboard test needs Debian's chromium and chromedriver at %s and %s: "
            + "apt-get install -y chromium chromium-driver (bin/test does this)", CHROMIUM, CHROMEDRIVER)
        .isTrue();

    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Node node = new Node(NodeOptions.parse(new String[] {
        "--bind", "127.0.0.1", "--rtmp-port", "0", "--http-port", "0", "--data-dir", dir.resolve("data").toString()}, Map.of()),
        new PrintStream(out, true, StandardCharsets.UTF_8));
    node.start().toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);

    // Selenium Manager must not go looking for (or downloading) a driver: both paths are given.
    System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
    ChromeDriverService service = new ChromeDriverService.Builder()
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
    return new DashboardBrowser(dir, node, out.toString(StandardCharsets.UTF_8), service, new ChromeDriver(service, options));
  }

  @Override
  public void close() throws Exception {
    for (Process publisher : publishers) {
      publisher.destroyForcibly();
    }
    driver.quit();
    service.stop();
    node.stop().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  /** A wait that ignores elements a re-render replaced while it looked. */
  WebDriverWait waiter() {
    WebDriverWait wait = new WebDriverWait(driver, WAIT);
    wait.ignoring(StaleElementReferenceException.class);
    return wait;
  }

  /** Starts an FFmpeg publisher with {@code args} before the publish URL; stopped at {@link #close()} at the latest. */
  Process publisher(String log, String key, String... args) throws Exception {
    String[] command = Stream.concat(Stream.of(args),
        Stream.of("-f", "flv", "rtmp://127.0.0.1:" + node.rtmpPort() + "/live/" + key)).toArray(String[]::new);
    Process process = Ffmpeg.start(dir.resolve(log), command);
    publishers.add(process);
    return process;
  }

  /** Creates a key through the HTTP API and returns the secret. */
  String createKey(String name) throws Exception {
    HttpResponse<String> created = HTTP.send(HttpRequest.newBuilder(URI.create(base() + "/api/keys"))
        .header("Authorization", "Bearer " + adminToken)
        .POST(HttpRequest.BodyPublishers.ofString(new JsonObject().put("name", name).encode())).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(created.statusCode()).as("creating key %s: %s", name, created.body()).isEqualTo(201);
    return new JsonObject(created.body()).getString("key");
  }

  HttpResponse<String> get(String path) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(URI.create(base() + path)).build(), HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<String> delete(String path) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(URI.create(base() + path)).header("Authorization", "Bearer " + adminToken)
        .DELETE().build(), HttpResponse.BodyHandlers.ofString());
  }

  String base() {
    return "http://127.0.0.1:" + node.httpPort();
  }

  WebElement card(String name) {
    return driver.findElement(By.cssSelector("[data-stream='" + name + "']"));
  }

  boolean hasCard(String name) {
    return !driver.findElements(By.cssSelector("[data-stream='" + name + "']")).isEmpty();
  }

  WebElement keyRow(String name) {
    return driver.findElement(By.cssSelector("tr[data-key='" + name + "']"));
  }

  /** The natural width of the card's loaded thumbnail; 0 while it has none. */
  long thumbnailWidth(String name) {
    Object width = js("const img = document.querySelector(\"[data-stream='" + name + "'] img.thumb\");"
        + " return img && img.complete ? img.naturalWidth : 0;");
    return ((Number) width).longValue();
  }

  Object js(String script) {
    return ((JavascriptExecutor) driver).executeScript(script);
  }

  /** The console entries since the last call (Chromium hands each entry out once). */
  List<LogEntry> console() {
    return driver.manage().logs().get(LogType.BROWSER).getAll();
  }

  /** Reads from the page, finding the element again if a re-render replaced it in between. */
  static <T> T fresh(Supplier<T> read) {
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

  private static String find(String text, String regex) {
    Matcher matcher = Pattern.compile(regex).matcher(text);
    assertThat(matcher.find()).as("banner has %s:%n%s", regex, text).isTrue();
    return matcher.group(1);
  }
}
