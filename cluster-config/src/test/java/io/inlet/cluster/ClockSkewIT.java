package io.inlet.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.inlet.testkit.Await;
import io.inlet.testkit.Ffmpeg;
import io.inlet.testkit.netlab.Host;
import io.inlet.testkit.netlab.InletNode;
import io.inlet.testkit.netlab.Lab;
import io.inlet.testkit.netlab.Publisher;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 13, scenario 6: decode nodes whose clocks are 5 s ahead of and 5 s behind the ingest node's
 * (libfaketime on their JVMs: the wall clock shifted, the monotonic clock left alone, as NTP-less
 * machines drift). One stream decodes on each of them and one on a decode node with the ingest
 * node's clock. No frame is dropped as late, no stream is moved, and each stream's latency figures
 * (decode latency p50 and p99, A/V drift) on a skewed node stay within tens of milliseconds of the
 * unskewed node's: no figure compares two machines' clocks.
 */
class ClockSkewIT {

  private static final Duration OBSERVED = Duration.ofSeconds(12);
  /** How much longer a faked node's latency tail may be: a tenth of the skew, which a clock comparison would show whole. */
  private static final long SKEWED_TAIL_MS = 500;
  /** How far a skewed node's latency may be from the unskewed node's: noise, not a clock (5000 ms). */
  private static final long TOLERANCE_MS = 60;

  @TempDir
  Path dir;

