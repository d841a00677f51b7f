package io.inlet.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.inlet.bus.Addresses;
import io.inlet.bus.BusCodecs;
import io.inlet.bus.DecoderReport;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Scale-out: a decoder that joins takes existing streams over when the imbalance passes the threshold. */
class RebalanceTest {

  @Test
  void aNewDecoderTakesOverStreamsUntilBalanced(@TempDir Path dir) throws Exception {
    Vertx vertx = Vertx.vertx();
    List<Process> publishers = new ArrayList<>();
    Map<String, Map<String, Long>> decoded = new ConcurrentHashMap<>();
    List<JsonObject> moved = new CopyOnWriteArrayList<>();
    try {
      vertx.eventBus().<JsonObject>consumer(Addresses.AUTH_VALIDATE, m -> m.reply(new JsonObject().put("name", m.body().getString("key"))));
      vertx.eventBus().<JsonObject>consumer(Addresses.STREAM_EVENTS, m -> {
        if ("moved".equals(m.body().getString("type"))) {
          moved.add(m.body());
        }
      });
      BusCodecs.register(vertx);
      vertx.eventBus().<DecoderReport>consumer(Addresses.DECODE_STATS, m -> {
        Map<String, Long> byStream = new ConcurrentHashMap<>();
        m.body().streams().forEach(stream -> byStream.put(stream.name(), stream.stats().videoFramesDecoded()));
        decoded.put(m.body().decodeNode(), byStream);
      });
      IngestVerticle ingest = new IngestVerticle(new SimpleMeterRegistry());
      vertx.deployVerticle(ingest, new DeploymentOptions().setConfig(new IngestOptions().host("127.0.0.1").port(0)
          .rebalanceThreshold(2).toJson())).await();
      LoopbackCluster.deployDecoder(vertx, "decoder-a", "pool-decoder-a");

      Path clip = dir.resolve("clip.flv");
      Ffmpeg.run(dir.resolve("encode.log"), "-f", "lavfi", "-i", "testsrc2=size=160x120:rate=25", "-t", "4",
          "-c:v", "libx264", "-preset", "ultrafast", "-g", "25", "-bf", "0", "-f", "flv", clip.toString());
      for (int i = 1; i <= 4; i++) {
        publishers.add(Ffmpeg.start(dir.resolve("publish" + i + ".log"), "-re", "-stream_loop", "-1", "-i", clip.toString(),
            "-c", "copy", "-f", "flv", "rtmp://127.0.0.1:" + ingest.actualPort() + "/live/s" + i));
      }
      Await.until("four streams on decoder-a", Duration.ofSeconds(20), () -> decoding(decoded, "decoder-a") == 4);

      LoopbackCluster.deployDecoder(vertx, "decoder-b", "pool-decoder-b");
      Await.until("two streams on each decoder", Duration.ofSeconds(20),
          () -> decoding(decoded, "decoder-a") == 2 && decoding(decoded, "decoder-b") == 2);
      assertThat(moved).hasSize(2).allSatisfy(e -> assertThat(e.getString("decodeNode")).isEqualTo("decoder-b"));
      for (Process publisher : publishers) {
        assertThat(publisher.isAlive()).as("rebalancing never touches the publishers").isTrue();
      }
    } finally {
      for (Process publisher : publishers) {
        publisher.destroy();
        publisher.waitFor(5, TimeUnit.SECONDS);
      }
      vertx.close().await();
    }
  }


  private static long decoding(Map<String, Map<String, Long>> decoded, String node) {
    Map<String, Long> streams = decoded.get(node);
    return streams == null ? 0 : streams.values().stream().filter(frames -> frames > 0).count();
  }
}
