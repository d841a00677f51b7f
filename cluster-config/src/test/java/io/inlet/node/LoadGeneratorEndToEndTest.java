package io.inlet.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.inlet.ingest.testing.load.LoadGenerator;
import io.inlet.ingest.testing.load.LoadStats;
import io.inlet.ingest.testing.load.ReplayClip;
import io.inlet.testkit.Await;
import io.inlet.testkit.Ffmpeg;
import io.inlet.testkit.FrameMd5;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The benchmarks' load generator against an embedded node: every stream it publishes decodes to
 * exactly the frames FFmpeg decodes from the clip it replays (FFmpeg-published streams are held to
 * the same frames by {@link EmbeddedNodeEndToEndTest}), its second loop to the same frames with
 * timestamps one clip length later, and it sends in real time.
 */
class LoadGeneratorEndToEndTest {

  private static final String ADMIN_TOKEN = "load-generator-test-admin-token-0123456789";
  private static final int STREAMS = 3;
  private static final int FPS = 25;
  private static final int SECONDS = 4;
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @TempDir
  static Path dir;
  private static Node node;

  @BeforeAll
  static void start() throws Exception {
    node = new Node(NodeOptions.parse(new String[] {
        "--bind", "127.0.0.1", "--rtmp-port", "0", "--http-port", "0", "--admin-token", ADMIN_TOKEN,
        "--data-dir", dir.resolve("data").toString(), "--frame-hash-dir", dir.resolve("hashes").toString()}, Map.of()),
        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    node.start().toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
  }

  @AfterAll
  static void stop() throws Exception {
    if (node != null) {
      node.stop().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
  }

  @Test
  void everyGeneratedStreamDecodesToFfmpegsFramesLoopAfterLoopInRealTime() throws Exception {
    Path clipFile = dir.resolve("clip.flv");
    Ffmpeg.run(dir.resolve("encode.log"), "-f", "lavfi", "-i", "testsrc2=size=320x240:rate=" + FPS,
        "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000", "-t", String.valueOf(SECONDS),
        "-c:v", "libx264", "-preset", "veryfast", "-g", String.valueOf(FPS), "-bf", "2", "-c:a", "aac", "-f", "flv",
        clipFile.toString());
    List<FrameMd5.Line> frames = FrameMd5.ofVideo(clipFile);
    ReplayClip clip = ReplayClip.of(clipFile, 4096);
    List<String> expected = new ArrayList<>(FrameMd5.hashLines(frames));
    frames.forEach(f -> expected.add((f.ptsMillis() + clip.loopMillis()) + " " + f.md5()));
    // The longest track sets it: AAC ends ~90 ms after the last video frame (priming and padding).
    assertThat(clip.loopMillis()).as("the clip's length in ms").isBetween(SECONDS * 1000L, SECONDS * 1000L + 150);

    List<String> keys = new ArrayList<>();
    for (int i = 0; i < STREAMS; i++) {
      keys.add(createKey("gen" + i));
    }
    long started = System.nanoTime();
    try (LoadGenerator generator = LoadGenerator.start(new InetSocketAddress("127.0.0.1", node.rtmpPort()), "live",
        keys, clip, new LoadGenerator.Settings(2, Duration.ofMillis(10)))) {
      generator.await(s -> s.streaming() == STREAMS, Duration.ofSeconds(10));
      Await.until("frames of gen0 arriving", Duration.ofSeconds(5), () -> stat("gen0", "videoFramesIn") > 0);
      // Pacing is proven by the whole run's length below (two loops take two clip lengths): a 2 s
      // window of the API's counters, which the node updates once a second, read 12 fps on a busy machine.

      LoadStats done = generator.await(s -> s.finished() == STREAMS, Duration.ofSeconds(20));
      double seconds = (System.nanoTime() - started) / 1e9;
      System.out.printf("load generator: %d streams x 2 loops of %d ms in %.2f s; %s%n", STREAMS, clip.loopMillis(),
          seconds, done);
      assertThat(done.failed()).isZero();
      assertThat(seconds).as("two loops take two clip lengths, not less").isGreaterThan(2 * clip.loopMillis() / 1000.0 - 0.2);
    }
    for (int i = 0; i < STREAMS; i++) {
      String name = "gen" + i;
      Path hashes = dir.resolve("hashes").resolve(name + ".video.md5");
      Await.until(name + " ended and its frame-hash file complete", Duration.ofSeconds(20),
          () -> !live(name) && lines(hashes) >= expected.size());
      assertThat(FrameMd5.readInletFile(hashes)).as(name).containsExactlyElementsOf(expected);
    }
  }

  private static String createKey(String name) throws Exception {
    HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(uri("/api/keys"))
        .header("Authorization", "Bearer " + ADMIN_TOKEN)
        .POST(HttpRequest.BodyPublishers.ofString(new JsonObject().put("name", name).encode())).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(201);
    return new JsonObject(response.body()).getString("key");
  }

  private static long stat(String name, String counter) {
    try {
      HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(uri("/api/streams/" + name)).build(),
          HttpResponse.BodyHandlers.ofString());
      return response.statusCode() == 200 ? new JsonObject(response.body()).getJsonObject("stats").getLong(counter) : 0;
    } catch (java.io.IOException | InterruptedException e) {
      return 0;
    }
  }

  private static boolean live(String name) {
    try {
      HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(uri("/api/streams/" + name)).build(),
          HttpResponse.BodyHandlers.ofString());
      return response.statusCode() == 200;
    } catch (Exception e) {
      return true;
    }
  }

  private static int lines(Path file) {
    try {
      return Files.exists(file) ? FrameMd5.readInletFile(file).size() : 0;
    } catch (java.io.IOException e) {
      return 0;
    }
  }

  private static URI uri(String path) {
    return URI.create("http://127.0.0.1:" + node.httpPort() + path);
  }
}
