package io.inlet.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.inlet.testkit.Await;
import io.inlet.testkit.Ffmpeg;
import io.inlet.testkit.FrameMd5;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
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
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Streams whose timestamps cross RTMP's limits, published by a real FFmpeg ({@code -re -copyts -c copy
 * -output_ts_offset S} of one pre-recorded clip, so the bytes are the same on every run), decode every
 * frame on one increasing timeline.
 *
 * <p>What FFmpeg (8.0) puts on the wire, as Inlet's chunk header decoder saw it: audio and video on
 * chunk streams of their own, each message's time as a delta from the previous one on its stream
 * (type-1 header) unless the time goes backward (type 0, absolute); a value of 0xFFFFFF or more goes
 * into the 4-byte extended timestamp, repeated on the message's type-3 continuation chunks.
 * <ul>
 *   <li>Offset 16775 s: sequence headers at 0, then a first delta of 16,775,000 ms (just under
 *       0xFFFFFF) and one frame's length each: the clip crosses 0xFFFFFF = 16,777,215 ms (4 h 39 m)
 *       in the sum of the deltas, with no extended field, so the 32-bit message clock must go past
 *       24 bits on its own.
 *   <li>Offset 4294965 s: 2^32 ms (49.7 days) is where a 32-bit clock wraps, but the FLV tag's time
 *       is a signed 32-bit value and FFmpeg's muxer clears its top bit, so FFmpeg's clock wraps at
 *       every 2^31 ms: the first frame's delta is 4,294,965,000 mod 2^31 = 2,147,481,352 ms, sent as
 *       an extended timestamp (on its type-1 header and its continuation chunks), then
 *       2,147,483,647 is followed by a type-0 header with a few ms, and the closing end-of-sequence
 *       tag steps back across the wrap. The top bit never reaches the wire, so the timeline goes on
 *       from the wire's first value, past 2^31.
 * </ul>
 */
class TimestampBoundaryEndToEndTest {

  private static final long EXTENDED_TIMESTAMP_BOUNDARY = 0xFF_FFFFL;
  private static final long FFMPEG_WRAP = 1L << 31;
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @TempDir
  static Path dir;
  private static Node node;
  private static String adminToken;
  private static Path source;

  @BeforeAll
  static void start() throws Exception {
    ByteArrayOutputStream banner = new ByteArrayOutputStream();
    node = new Node(NodeOptions.parse(new String[] {
        "--bind", "127.0.0.1", "--rtmp-port", "0", "--http-port", "0",
        "--data-dir", dir.resolve("data").toString(), "--frame-hash-dir", dir.resolve("hashes").toString()}, Map.of()),
        new PrintStream(banner, true, StandardCharsets.UTF_8));
    node.start().toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    Matcher token = Pattern.compile("Admin token:\\s+(\\S+)").matcher(banner.toString(StandardCharsets.UTF_8));
    assertThat(token.find()).as("the banner shows the admin token").isTrue();
    adminToken = token.group(1);

    source = dir.resolve("clip.flv");
    Ffmpeg.run(dir.resolve("encode.log"), "-f", "lavfi", "-i", "testsrc2=size=320x240:rate=25",
        "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000", "-t", "4",
        "-c:v", "libx264", "-preset", "veryfast", "-g", "25", "-bf", "2", "-c:a", "aac", "-f", "flv", source.toString());
  }

