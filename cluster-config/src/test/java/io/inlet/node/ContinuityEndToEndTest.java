package io.inlet.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.inlet.testkit.Await;
import io.inlet.testkit.Ffmpeg;
import io.inlet.testkit.FrameMd5;
import io.inlet.testkit.HalfOpenRelay;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Stream continuity with real FFmpeg publishers on an embedded node: a publisher whose network drops
 * silently (cut half-open by a {@link HalfOpenRelay}: the publisher sees a reset, the server only
 * silence) reconnects with the same key and the stream goes on; a publish of a key whose publisher
 * still sends is refused; an interrupted stream nobody resumes ends when its grace window closes; an
 * operator's DELETE and an unpublish end a stream at once.
 */
class ContinuityEndToEndTest {

  /** Short, so a silent connection is noticed in the test's time; the reconnect below beats it. */
  private static final long IDLE_TIMEOUT_MS = 2_500;
  /** Longer than the decode side's ingest-silence release (4 s): the decoder must stay all the same. */
  private static final long GRACE_MS = 6_000;
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @TempDir
  static Path dir;
  private static Node node;
  private static String adminToken;
  private static BusWatch bus;

  @BeforeAll
  static void start() throws Exception {
    ByteArrayOutputStream banner = new ByteArrayOutputStream();
    node = new Node(NodeOptions.parse(new String[] {
        "--bind", "127.0.0.1", "--rtmp-port", "0", "--http-port", "0", "--data-dir", dir.resolve("data").toString(),
        "--frame-hash-dir", dir.resolve("hashes").toString(), "--idle-timeout-ms", String.valueOf(IDLE_TIMEOUT_MS),
        "--reconnect-grace-ms", String.valueOf(GRACE_MS)}, Map.of()),
        new PrintStream(banner, true, StandardCharsets.UTF_8));
    node.start().toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    Matcher token = Pattern.compile("Admin token:\\s+(\\S+)").matcher(banner.toString(StandardCharsets.UTF_8));
    assertThat(token.find()).as("the banner shows the admin token").isTrue();
    adminToken = token.group(1);
    bus = new BusWatch(node.vertx());
  }

