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
import java.util.ArrayList;
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
 * Three clustered Vert.x instances on loopback (Hazelcast TCP/IP join): one ingests, two decode. Real
 * FFmpeg publishers push four streams; they spread over both decoders; when one decode node goes
 * away, its streams move to the other within two seconds and the publishers never notice.
 */
class ClusterFailoverTest {

  private static final LoopbackCluster CLUSTER = new LoopbackCluster(15701, 3);

  @TempDir
  static Path dir;
  private static Vertx ingestNode;
  private static Vertx decodeB;
  private static Vertx decodeC;
  private static IngestVerticle ingest;
  /** decoder node -> stream name -> frames decoded, from the decoders' reports as the ingest node sees them. */
  private static final Map<String, Map<String, Long>> decoded = new ConcurrentHashMap<>();
  /** decoder node -> reports the ingest node has received from it. */
  private static final Map<String, Integer> reports = new ConcurrentHashMap<>();
  private static final List<JsonObject> events = new CopyOnWriteArrayList<>();

  @BeforeAll
  static void startCluster() throws Exception {
    ingestNode = CLUSTER.member(0);
    decodeB = CLUSTER.member(1);
    decodeC = CLUSTER.member(2);
    LoopbackCluster.acceptKeys(ingestNode);
    BusCodecs.register(ingestNode);
    ingestNode.eventBus().<DecoderReport>consumer(Addresses.DECODE_STATS, message -> {
      Map<String, Long> byStream = new ConcurrentHashMap<>();
      message.body().streams().forEach(stream -> byStream.put(stream.name(), stream.stats().videoFramesDecoded()));
      decoded.put(message.body().decodeNode(), byStream);
      reports.merge(message.body().decodeNode(), 1, Integer::sum);
    });
    ingestNode.eventBus().<JsonObject>consumer(Addresses.STREAM_EVENTS, message -> events.add(message.body()));
    ingest = new IngestVerticle(new SimpleMeterRegistry());
    ingestNode.deployVerticle(ingest, new DeploymentOptions().setConfig(new IngestOptions()
        .host("127.0.0.1").port(0).nodeId("ingest-a").toJson())).await();
    LoopbackCluster.deployDecoder(decodeB, "decode-b", DecodeOptions.WORKER_POOL);
    LoopbackCluster.deployDecoder(decodeC, "decode-c", DecodeOptions.WORKER_POOL);
  }



  @AfterAll
  static void stopCluster() {
    for (Vertx vertx : new Vertx[] {decodeC, decodeB, ingestNode}) {
      if (vertx != null) {
        vertx.close().await();
      }
    }
  }

  @Test
  void streamsSpreadOverDecodersAndMoveWhenOneIsLost() throws Exception {
    Path clip = dir.resolve("clip.flv");
    Ffmpeg.run(dir.resolve("encode.log"), "-f", "lavfi", "-i", "testsrc2=size=320x240:rate=25", "-t", "4",
        "-c:v", "libx264", "-preset", "ultrafast", "-g", "25", "-bf", "0", "-f", "flv", clip.toString());
    // The cluster has just formed and may still be moving its partitions, which can hold a heartbeat
    // up past the 1 s silence rule: place the streams once both decoders report steadily from now on.
    reports.clear();
    Await.until("both decoders reporting", Duration.ofSeconds(15),
        () -> reports.getOrDefault("decode-b", 0) >= 4 && reports.getOrDefault("decode-c", 0) >= 4);
    List<Process> publishers = new ArrayList<>();
    try {
      for (int i = 1; i <= 4; i++) {
        publishers.add(Ffmpeg.start(dir.resolve("publish" + i + ".log"), "-re", "-stream_loop", "-1", "-i", clip.toString(),
            "-c", "copy", "-f", "flv", "rtmp://127.0.0.1:" + ingest.actualPort() + "/live/key-s" + i));
      }
      Await.until("four streams decoding", Duration.ofSeconds(20), () -> streamsDecodingOn("decode-b") + streamsDecodingOn("decode-c") == 4);
      assertThat(streamsDecodingOn("decode-b")).as("placement spreads the load").isEqualTo(2);
      assertThat(streamsDecodingOn("decode-c")).isEqualTo(2);

      List<String> movedStreams = List.copyOf(decoded.get("decode-c").keySet());
      long lostAt = System.nanoTime();
      decodeC.close().await();
      decoded.remove("decode-c");
      Await.until("every stream decoding on decode-b", Duration.ofSeconds(5), () -> streamsDecodingOn("decode-b") == 4);
      // The time is reported, not asserted: the < 2 s goal is measured by the benchmark, not by a timed test.
      long movedAfterMs = (System.nanoTime() - lostAt) / 1_000_000;

      Map<String, Long> before = Map.copyOf(decoded.get("decode-b"));
      Await.until("frames keep coming on decode-b", Duration.ofSeconds(5),
          () -> before.keySet().stream().allMatch(name -> decoded.get("decode-b").getOrDefault(name, 0L) > before.get(name) + 10));
      assertThat(events).filteredOn(e -> "moved".equals(e.getString("type")))
          .extracting(e -> e.getString("name")).containsExactlyInAnyOrderElementsOf(movedStreams);
      assertThat(events).filteredOn(e -> "moved".equals(e.getString("type")))
          .allSatisfy(e -> assertThat(e.getString("decodeNode")).isEqualTo("decode-b"));
      for (Process publisher : publishers) {
        assertThat(publisher.isAlive()).as("publishers are never disconnected").isTrue();
      }
      System.out.printf("failover: streams decoding again %d ms after their decode node was lost%n", movedAfterMs);
    } finally {
      for (Process publisher : publishers) {
        publisher.destroy();
        publisher.waitFor(5, TimeUnit.SECONDS);
      }
    }
  }

  /** Streams a decoder reports decoding (with frames). */
  private static long streamsDecodingOn(String node) {
    Map<String, Long> streams = decoded.get(node);
    return streams == null ? 0 : streams.values().stream().filter(frames -> frames > 0).count();
  }
}
