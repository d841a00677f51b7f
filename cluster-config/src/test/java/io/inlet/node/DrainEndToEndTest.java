package io.inlet.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.inlet.testkit.Await;
import io.inlet.testkit.Ffmpeg;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Stopping a node drains it: readiness 503, the live publisher is closed after the grace period, the stop completes. */
class DrainEndToEndTest {

  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @Test
  void stoppingDrainsTheLivePublisher(@TempDir Path dir) throws Exception {
    ByteArrayOutputStream banner = new ByteArrayOutputStream();
    Node node = new Node(NodeOptions.parse(new String[] {"--bind", "127.0.0.1", "--rtmp-port", "0", "--http-port", "0",
        "--data-dir", dir.resolve("data").toString(), "--drain-grace-ms", "1500"}, Map.of()),
        new PrintStream(banner, true, StandardCharsets.UTF_8));
    node.start().toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    Matcher key = Pattern.compile("/live/(\\S+)").matcher(banner.toString(StandardCharsets.UTF_8));
    assertThat(key.find()).isTrue();

    Process publisher = Ffmpeg.start(dir.resolve("publish.log"), "-re", "-f", "lavfi", "-i", "testsrc2=size=320x240:rate=25",
        "-c:v", "libx264", "-preset", "ultrafast", "-g", "25", "-f", "flv",
        "rtmp://127.0.0.1:" + node.rtmpPort() + "/live/" + key.group(1));
    try {
      Await.until("the demo stream live", Duration.ofSeconds(20), () -> "live".equals(state(node, "demo")));
      long stopAt = System.nanoTime();
      Future<Void> stopped = node.stop();
      assertThat(status(node, "/health/ready")).as("not ready while draining").isEqualTo(503);
      assertThat(publisher.isAlive()).as("the publisher is not cut at once").isTrue();
      assertThat(publisher.waitFor(10, TimeUnit.SECONDS)).as("the publisher is closed after the grace period").isTrue();
      long closedAfterMs = (System.nanoTime() - stopAt) / 1_000_000;
      assertThat(closedAfterMs).isBetween(1_000L, 5_000L);
      stopped.toCompletionStage().toCompletableFuture().get(15, TimeUnit.SECONDS);
    } finally {
      publisher.destroyForcibly();
    }
  }

  private static int status(Node node, String path) {
    try {
      return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + node.httpPort() + path)).build(),
          HttpResponse.BodyHandlers.ofString()).statusCode();
    } catch (Exception e) {
      return -1;
    }
  }

  private static String state(Node node, String name) {
    try {
      HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
          URI.create("http://127.0.0.1:" + node.httpPort() + "/api/streams/" + name)).build(), HttpResponse.BodyHandlers.ofString());
      return response.statusCode() == 200 ? new JsonObject(response.body()).getString("state") : null;
    } catch (Exception e) {
      return null;
    }
  }
}
