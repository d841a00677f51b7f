package io.inlet.node;

import static io.inlet.node.DashboardBrowser.fresh;
import static org.assertj.core.api.Assertions.assertThat;

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
import org.openqa.selenium.WebElement;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Stream continuity on the dashboard, in headless Chromium: a publisher killed without an unpublish
 * leaves an interrupted card that keeps its last picture and counts how long the publisher has been
 * gone; the publisher coming back resumes the card; an operator ends a stream with End stream, and a
 * failed end shows the node's error on the card.
 */
class DashboardContinuityBrowserTest {

  private static final String NAME = "cam";

  @TempDir
  static Path dir;
  private static DashboardBrowser browser;
  private static String key;

  @BeforeAll
  static void start() throws Exception {
    browser = DashboardBrowser.start(dir);
    key = browser.createKey(NAME);
  }

  @AfterAll
  static void stop() throws Exception {
    if (browser != null) {
      browser.close();
    }
  }

  @Test
  void interruptedStreamKeepsItsPictureAndAnOperatorEndsIt() throws Exception {
    WebDriverWait wait = browser.waiter();
    browser.driver.get(browser.base() + "/");
    browser.driver.findElement(By.id("token")).sendKeys(browser.adminToken);
    browser.driver.findElement(By.cssSelector("#token-form button[type=submit]")).click();

    // Live, with a picture and the End stream button.
    Process first = publish("first.log");
    wait.withMessage("the live card of 'cam' with a thumbnail").until(d -> browser.thumbnailWidth(NAME) > 0);
    wait.withMessage("the End stream button").until(d -> endButton().isDisplayed());
    assertThat(fresh(() -> browser.card(NAME).getText())).contains("● Live").doesNotContain("Resumed");

    // SIGKILL: the connection closes without an unpublish, so the stream is interrupted (30 s grace).
    first.destroyForcibly();
    assertThat(first.waitFor(5, TimeUnit.SECONDS)).isTrue();
    wait.withMessage("the card of 'cam' interrupted").until(d -> "interrupted".equals(state()));
    assertThat(fresh(() -> browser.card(NAME).getText()))
        .contains("‖ Interrupted", "publisher gone", "ago; waiting for it to come back", "Last picture before the interruption");
    assertThat(browser.thumbnailWidth(NAME)).as("the last picture stays").isPositive();
    long shown = secondsGone();
    wait.withMessage("the time since the interruption counting up between polls").until(d -> secondsGone() >= shown + 2);

    // A page opened during the interruption asks for the last picture too, and gets it.
    browser.driver.navigate().refresh();
    wait.withMessage("the interrupted card after a reload, with its last picture").until(d ->
        "interrupted".equals(state()) && browser.thumbnailWidth(NAME) > 0);

    // Usable at phone width.
    browser.driver.manage().window().setSize(new Dimension(390, 844));
    wait.withMessage("no horizontal overflow at phone width").until(d ->
        (Boolean) browser.js("return document.documentElement.scrollWidth <= document.documentElement.clientWidth"));
    browser.js("document.querySelector(\"[data-stream='cam']\").scrollIntoView()");
    Files.write(Path.of("target/dashboard-interrupted-phone.png"), browser.driver.getScreenshotAs(OutputType.BYTES));
    browser.driver.manage().window().setSize(new Dimension(1280, 1180));

    // The publisher comes back inside the grace window: the same stream, live again, its second session.
    Process second = publish("second.log");
    wait.withMessage("the card of 'cam' live again, resumed once").until(d ->
        "live".equals(state()) && browser.card(NAME).getText().contains("↻ Resumed 1×"));
    assertThat(fresh(() -> browser.card(NAME).getText())).contains("#2 (resumed 1×)").doesNotContain("Last picture");

    // Gone again, then ended by the operator: confirm first, and the card goes.
    second.destroyForcibly();
    assertThat(second.waitFor(5, TimeUnit.SECONDS)).isTrue();
    wait.withMessage("the card of 'cam' interrupted again").until(d -> "interrupted".equals(state()));
    assertThat(browser.console().stream().filter(e -> e.getLevel().intValue() >= Level.WARNING.intValue())
        .map(LogEntry::toString)).as("console warnings and errors while live, interrupted and resumed").isEmpty();
    endButton().click();
    Alert confirm = wait.withMessage("the End stream confirm()").until(ExpectedConditions.alertIsPresent());
    assertThat(confirm.getText()).contains("\"cam\"", "ends now");
    confirm.accept();
    wait.withMessage("the card of 'cam' ended").until(d -> "ended".equals(state()));
    assertThat(fresh(() -> browser.card(NAME).getText())).contains("■ Ended");
    assertThat(endButton().isDisplayed()).isFalse();
    HttpResponse<String> ended = browser.get("/api/streams/" + NAME);
    assertThat(ended.statusCode() == 404 || "ended".equals(new JsonObject(ended.body()).getString("state")))
        .as("the stream ended: %s", ended.body()).isTrue();

    // A new stream of that name (the ended card may still be fading): a fresh card, nothing resumed.
    // Ended elsewhere while the confirm is open, the page's own end fails, and the card shows the
    // node's error.
    Process third = publish("third.log");
    wait.withMessage("a new live card of 'cam'").until(d -> "live".equals(state()) && endButton().isDisplayed());
    assertThat(fresh(() -> browser.card(NAME).getText())).doesNotContain("Resumed", "#2");
    endButton().click();
    wait.withMessage("the End stream confirm()").until(ExpectedConditions.alertIsPresent());
    assertThat(browser.delete("/api/streams/" + NAME).statusCode()).isEqualTo(204);
    browser.driver.switchTo().alert().accept();
    wait.withMessage("the node's 404 message on the card").until(d ->
        browser.card(NAME).findElement(By.cssSelector(".message")).getText().equals("✖ There is no stream named 'cam'."));
    assertThat(third.waitFor(5, TimeUnit.SECONDS)).as("the ended stream's publisher is disconnected").isTrue();
    wait.withMessage("the card of 'cam' gone").until(d -> !browser.hasCard(NAME));

    // The page's DELETE answered 404, as it should; a snapshot asked for in the moment the stream ended
    // may too. Nothing else may reach the console.
    List<LogEntry> console = browser.console();
    assertThat(console.stream().filter(e -> e.getLevel().intValue() >= Level.WARNING.intValue())
        .filter(e -> !(e.getMessage().contains("/api/streams/cam") && e.getMessage().contains("404")))
        .map(LogEntry::toString))
        .as("browser console warnings and errors").isEmpty();
  }

  /** A live test pattern with the key, encoded as it goes (no source file to prepare). */
  private static Process publish(String log) throws Exception {
    return browser.publisher(log, key, "-re", "-f", "lavfi", "-i", "testsrc2=size=320x240:rate=25",
        "-c:v", "libx264", "-preset", "ultrafast", "-tune", "zerolatency", "-g", "25");
  }

  private static String state() {
    return browser.hasCard(NAME) ? browser.card(NAME).getAttribute("data-state") : null;
  }

  private static WebElement endButton() {
    return browser.card(NAME).findElement(By.cssSelector("button[data-end='" + NAME + "']"));
  }

  /** The seconds the interrupted card says its publisher has been gone. */
  private static long secondsGone() {
    String text = fresh(() -> browser.card(NAME).findElement(By.cssSelector("time.since")).getText());
    assertThat(text).matches("\\d+ s");
    return Long.parseLong(text.replace(" s", ""));
  }
}