  @Test
  void aDecodeNodeFiveSecondsAheadOrBehindDropsNothingAndReportsTrueLatency() throws Exception {
    long testStarted = System.nanoTime();
    List<InletNode> nodes = new ArrayList<>();
    try (Lab lab = Lab.start()) {
      Host ingestHost = lab.addHost("ingest");
      Host level = lab.addHost("decode-level");
      Host ahead = lab.addHost("decode-ahead");
      Host behind = lab.addHost("decode-behind");
      List<Host> hosts = List.of(ingestHost, level, ahead, behind);
      InletNode ingest = InletNode.on(ingestHost).roles("ingest,auth").members(hosts).start(dir);
      nodes.add(ingest);
      // The decoders join a cluster the ingest node already formed, as machines added to a running
      // cluster do (four members all starting at once, two of them skewed, stalled in Hazelcast's
      // mastership claim once).
      Await.until("the ingest node ready", Duration.ofSeconds(120), () -> ingest.api().ready());
      Map<String, String> skews = new LinkedHashMap<>();
      skews.put(level.name(), null);
      skews.put(ahead.name(), "+5s");
      skews.put(behind.name(), "-5s");
      for (Host host : List.of(level, ahead, behind)) {
        InletNode.Builder decoder = InletNode.on(host).roles("decode").members(hosts).flag("--decode-max-streams", "1");
        String skew = skews.get(host.name());
        if (skew != null) {
          // The wall clock shifted, the monotonic one left alone; file times left alone too (faking
          // them slows class loading for nothing). A heap that collects rarely: every clock read goes
          // through libfaketime, which makes a young collection of a 10 MB heap take 20-200 ms instead
          // of a few, and bin/inlet's small young generation collects every 1-3 s (with -Xlog:gc: 69
          // pauses in 3 min, safepoints up to 0.6 s, an event loop once blocked 4.9 s). A real skewed
          // machine reads its clock at full speed; this keeps the test about the skew, not libfaketime.
          decoder.launcher("faketime", "-f", skew).env("FAKETIME_DONT_FAKE_MONOTONIC", "1").env("NO_FAKE_STAT", "1")
              .env("INLET_JAVA_OPTS", "-Xms256m -XX:MaxNewSize=192m");
        }
        nodes.add(decoder.start(dir));
      }
      Await.until("four nodes ready", Duration.ofSeconds(300), () -> nodes.stream().allMatch(n -> n.api().ready()));

      Path clip = dir.resolve("clip.flv");
      Ffmpeg.run(dir.resolve("encode.log"), "-f", "lavfi", "-i", "testsrc2=size=320x240:rate=25",
          "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=44100", "-t", "4", "-c:v", "libx264", "-preset",
          "ultrafast", "-g", "25", "-bf", "0", "-c:a", "aac", "-f", "flv", clip.toString());
      List<Publisher> publishers = new ArrayList<>();
      for (int i = 1; i <= 3; i++) {
        String name = "cam" + i;
        String key = ingest.api().createKey(name);
        publishers.add(Publisher.loop(ingestHost, dir.resolve("publish-" + name + ".log"), clip, ingest.rtmpUrl(key)));
        // One at a time, so that each goes to a decoder with room (one stream each).
        Await.until(name + " decoding", Duration.ofSeconds(30), () -> decoding(ingest).containsKey(name));
      }
      // A faked clock makes every clock read slow, so on a busy machine a skewed decoder can report late
      // while it starts a stream, and the stream is placed again: wait until each decoder has one.
      Set<String> decodeNodes = Set.of(level.address() + ":" + InletNode.CLUSTER_PORT,
          ahead.address() + ":" + InletNode.CLUSTER_PORT, behind.address() + ":" + InletNode.CLUSTER_PORT);
      Await.until("one stream on each decoder", Duration.ofSeconds(30), () -> {
        Map<String, JsonObject> now = decoding(ingest);
        Set<String> holders = new HashSet<>();
        now.values().forEach(stream -> holders.add(stream.getString("decodeNode")));
        return now.size() == 3 && holders.equals(decodeNodes);
      });

      Thread.sleep(OBSERVED.toMillis()); // the figures below cover this much real time
      Map<String, JsonObject> streams = ingest.api().streams();
      Map<String, JsonObject> byHost = new LinkedHashMap<>();
      for (Host host : List.of(level, ahead, behind)) {
        String node = host.address() + ":" + InletNode.CLUSTER_PORT;
        streams.values().stream().filter(s -> node.equals(s.getString("decodeNode"))).findFirst()
            .ifPresent(stream -> byHost.put(host.name(), stream));
      }
      assertThat(byHost).as("each stream still on its decoder (none moved)").hasSize(3);
      for (Publisher publisher : publishers) {
        assertThat(publisher.isAlive()).as(publisher.tail()).isTrue();
      }

      JsonObject reference = byHost.get(level.name()).getJsonObject("stats");
      StringBuilder figures = new StringBuilder();
      for (Map.Entry<String, JsonObject> entry : byHost.entrySet()) {
        JsonObject stream = entry.getValue();
        JsonObject stats = stream.getJsonObject("stats");
        JsonObject latency = stats.getJsonObject("decodeLatencyMs");
        InletNode decoder = nodes.get(1 + List.of(level.name(), ahead.name(), behind.name()).indexOf(entry.getKey()));
        double droppedOnNode = decoder.api().metric("inlet_decode_frames_dropped_total");
        figures.append(String.format("%n  %s (clock %s): decodeLatencyMs p50 %d p99 %d, avDriftMs %d, framesDropped %d"
                + " (node counter %.0f), frames decoded %d of %d in, publishes %d", entry.getKey(),
            skews.get(entry.getKey()) == null ? "as the ingest node's" : skews.get(entry.getKey()),
            latency.getLong("p50"), latency.getLong("p99"), stats.getLong("avDriftMs"), stats.getLong("framesDropped"),
            droppedOnNode, stats.getLong("videoFramesDecoded"), stats.getLong("videoFramesIn"), stream.getInteger("publishes")));
        assertThat(stats.getLong("framesDropped")).as(entry.getKey() + ": frames dropped as late").isZero();
        assertThat(droppedOnNode).as(entry.getKey() + ": the node's dropped-frames counter").isZero();
        assertThat(stream.getInteger("publishes")).as(entry.getKey() + ": one publisher session").isEqualTo(1);
        assertThat(stats.getLong("videoFramesDecoded")).as(entry.getKey() + ": decoding in real time")
            .isGreaterThan(OBSERVED.toSeconds() * 25 / 2);
      }
      System.out.printf("clock skew (decode nodes 5 s ahead and behind the ingest node), after %d s of streaming:%s%n"
          + "  whole scenario %d s%n", OBSERVED.toSeconds(), figures, (System.nanoTime() - testStarted) / 1_000_000_000);
      for (Map.Entry<String, JsonObject> entry : byHost.entrySet()) {
        JsonObject stats = entry.getValue().getJsonObject("stats");
        JsonObject latency = stats.getJsonObject("decodeLatencyMs");
        JsonObject level50 = reference.getJsonObject("decodeLatencyMs");
        assertThat(Math.abs(latency.getLong("p50") - level50.getLong("p50"))).as(entry.getKey() + ": p50 as the unskewed node's")
            .isLessThanOrEqualTo(TOLERANCE_MS);
        // The tail is the faked JVM's own slowness (every clock read goes through libfaketime: 116-144 ms
        // on a busy machine against 1 ms); a clock comparison would be off by the 5 s skew.
        assertThat(Math.abs(latency.getLong("p99") - level50.getLong("p99"))).as(entry.getKey() + ": p99 as the unskewed node's")
            .isLessThanOrEqualTo(SKEWED_TAIL_MS);
        assertThat(Math.abs(stats.getLong("avDriftMs") - reference.getLong("avDriftMs"))).as(entry.getKey() + ": A/V drift")
            .isLessThanOrEqualTo(TOLERANCE_MS);
      }
    } catch (AssertionError | RuntimeException e) {
      NodeLogs.keep("clock-skew", nodes);
      throw e;
    }
  }

  /** Streams the ingest node shows with a decode node and decoded frames. */
  private static Map<String, JsonObject> decoding(InletNode ingest) {
    Map<String, JsonObject> decoding = new LinkedHashMap<>();
    try {
      ingest.api().streams().forEach((name, stream) -> {
        if (stream.getString("decodeNode") != null && stream.getJsonObject("stats").getLong("videoFramesDecoded") > 0) {
          decoding.put(name, stream);
        }
      });
    } catch (AssertionError e) {
      // not answering yet
    }
    return decoding;
  }
}