  @AfterAll
  static void stop() throws Exception {
    if (bus != null) {
      bus.close();
    }
    if (node != null) {
      node.stop().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
  }

  @Test
  void aPublisherReconnectingAfterAHalfOpenDropContinuesItsStream() throws Exception {
    String key = createKey("blip");
    try (HalfOpenRelay relay = HalfOpenRelay.start("127.0.0.1", node.rtmpPort())) {
      Process first = publish("blip-1", "rtmp://127.0.0.1:" + relay.port() + "/live/" + key);
      Process second = null;
      try {
        Await.until("blip decoding", Duration.ofSeconds(20), () -> decodedFrames("blip") >= 60);
        JsonObject before = stream("blip");
        assertThat(before.getInteger("publishes")).isEqualTo(1);
        long framesBeforeCut = decodedFrames("blip");

        long cutAt = System.nanoTime();
        relay.cutHalfOpen();
        second = publish("blip-2", url(key)); // the encoder reconnects at once
        Await.until("the stream resumed", Duration.ofSeconds(5), () -> bus.first("blip", "resumed") != null);
        long resumedAfterMs = (bus.first("blip", "resumed").atNanos() - cutAt) / 1_000_000;
        assertThat(resumedAfterMs).as("ms from the cut to publishing again").isLessThan(3_000);
        assertThat(first.waitFor(5, TimeUnit.SECONDS)).as("the cut publisher saw its connection reset").isTrue();

        Await.until("frames of the new session decoded", Duration.ofSeconds(10),
            () -> decodedFrames("blip") >= framesBeforeCut + 50);
        assertThat(second.isAlive()).as("the reconnected publisher goes on: %s", tail("blip-2")).isTrue();
        JsonObject after = stream("blip");
        assertThat(after.getString("id")).isEqualTo(before.getString("id"));
        assertThat(after.getString("decodeNode")).isEqualTo(before.getString("decodeNode"));
        assertThat(after.getInteger("publishes")).isEqualTo(2);
        assertThat(after.getString("state")).isEqualTo("live");

        long stoppedAt = stopCleanly(second);
        Await.until("the stream ended", Duration.ofSeconds(5), () -> bus.first("blip", "ended") != null);
        assertThat((bus.first("blip", "ended").atNanos() - stoppedAt) / 1_000_000).as("ms from unpublish to ended")
            .isLessThan(2_000);

        List<BusWatch.Seen> events = bus.eventsOf(before.getString("id"));
        assertThat(events).extracting(BusWatch.Seen::type).containsExactly("started", "interrupted", "resumed", "ended");
        assertThat(events).extracting(BusWatch.Seen::seq).containsExactly(1L, 2L, 3L, 4L);
        long gapMs = events.get(2).event().getLong("gapMs");
        assertThat(gapMs).as("the resumed event's gap").isBetween(1L, 3_000L);

        // The frame-hash file is written through a buffer, complete once the decoder is freed.
        Await.until("the frame-hash file complete", Duration.ofSeconds(5),
            () -> !bus.decoded("blip") && pts("blip").size() >= framesBeforeCut + 50);
        List<Long> pts = pts("blip");
        assertThat(pts).as("one increasing timeline across the gap, no frame decoded twice")
            .isSortedAccordingTo(Long::compare).doesNotHaveDuplicates();
        assertThat((long) pts.size()).as("frames of both sessions in the one frame-hash file")
            .isGreaterThanOrEqualTo(framesBeforeCut + 50);
        long biggestStep = 0;
        for (int i = 1; i < pts.size(); i++) {
          biggestStep = Math.max(biggestStep, pts.get(i) - pts.get(i - 1));
        }
        assertThat(biggestStep).as("the timeline jumps by the gap's length across it, gap %d ms", gapMs)
            .isBetween(gapMs - 200, gapMs + 2_000);
      } finally {
        first.destroyForcibly();
        if (second != null) {
          second.destroyForcibly();
        }
      }
    }
  }

  @Test
  void aResumeWithNewCodecParametersReopensTheDecoderNotTheStream() throws Exception {
    String key = createKey("resized");
    try (HalfOpenRelay relay = HalfOpenRelay.start("127.0.0.1", node.rtmpPort())) {
      Process first = publish("resized-1", "rtmp://127.0.0.1:" + relay.port() + "/live/" + key);
      Process second = null;
      try {
        Await.until("resized decoding", Duration.ofSeconds(20), () -> decodedFrames("resized") >= 25);
        String id = stream("resized").getString("id");
        long framesBeforeCut = decodedFrames("resized");
        relay.cutHalfOpen();
        second = publish("resized-2", url(key), "352x288", "44100");
        Await.until("frames of the new size decoded", Duration.ofSeconds(10), () -> decodedFrames("resized") >= framesBeforeCut + 25
            && stream("resized").getJsonObject("video").getInteger("width") == 352);
        JsonObject after = stream("resized");
        assertThat(after.getString("id")).isEqualTo(id);
        assertThat(after.getInteger("publishes")).isEqualTo(2);
        assertThat(after.getJsonObject("video").getInteger("height")).isEqualTo(288);
        assertThat(after.getJsonObject("audio").getInteger("sampleRate")).isEqualTo(44_100);
        assertThat(after.getJsonObject("audio").getBoolean("decodable")).isTrue();
        stopCleanly(second);
        Await.until("the stream ended", Duration.ofSeconds(5), () -> bus.first("resized", "ended") != null);
        assertThat(bus.eventsOf(id)).extracting(BusWatch.Seen::type).containsExactly("started", "interrupted", "resumed", "ended");
        Await.until("the frame-hash file complete", Duration.ofSeconds(5),
            () -> !bus.decoded("resized") && pts("resized").size() >= framesBeforeCut + 25);
        assertThat(pts("resized")).isSortedAccordingTo(Long::compare).doesNotHaveDuplicates();
      } finally {
        first.destroyForcibly();
        if (second != null) {
          second.destroyForcibly();
        }
      }
    }
  }

  @Test
  void aSecondPublisherCannotHijackAStreamThatIsSending() throws Exception {
    String key = createKey("busy");
    Process live = publish("busy-1", url(key));
    try {
      Await.until("busy decoding", Duration.ofSeconds(20), () -> decodedFrames("busy") >= 25);
      Process hijacker = publish("busy-2", url(key));
      assertThat(hijacker.waitFor(10, TimeUnit.SECONDS)).as("the second publisher is refused").isTrue();
      assertThat(hijacker.exitValue()).isNotZero();
      assertThat(tail("busy-2")).contains("already live");
      assertThat(live.isAlive()).as("the sending publisher goes on").isTrue();
      long frames = decodedFrames("busy");
      Await.until("busy still decoding", Duration.ofSeconds(5), () -> decodedFrames("busy") > frames + 10);
      assertThat(stream("busy").getInteger("publishes")).isEqualTo(1);
      assertThat(bus.first("busy", "interrupted")).isNull();
    } finally {
      stopCleanly(live);
    }
  }

  @Test
  void anInterruptedStreamThatNobodyResumesEndsWhenItsGraceWindowCloses() throws Exception {
    String key = createKey("gone");
    try (HalfOpenRelay relay = HalfOpenRelay.start("127.0.0.1", node.rtmpPort())) {
      Process publisher = publish("gone", "rtmp://127.0.0.1:" + relay.port() + "/live/" + key);
      try {
        Await.until("gone decoding", Duration.ofSeconds(20), () -> decodedFrames("gone") >= 25);
        String id = stream("gone").getString("id");
        relay.cutHalfOpen();
        Await.until("the silent connection noticed", Duration.ofMillis(IDLE_TIMEOUT_MS + 3_000),
            () -> bus.first("gone", "interrupted") != null);
        Await.until("interrupted in the API", Duration.ofSeconds(3), () -> "interrupted".equals(state("gone")));
        assertThat(stream("gone").getString("interruptedAt")).isNotBlank();

        long interruptedAt = bus.first("gone", "interrupted").atNanos();
        TimeUnit.NANOSECONDS.sleep(interruptedAt + TimeUnit.MILLISECONDS.toNanos(GRACE_MS - 1_000) - System.nanoTime());
        assertThat(state("gone")).as("still waiting for its publisher").isEqualTo("interrupted");
        assertThat(bus.decoded("gone")).as("the decoder is kept through the grace window").isTrue();

        Await.until("the stream ended", Duration.ofSeconds(4), () -> bus.first("gone", "ended") != null);
        assertThat((bus.first("gone", "ended").atNanos() - interruptedAt) / 1_000_000).as("ms interrupted")
            .isGreaterThanOrEqualTo(GRACE_MS - 100);
        assertThat(bus.eventsOf(id)).extracting(BusWatch.Seen::type).containsExactly("started", "interrupted", "ended");
        assertThat(bus.eventsOf(id)).extracting(BusWatch.Seen::seq).containsExactly(1L, 2L, 3L);
        Await.until("the decoder freed", Duration.ofSeconds(3), () -> !bus.decoded("gone"));
      } finally {
        publisher.destroyForcibly();
      }
    }
  }

  @Test
  void anOperatorEndsAStreamAtOnce() throws Exception {
    String key = createKey("op");
    Process publisher = publish("op", url(key));
    try {
      Await.until("op live", Duration.ofSeconds(20), () -> decodedFrames("op") >= 10);
      String id = stream("op").getString("id");
      assertThat(http("DELETE", "/api/streams/op", null).statusCode()).isEqualTo(401);
      assertThat(http("DELETE", "/api/streams/op", "wrong").statusCode()).isEqualTo(401);
      assertThat(http("DELETE", "/api/streams/nosuchstream", adminToken).statusCode()).isEqualTo(404);
      long deletedAt = System.nanoTime();
      assertThat(http("DELETE", "/api/streams/op", adminToken).statusCode()).isEqualTo(204);
      assertThat(publisher.waitFor(5, TimeUnit.SECONDS)).as("the publisher is disconnected").isTrue();
      Await.until("the stream ended", Duration.ofSeconds(3), () -> bus.first("op", "ended") != null);
      assertThat((bus.first("op", "ended").atNanos() - deletedAt) / 1_000_000).as("ms to ended").isLessThan(2_000);
      assertThat(bus.eventsOf(id)).extracting(BusWatch.Seen::type).containsExactly("started", "ended");
      Await.until("the decoder freed", Duration.ofSeconds(3), () -> !bus.decoded("op"));
    } finally {
      publisher.destroyForcibly();
    }
  }

  @Test
  void anUnpublishEndsTheStreamAtOnce() throws Exception {
    String key = createKey("done");
    Process publisher = Ffmpeg.start(dir.resolve("done.log"), "-re", "-f", "lavfi", "-i", "testsrc2=size=320x240:rate=25",
        "-t", "3", "-c:v", "libx264", "-preset", "veryfast", "-g", "25", "-f", "flv", url(key));
    try {
      assertThat(publisher.waitFor(20, TimeUnit.SECONDS)).isTrue();
      long finishedAt = System.nanoTime();
      assertThat(publisher.exitValue()).as("the publisher's exit: %s", tail("done")).isZero();
      Await.until("the stream ended", Duration.ofSeconds(3), () -> bus.first("done", "ended") != null);
      assertThat((bus.first("done", "ended").atNanos() - finishedAt) / 1_000_000).as("ms to ended").isLessThan(2_000);
      String id = bus.first("done", "ended").event().getString("id");
      assertThat(bus.eventsOf(id)).extracting(BusWatch.Seen::type).containsExactly("started", "ended");
    } finally {
      publisher.destroyForcibly();
    }
  }

  /** A live H.264 + AAC publisher with a keyframe every second; its output goes to {@code <log>.log}. */
  private static Process publish(String log, String url) throws IOException {
    return publish(log, url, "320x240", "48000");
  }

  private static Process publish(String log, String url, String size, String sampleRate) throws IOException {
    return Ffmpeg.start(dir.resolve(log + ".log"), "-re", "-f", "lavfi", "-i", "testsrc2=size=" + size + ":rate=25",
        "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=" + sampleRate, "-c:v", "libx264", "-preset", "veryfast",
        "-g", "25", "-bf", "2", "-c:a", "aac", "-f", "flv", url);
  }

  /** Stops ffmpeg as Ctrl-C does (SIGTERM: it writes its trailer, FCUnpublish and deleteStream); returns when. */
  private static long stopCleanly(Process publisher) throws InterruptedException {
    publisher.destroy();
    long at = System.nanoTime();
    assertThat(publisher.waitFor(10, TimeUnit.SECONDS)).as("ffmpeg stops").isTrue();
    return at;
  }

  private static String url(String key) {
    return "rtmp://127.0.0.1:" + node.rtmpPort() + "/live/" + key;
  }

  private static String tail(String log) throws IOException {
    return Ffmpeg.tail(dir.resolve(log + ".log"));
  }

  /** The pts column of the stream's frame-hash file (empty while there is none). */
  private static List<Long> pts(String name) {
    try {
      return FrameMd5.readInletFile(dir.resolve("hashes").resolve(name + ".video.md5")).stream()
          .map(line -> Long.parseLong(line.substring(0, line.indexOf(' ')))).toList();
    } catch (IOException e) {
      return List.of();
    }
  }

  private static String createKey(String name) throws Exception {
    HttpResponse<String> created = HTTP.send(HttpRequest.newBuilder(URI.create(base() + "/api/keys"))
        .header("Authorization", "Bearer " + adminToken)
        .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"" + name + "\"}")).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(created.statusCode()).isEqualTo(201);
    return new JsonObject(created.body()).getString("key");
  }

  private static HttpResponse<String> http(String method, String path, String token) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base() + path)).method(method, HttpRequest.BodyPublishers.noBody());
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String base() {
    return "http://127.0.0.1:" + node.httpPort();
  }

  /** The stream as {@code GET /api/streams/{name}} shows it, or null. */
  private static JsonObject stream(String name) {
    try {
      HttpResponse<String> response = http("GET", "/api/streams/" + name, null);
      return response.statusCode() == 200 ? new JsonObject(response.body()) : null;
    } catch (Exception e) {
      return null;
    }
  }

  private static String state(String name) {
    JsonObject stream = stream(name);
    return stream == null ? null : stream.getString("state");
  }

  private static long decodedFrames(String name) {
    JsonObject stream = stream(name);
    return stream == null || stream.getJsonObject("stats") == null ? 0 : stream.getJsonObject("stats").getLong("videoFramesDecoded");
  }
}
