package io.inlet.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.inlet.bus.Addresses;
import io.inlet.bus.BusCodecs;
import io.inlet.bus.DecoderReport;
import io.inlet.decode.verticle.DecodeOptions;
import io.inlet.ingest.server.IngestOptions;
import io.inlet.ingest.server.IngestVerticle;
import io.inlet.testkit.Await;
import io.inlet.testkit.Ffmpeg;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A decode node that dies while its stream waits for its publisher (the grace window): the ingest
 * side moves the interrupted stream to another decoder like any other, and the resumed publisher's
 * frames are decoded there, as the same stream. Three clustered Vert.x instances on loopback: one
 * ingest node, two decode nodes; a real FFmpeg publisher.
 */
class DecoderLossDuringGraceTest {

  private static final LoopbackCluster CLUSTER = new LoopbackCluster(15731, 3);

  @TempDir
  static Path dir;
  private static Path clip;
  private static Vertx ingestNode;
  private static final Map<String, Vertx> decodeNodes = new ConcurrentHashMap<>();
  private static IngestVerticle ingest;
  /** decode node -> stream name -> video frames decoded, from the decoders' reports. */
  private static final Map<String, Map<String, Long>> decoded = new ConcurrentHashMap<>();
  private static final List<JsonObject> events = new CopyOnWriteArrayList<>();

  @BeforeAll
  static void startCluster() throws Exception {
    ingestNode = CLUSTER.member(0);
    decodeNodes.put("decode-b", CLUSTER.member(1));
    decodeNodes.put("decode-c", CLUSTER.member(2));
    LoopbackCluster.acceptKeys(ingestNode);
    BusCodecs.register(ingestNode);
    ingestNode.eventBus().<DecoderReport>consumer(Addresses.DECODE_STATS, message -> {
      Map<String, Long> byStream = new ConcurrentHashMap<>();
      message.body().streams().forEach(stream -> byStream.put(stream.name(), stream.stats().videoFramesDecoded()));
      decoded.put(message.body().decodeNode(), byStream);
    });
    ingestNode.eventBus().<JsonObject>consumer(Addresses.STREAM_EVENTS, message -> events.add(message.body()));
    ingest = new IngestVerticle(new SimpleMeterRegistry());
    ingestNode.deployVerticle(ingest, new DeploymentOptions().setConfig(new IngestOptions()
        .host("127.0.0.1").port(0).nodeId("ingest-a").toJson())).await();
    decodeNodes.forEach((node, vertx) -> LoopbackCluster.deployDecoder(vertx, node, DecodeOptions.WORKER_POOL));
    clip = dir.resolve("clip.flv");
    Ffmpeg.run(dir.resolve("encode.log"), "-f", "lavfi", "-i", "testsrc2=size=320x240:rate=25", "-t", "4",
        "-c:v", "libx264", "-preset", "ultrafast", "-g", "25", "-bf", "0", "-f", "flv", clip.toString());
  }


  @AfterAll
  static void stopCluster() {
    decodeNodes.values().forEach(vertx -> vertx.close().await());
    if (ingestNode != null) {
      ingestNode.close().await();
    }
  }

  private static Process publish() throws Exception {
    return Ffmpeg.start(dir.resolve("publish-" + System.nanoTime() + ".log"), "-re", "-stream_loop", "-1", "-i",
        clip.toString(), "-c", "copy", "-f", "flv", "rtmp://127.0.0.1:" + ingest.actualPort() + "/live/key-cam");
  }

  private static JsonObject awaitEvent(String type) throws InterruptedException {
    Await.until("a " + type + " event", Duration.ofSeconds(15), () -> events.stream().anyMatch(e -> type.equals(e.getString("type"))));
    return events.stream().filter(e -> type.equals(e.getString("type"))).findFirst().orElseThrow();
  }

  private static long decodedOn(String node) {
    return decoded.getOrDefault(node, Map.of()).getOrDefault("cam", 0L);
  }

  @Test
  void anInterruptedStreamWhoseDecoderDiesIsResumedOnAnotherDecoder() throws Exception {
    Process first = publish();
    Process second = null;
    try {
      JsonObject started = awaitEvent("started");
      Await.until("the stream decoding", Duration.ofSeconds(15), () -> decodedOn("decode-b") + decodedOn("decode-c") > 25);
      String lost = decodedOn("decode-b") > 0 ? "decode-b" : "decode-c";
      String survivor = lost.equals("decode-b") ? "decode-c" : "decode-b";

      first.destroyForcibly(); // the connection ends without an unpublish: the grace window opens
      first.waitFor(5, TimeUnit.SECONDS);
      awaitEvent("interrupted");
      decodeNodes.remove(lost).close().await();
      decoded.remove(lost);
      JsonObject moved = awaitEvent("moved");
      assertThat(moved.getString("decodeNode")).isEqualTo(survivor);
      assertThat(moved.getString("state")).as("moved while it waits for its publisher").isEqualTo("interrupted");

      second = publish();
      JsonObject resumed = awaitEvent("resumed");
      long before = decodedOn(survivor);
      Await.until("the resumed publisher's frames decoded on " + survivor, Duration.ofSeconds(15),
          () -> decodedOn(survivor) > before + 25);
      assertThat(resumed.getString("id")).isEqualTo(started.getString("id"));
      assertThat(resumed.getInteger("publishes")).isEqualTo(2);
      assertThat(resumed.getString("decodeNode")).isEqualTo(survivor);
      assertThat(events).extracting(e -> e.getString("type")).containsExactly("started", "interrupted", "moved", "resumed");
      assertThat(events).extracting(e -> e.getLong("seq")).containsExactly(1L, 2L, 3L, 4L);
    } finally {
      first.destroyForcibly();
      if (second != null) {
        second.destroyForcibly();
        second.waitFor(5, TimeUnit.SECONDS);
      }
    }
  }
}
