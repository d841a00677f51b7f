package io.inlet.bench;

import io.inlet.ingest.testing.RawRtmpClient;
import io.inlet.ingest.testing.load.FlvFile;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * {@code bin/bench firstframe [publishes]}: time to first frame. One embedded node (every role); one
 * publish after another, each a fresh stream: the {@code publish} command goes out, then the clip's
 * tags from its start (sequence headers, then the first keyframe at once, the rest in real time).
 * Measured from sending {@code publish} on this JVM's clock: {@code NetStream.Publish.Start} (auth and
 * the stream's lease), the first decoded video frame handed to the sinks (a {@link DecodedFrameClock}
 * sink in the node's decoder), and the first {@code GET /api/streams/{name}/snapshot.jpg} that answers
 * 200 (what the dashboard's thumbnail polls).
 */
final class FirstFrameRun {

  private static final int CHUNK_SIZE = 4096;
  private static final long TIMEOUT_MS = 10_000;

  /**
   * One publish's three instants, in ms after its {@code publish} command, and the latency of its
   * first second's frames (a tag sent -> its frame at the sinks).
   */
  record Sample(double publishStartMs, double firstFrameMs, double thumbnailMs, List<Double> firstSecondLatencyMs) {}

  private FirstFrameRun() {}

  static void run(int publishes) throws Exception {
    Path clip = Media.CLIP_NO_BFRAMES.path();
    List<FlvFile.Tag> tags = FlvFile.read(clip).stream().filter(tag -> tag.type() != FlvFile.SCRIPT).toList();
    System.out.printf("== firstframe: %d publishes one after another into an embedded node, each a new stream"
        + " replaying %s (720p30 H.264 + AAC, keyframe first) in real time; machine load %s%n", publishes,
        clip.getFileName(), Machine.loadAverage());
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    try (EmbeddedNode node = EmbeddedNode.start(Files.createTempDirectory("inlet-bench-firstframe"))) {
      once(node, http, tags, "warmup"); // loads the decoder's natives and JITs the path: not counted
      List<Sample> samples = new ArrayList<>();
      for (int i = 0; i < publishes; i++) {
        samples.add(once(node, http, tags, "ttff" + i));
      }
      print("publish -> NetStream.Publish.Start", samples.stream().mapToDouble(Sample::publishStartMs).sorted().toArray());
      print("publish -> first decoded frame at the sinks", samples.stream().mapToDouble(Sample::firstFrameMs).sorted().toArray());
      print("publish -> first snapshot.jpg (dashboard thumbnail)", samples.stream().mapToDouble(Sample::thumbnailMs).sorted().toArray());
      print("first second's frames: tag sent -> frame at the sinks", samples.stream()
          .flatMap(sample -> sample.firstSecondLatencyMs().stream()).mapToDouble(Double::doubleValue).sorted().toArray());
    }
  }

  private static Sample once(EmbeddedNode node, HttpClient http, List<FlvFile.Tag> tags, String name) throws Exception {
    String key = node.createKey(name);
    DecodedFrameClock.Frames frames = DecodedFrameClock.watch(name);
    AtomicBoolean sending = new AtomicBoolean(true);
    try (RawRtmpClient client = new RawRtmpClient(node.rtmpPort()).handshake()) {
      client.connect();
      client.setChunkSize(CHUNK_SIZE);
      long published = System.nanoTime();
      client.publish(key).awaitStatus("NetStream.Publish.Start", TIMEOUT_MS);
      long started = System.nanoTime();
      Thread sender = new Thread(() -> replay(client, tags, started, sending), "firstframe-publisher");
      sender.setDaemon(true);
      sender.start();
      frames.awaitAfter(published, (int) (TIMEOUT_MS / 1000));
      long firstFrame = frames.snapshot().get(0).nanos();
      long thumbnail = awaitThumbnail(http, node, name, published);
      Thread.sleep(Math.max(0, 1_100 - ms(System.nanoTime() - started).longValue()));
      sending.set(false);
      sender.join(TIMEOUT_MS);
      // Each frame's tag was sent at started + its pts (the clip has no B-frames: pts = dts).
      List<Double> latencies = frames.snapshot().stream().filter(frame -> frame.ptsMillis() < 1_000)
          .map(frame -> ms(frame.nanos() - started - frame.ptsMillis() * 1_000_000)).toList();
      return new Sample(ms(started - published), ms(firstFrame - published), ms(thumbnail - published), latencies);
    } finally {
      sending.set(false);
      DecodedFrameClock.unwatch(name);
      node.endStream(name);
    }
  }

  /** Sends the clip's tags at their timestamps after {@code startNanos}, until told to stop. */
  private static void replay(RawRtmpClient client, List<FlvFile.Tag> tags, long startNanos, AtomicBoolean sending) {
    try {
      for (FlvFile.Tag tag : tags) {
        long due = startNanos + tag.timestamp() * 1_000_000;
        while (sending.get() && System.nanoTime() < due) {
          Thread.sleep(Math.max(1, (due - System.nanoTime()) / 1_000_000));
        }
        if (!sending.get()) {
          return;
        }
        if (tag.type() == FlvFile.VIDEO) {
          client.video(tag.timestamp(), tag.body());
        } else {
          client.audio(tag.timestamp(), tag.body());
        }
      }
    } catch (Exception e) {
      if (sending.get()) {
        System.err.println("firstframe: the publisher stopped: " + e);
      }
    }
  }

  /** When {@code GET /api/streams/{name}/snapshot.jpg} first answers 200, polling every 10 ms. */
  private static long awaitThumbnail(HttpClient http, EmbeddedNode node, String name, long since) throws Exception {
    HttpRequest request = HttpRequest.newBuilder(URI.create(node.httpBase() + "/api/streams/" + name + "/snapshot.jpg"))
        .timeout(Duration.ofSeconds(5)).build();
    while (System.nanoTime() - since < TIMEOUT_MS * 1_000_000) {
      if (http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
        return System.nanoTime();
      }
      Thread.sleep(10);
    }
    throw new IllegalStateException("no snapshot of " + name + " within " + TIMEOUT_MS + " ms");
  }

  private static void print(String what, double[] sorted) {
    System.out.printf("  %-52s p50 %6.1f ms  p99 %6.1f ms  min %6.1f  max %6.1f  (n=%d)%n", what, percentile(sorted, 0.50),
        percentile(sorted, 0.99), sorted[0], sorted[sorted.length - 1], sorted.length);
  }

  private static double percentile(double[] sorted, double p) {
    return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)];
  }

  private static Double ms(long nanos) {
    return nanos / 1e6;
  }
}