  @AfterAll
  static void stop() throws Exception {
    if (node != null) {
      node.stop().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
  }

  @Test
  void crossingTheExtendedTimestampBoundaryDecodesEveryFrameOnOneTimeline() throws Exception {
    long wireOffsetMs = 16_775_000L;
    List<Long> pts = publishAndCheckEveryFrame("past24bits", "16775", wireOffsetMs);
    assertThat(pts.get(0)).as("the first frame is at the offset").isGreaterThanOrEqualTo(wireOffsetMs)
        .isLessThan(EXTENDED_TIMESTAMP_BOUNDARY);
    assertThat(pts.get(pts.size() - 1)).as("the last frame is past 0xFFFFFF ms").isGreaterThan(EXTENDED_TIMESTAMP_BOUNDARY);
  }

  @Test
  void crossingTheThirtyTwoBitWrapDecodesEveryFrameOnOneTimeline() throws Exception {
    long wireOffsetMs = 4_294_965_000L % FFMPEG_WRAP;
    List<Long> pts = publishAndCheckEveryFrame("wrap32", "4294965", wireOffsetMs);
    assertThat(pts.get(0)).as("the first frame is at the wire's offset, just below the wrap")
        .isGreaterThanOrEqualTo(wireOffsetMs).isLessThan(FFMPEG_WRAP);
    assertThat(pts.get(pts.size() - 1)).as("after the wrap the timeline continues above it, not near 0")
        .isGreaterThan(FFMPEG_WRAP);
  }

  /**
   * Publishes the clip shifted by {@code offsetSeconds} as stream {@code name} and checks that the
   * frame-hash file is FFmpeg's own decode of the clip frame by frame, each pts moved by
   * {@code wireOffsetMs}, strictly increasing, and that every audio frame was decoded too.
   *
   * @return the pts column of the frame-hash file
   */
  private static List<Long> publishAndCheckEveryFrame(String name, String offsetSeconds, long wireOffsetMs)
      throws Exception {
    List<String> expected = FrameMd5.ofVideo(source).stream()
        .map(frame -> (frame.ptsMillis() + wireOffsetMs) + " " + frame.md5()).toList();
    long sourceAudioFrames = audioPackets(source);
    String key = new JsonObject(http("POST", "/api/keys", adminToken, "{\"name\":\"" + name + "\"}").body()).getString("key");
    double audioDecodedBefore = audioFramesDecodedTotal();
    AtomicLong audioSeenInApi = new AtomicLong();

    Process publisher = Ffmpeg.start(dir.resolve(name + ".log"), "-re", "-copyts", "-i", source.toString(), "-c", "copy",
        "-output_ts_offset", offsetSeconds, "-f", "flv", "rtmp://127.0.0.1:" + node.rtmpPort() + "/live/" + key);
    try {
      Path hashes = dir.resolve("hashes").resolve(name + ".video.md5");
      Await.until("every frame of '" + name + "' decoded", Duration.ofSeconds(15), () -> {
        JsonObject stream = stream(name);
        if (stream != null) {
          audioSeenInApi.accumulateAndGet(stream.getJsonObject("stats").getLong("audioFramesDecoded"), Math::max);
        }
        return lines(hashes) >= expected.size() && audioFramesDecodedTotal() - audioDecodedBefore >= sourceAudioFrames;
      });
      assertThat(publisher.waitFor(10, TimeUnit.SECONDS)).as("the publisher finishes").isTrue();
      assertThat(publisher.exitValue()).as("the publisher's exit: %s", Ffmpeg.tail(dir.resolve(name + ".log"))).isZero();
      Await.until("the stream to be released", Duration.ofSeconds(5), () -> stream(name) == null);

      List<String> decoded = FrameMd5.readInletFile(hashes);
      assertThat(decoded).as("FFmpeg's own decode of the clip, moved by %d ms", wireOffsetMs).containsExactlyElementsOf(expected);
      List<Long> pts = decoded.stream().map(line -> Long.parseLong(line.substring(0, line.indexOf(' ')))).toList();
      assertThat(pts).as("one increasing timeline").isSortedAccordingTo(Long::compare).doesNotHaveDuplicates();
      assertThat(audioFramesDecodedTotal() - audioDecodedBefore).as("audio frames decoded").isEqualTo(sourceAudioFrames);
      assertThat(audioSeenInApi.get()).as("the stream's audioFramesDecoded in the API").isPositive();
      return pts;
    } finally {
      publisher.destroyForcibly();
    }
  }

  private static long audioPackets(Path file) throws IOException, InterruptedException {
    return Long.parseLong(Ffmpeg.probe("-select_streams", "a:0", "-count_packets", "-show_entries", "stream=nb_read_packets",
        "-of", "csv=p=0", file.toString()).trim());
  }

  /** The node's count of decoded audio frames (the node decodes only this test's streams), or -1 if unreadable. */
  private static double audioFramesDecodedTotal() {
    String series = "inlet_decode_frames_decoded_total{track=\"audio\"} ";
    try {
      return http("GET", "/metrics", null, null).body().lines().filter(line -> line.startsWith(series))
          .mapToDouble(line -> Double.parseDouble(line.substring(series.length()))).findFirst().orElse(0);
    } catch (Exception e) {
      return -1;
    }
  }

  private static HttpResponse<String> http(String method, String path, String token, String body) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + node.httpPort() + path))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
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
      return Files.exists(file) ? FrameMd5.readInletFile(file).size() : 0;
    } catch (IOException e) {
      return -1;
    }
  }
}
