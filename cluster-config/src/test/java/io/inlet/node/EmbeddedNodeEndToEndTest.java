package io.inlet.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.inlet.testkit.Await;
import io.inlet.testkit.Ffmpeg;
import io.inlet.testkit.FrameMd5;
import io.vertx.core.json.JsonArray;
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
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded default node (every role in one JVM) with real FFmpeg publishers: the first-start
 * banner, the HTTP API, and decoded frames identical to FFmpeg's own decode.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EmbeddedNodeEndToEndTest {

  @TempDir
  static Path dir;
  private static Node node;
  private static String banner;
  private static String adminToken;
  private static String demoKey;
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @BeforeAll
  static void start() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    node = new Node(NodeOptions.parse(new String[] {
        "--bind", "127.0.0.1", "--rtmp-port", "0", "--http-port", "0",
        "--data-dir", dir.resolve("data").toString(), "--frame-hash-dir", dir.resolve("hashes").toString()}, Map.of()),
        new PrintStream(out, true, StandardCharsets.UTF_8));
    node.start().toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    banner = out.toString(StandardCharsets.UTF_8);
    adminToken = find("Admin token:\\s+(\\S+)");
    demoKey = find("Publish URL:\\s+rtmp://\\S+/live/(\\S+)");
  }

  @AfterAll
  static void stop() throws Exception {
    if (node != null) {
      node.stop().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
  }

  private static String find(String regex) {
    Matcher matcher = Pattern.compile(regex).matcher(banner);
    assertThat(matcher.find()).as("banner has %s:%n%s", regex, banner).isTrue();
    return matcher.group(1);
  }

  private static HttpResponse<String> http(String method, String path, String token, String body) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + node.httpPort() + path))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private String url(String key) {
    return "rtmp://127.0.0.1:" + node.rtmpPort() + "/live/" + key;
  }

  @Test
  @Order(1)
  void firstStartPrintsTokenPublishUrlFfmpegCommandAndDashboard() {
    assertThat(banner).contains("ffmpeg -re -f lavfi").contains("-f flv rtmp://127.0.0.1:" + node.rtmpPort() + "/live/" + demoKey)
        .contains("Dashboard:    http://127.0.0.1:" + node.httpPort() + "/");
    assertThat(demoKey).hasSize(43);
    assertThat(adminToken).hasSize(43);
  }

  @Test
  @Order(2)
  void healthAndMetrics() throws Exception {
    assertThat(http("GET", "/health/live", null, null).body()).isEqualTo("{\"status\":\"UP\"}");
    assertThat(http("GET", "/health/ready", null, null).statusCode()).isEqualTo(200);
    HttpResponse<String> metrics = http("GET", "/metrics", null, null);
    assertThat(metrics.statusCode()).isEqualTo(200);
    assertThat(metrics.body()).contains("inlet_rtmp_connections_open");
  }

  @Test
  @Order(3)
  void keyApiAnswersAsTheContractSays() throws Exception {
    assertThat(http("GET", "/api/keys", null, null).statusCode()).isEqualTo(401);
    assertThat(http("GET", "/api/keys", "wrong", null).statusCode()).isEqualTo(401);
    HttpResponse<String> created = http("POST", "/api/keys", adminToken, "{\"name\":\"cam1\"}");
    assertThat(created.statusCode()).isEqualTo(201);
    JsonObject key = new JsonObject(created.body());
    assertThat(key.fieldNames()).containsExactlyInAnyOrder("name", "key", "createdAt");
    assertThat(http("POST", "/api/keys", adminToken, "{\"name\":\"cam1\"}").statusCode()).isEqualTo(409);
    HttpResponse<String> bad = http("POST", "/api/keys", adminToken, "{\"name\":\"no spaces\"}");
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(new JsonObject(bad.body()).getString("error")).isNotBlank();
    JsonArray keys = new JsonObject(http("GET", "/api/keys", adminToken, null).body()).getJsonArray("keys");
    assertThat(keys.stream().map(k -> ((JsonObject) k).getString("name"))).contains("demo", "cam1");
    assertThat(http("GET", "/api/keys", adminToken, null).body()).doesNotContain(key.getString("key"));
    assertThat(http("DELETE", "/api/keys/cam1", adminToken, null).statusCode()).isEqualTo(204);
    assertThat(http("DELETE", "/api/keys/cam1", adminToken, null).statusCode()).isEqualTo(404);
  }

  @Test
  @Order(4)
  void decodedFramesAreIdenticalToFfmpegsOwnDecode() throws Exception {
    Path source = dir.resolve("h264-aac.flv");
    Ffmpeg.run(dir.resolve("encode.log"), "-f", "lavfi", "-i", "testsrc2=size=320x240:rate=25",
        "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000", "-t", "3",
        "-c:v", "libx264", "-preset", "veryfast", "-g", "25", "-bf", "2", "-c:a", "aac", "-f", "flv", source.toString());
    List<String> expected = FrameMd5.hashLines(FrameMd5.ofVideo(source));

    Ffmpeg.run(dir.resolve("publish.log"), "-i", source.toString(), "-c", "copy", "-f", "flv", url(demoKey));

    Path hashes = dir.resolve("hashes").resolve("demo.video.md5");
    Await.until("the frame-hash file of 'demo' to be complete", Duration.ofSeconds(20),
        () -> Files.exists(hashes) && lines(hashes) >= expected.size());
    Await.until("the stream to be released", Duration.ofSeconds(5), () -> !live("demo"));
    assertThat(FrameMd5.readInletFile(hashes)).containsExactlyElementsOf(expected);
  }

  @Test
  @Order(5)
  void aLiveStreamShowsInTheApiWithSnapshotAndASecondPublishIsRefused() throws Exception {
    Path source = dir.resolve("h264-aac.flv");
    Process publisher = Ffmpeg.start(dir.resolve("live.log"), "-re", "-stream_loop", "-1", "-i", source.toString(),
        "-c", "copy", "-f", "flv", url(demoKey));
    try {
      Await.until("frames of 'demo' decoded", Duration.ofSeconds(15), () -> live("demo") && decodedFrames("demo") > 10);
      JsonObject stream = new JsonObject(http("GET", "/api/streams/demo", null, null).body());
      assertThat(stream.getString("state")).isEqualTo("live");
      assertThat(stream.getString("app")).isEqualTo("live");
      assertThat(stream.getString("decodeNode")).isNotBlank();
      assertThat(stream.getJsonObject("video").getString("codec")).isEqualTo("h264");
      assertThat(stream.getJsonObject("video").getInteger("width")).isEqualTo(320);
      assertThat(stream.getJsonObject("video").getBoolean("decodable")).isTrue();
      assertThat(stream.getJsonObject("audio").getString("codec")).isEqualTo("aac");
      assertThat(stream.encode()).doesNotContain(demoKey);

      HttpResponse<byte[]> snapshot = HTTP.send(HttpRequest.newBuilder(
          URI.create("http://127.0.0.1:" + node.httpPort() + "/api/streams/demo/snapshot.jpg")).build(),
          HttpResponse.BodyHandlers.ofByteArray());
      assertThat(snapshot.statusCode()).isEqualTo(200);
      assertThat(snapshot.headers().firstValue("Content-Type")).hasValue("image/jpeg");
      assertThat(snapshot.body()).startsWith((byte) 0xFF, (byte) 0xD8);

      Process second = Ffmpeg.start(dir.resolve("second.log"), "-re", "-i", source.toString(), "-c", "copy", "-f", "flv", url(demoKey));
      assertThat(second.waitFor(10, TimeUnit.SECONDS)).as("the second publisher is refused and exits").isTrue();
      assertThat(second.exitValue()).isNotZero();
      assertThat(publisher.isAlive()).as("the live publisher goes on").isTrue();
    } finally {
      publisher.destroy();
      publisher.waitFor(10, TimeUnit.SECONDS);
    }
    Await.until("the stream to be gone", Duration.ofSeconds(10), () -> !live("demo"));
  }

  @Test
  @Order(6)
  void anUnknownKeyIsRefused() throws Exception {
    Process publisher = Ffmpeg.start(dir.resolve("bad.log"), "-f", "lavfi", "-i", "testsrc2=size=160x120:rate=10", "-t", "2",
        "-c:v", "libx264", "-f", "flv", url("not-a-key"));
    assertThat(publisher.waitFor(10, TimeUnit.SECONDS)).isTrue();
    assertThat(publisher.exitValue()).isNotZero();
    assertThat(Ffmpeg.tail(dir.resolve("bad.log"))).contains("Unknown or revoked stream key.");
  }

  @Test
  @Order(7)
  void revokingALiveKeyDisconnectsItsPublisherWithinTwoSeconds() throws Exception {
    String key = new JsonObject(http("POST", "/api/keys", adminToken, "{\"name\":\"cam2\"}").body()).getString("key");
    Process publisher = Ffmpeg.start(dir.resolve("revoked.log"), "-re", "-stream_loop", "-1", "-i", dir.resolve("h264-aac.flv").toString(),
        "-c", "copy", "-f", "flv", url(key));
    try {
      Await.until("cam2 live", Duration.ofSeconds(15), () -> live("cam2"));
      JsonArray keys = new JsonObject(http("GET", "/api/keys", adminToken, null).body()).getJsonArray("keys");
      assertThat(keys.stream().map(JsonObject.class::cast).filter(k -> k.getString("name").equals("cam2")).findFirst().orElseThrow()
          .getBoolean("live")).isTrue();
      long revokedAt = System.nanoTime();
      assertThat(http("DELETE", "/api/keys/cam2", adminToken, null).statusCode()).isEqualTo(204);
      assertThat(publisher.waitFor(5, TimeUnit.SECONDS)).as("the publisher is disconnected").isTrue();
      assertThat((System.nanoTime() - revokedAt) / 1_000_000).as("ms from revoke to disconnect").isLessThan(2_000);
    } finally {
      publisher.destroyForcibly();
    }
  }

  @Test
  @Order(8)
  void aCodecThatCannotBeDecodedKeepsTheStreamUpMarkedUndecodable() throws Exception {
    String key = new JsonObject(http("POST", "/api/keys", adminToken, "{\"name\":\"legacy\"}").body()).getString("key");
    // Sorenson H.263 (FLV codec id 2): Inlet forwards it but has no decoder for it.
    Process publisher = Ffmpeg.start(dir.resolve("legacy.log"), "-re", "-f", "lavfi", "-i", "testsrc2=size=176x144:rate=15",
        "-t", "20", "-c:v", "flv1", "-f", "flv", url(key));
    try {
      Await.until("legacy live with video reported", Duration.ofSeconds(15), () -> {
        JsonObject stream = stream("legacy");
        return stream != null && stream.getJsonObject("video") != null && stream.getJsonObject("stats").getLong("videoFramesIn") > 5
            && stream.getString("decodeNode") != null;
      });
      Await.until("the decoder to report it", Duration.ofSeconds(5), () -> {
        JsonObject stream = stream("legacy");
        return stream != null && stream.getJsonObject("video").getBoolean("decodable") == Boolean.FALSE;
      });
      assertThat(publisher.isAlive()).as("the connection stays up").isTrue();
    } finally {
      publisher.destroyForcibly();
    }
  }

  @Test
  @Order(9)
  void metricsCoverIngestDecodeAuthAndVertx() throws Exception {
    String metrics = http("GET", "/metrics", null, null).body();
    assertThat(metrics)
        .contains("inlet_rtmp_connections_open", "inlet_rtmp_streams_live", "inlet_rtmp_bytes_in_total",
            "inlet_rtmp_handshakes_completed_total", "inlet_rtmp_connections_closed_total{cause=\"publish_refused\"}",
            "inlet_auth_refusals_total{reason=\"bad_key\"}", "inlet_decode_frames_decoded_total{track=\"video\"}",
            "inlet_decode_latency_seconds_bucket", "inlet_eventbus_packets_in_flight", "vertx_eventbus_");
    assertThat(sample(metrics, "inlet_decode_frames_decoded_total{track=\"video\"}")).isGreaterThan(100);
    assertThat(metrics).doesNotContain(demoKey);
  }

  private static double sample(String metrics, String series) {
    return metrics.lines().filter(line -> line.startsWith(series + " ")).mapToDouble(line -> Double.parseDouble(line.substring(series.length() + 1)))
        .findFirst().orElse(-1);
  }

  private static JsonObject stream(String name) {
    try {
      HttpResponse<String> response = http("GET", "/api/streams/" + name, null, null);
      return response.statusCode() == 200 ? new JsonObject(response.body()) : null;
    } catch (Exception e) {
      return null;
    }
  }

  private static long lines(Path file) {
    try {
      return Files.readAllLines(file).size();
    } catch (java.io.IOException e) {
      return -1;
    }
  }

  private static boolean live(String name) {
    try {
      HttpResponse<String> response = http("GET", "/api/streams/" + name, null, null);
      return response.statusCode() == 200 && "live".equals(new JsonObject(response.body()).getString("state"));
    } catch (Exception e) {
      return true;
    }
  }

  private static long decodedFrames(String name) {
    try {
      HttpResponse<String> response = http("GET", "/api/streams/" + name, null, null);
      return response.statusCode() == 200
          ? new JsonObject(response.body()).getJsonObject("stats").getLong("videoFramesDecoded") : 0;
    } catch (Exception e) {
      return 0;
    }
  }
}
