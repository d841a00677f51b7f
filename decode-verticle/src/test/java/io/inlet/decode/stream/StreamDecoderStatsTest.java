package io.inlet.decode.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.inlet.bus.MediaCodec;
import io.inlet.bus.MediaPacket;
import io.inlet.bus.PacketBatch;
import io.inlet.decode.codec.DecoderSettings;
import io.inlet.decode.testing.BusPackets;
import io.inlet.decode.testing.RecordingSink;
import io.inlet.decode.testing.TestMedia;
import io.inlet.testkit.Demuxed;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The decode side's figures in {@code stats().toJson()}, exact, on a clock the test controls. */
class StreamDecoderStatsTest {

  /** A reading of the decode node's {@code System.nanoTime()}: any origin. */
  private static final long START = 1_700_000_000_000_000L;
  private static final long MS = 1_000_000;
  private static final long MAX_LAG_MS = 10_000;

  private final AtomicLong clock = new AtomicLong(START);
  private final RecordingSink sink = new RecordingSink(clock::get);
  private final StreamDecoder decoder = new StreamDecoder("cam1", List.of(sink), DecoderSettings.DEFAULT, MAX_LAG_MS, clock::get);
  private final BusPackets bus = new BusPackets("cam1");

  @Test
  void latencyIsFromEachFramesOwnPacketToItsHandOverEvenWhenReordered() throws Exception {
    Demuxed track = TestMedia.H264.demux();
    // The clock stands still at START: packet i (in decode order) arrived i + 1 ms before it.
    List<MediaPacket> packets = bus.track(MediaCodec.H264, track, 0, i -> START - (i + 1) * MS);
    packets.forEach(decoder::onPacket);
    decoder.onPacket(bus.end(MediaCodec.H264, START));

    // 50 samples of 1..50 ms: the nearest-rank p50 is the 25th, p99 the 50th.
    JsonObject latency = decoder.stats().toJson().getJsonObject("stats").getJsonObject("decodeLatencyMs");
    assertThat(latency.getDouble("p50")).isEqualTo(25.0);
    assertThat(latency.getDouble("p99")).isEqualTo(50.0);
    Map<Long, Long> arrivalByPts = packets.stream().skip(1)
        .collect(Collectors.toMap(MediaPacket::pts, MediaPacket::receivedAtNanos));
    List<Long> expectedArrivals = sink.video().stream().map(line -> arrivalByPts.get(Long.parseLong(line.split(" ")[0]))).toList();
    assertThat(sink.videoArrivals()).containsExactlyElementsOf(expectedArrivals);
  }

  @Test
  void latencyIsReadOffTheClockWhenTheFrameIsHandedOver() throws Exception {
    Demuxed track = TestMedia.H264.demux();
    // Packets arrive every 40 ms and are decoded 3 ms later; B-frames add the reorder wait.
    List<MediaPacket> packets = bus.track(MediaCodec.H264, track, 0, i -> START + i * 40 * MS);
    for (MediaPacket packet : packets) {
      clock.set(packet.receivedAtNanos() + 3 * MS);
      decoder.onPacket(packet);
    }
    clock.addAndGet(7 * MS);
    decoder.onPacket(bus.end(MediaCodec.H264, clock.get())); // the tail comes out 10 ms after the last packet arrived

    List<Long> seen = new ArrayList<>(sink.handOverLatencies());
    seen.sort(null);
    assertThat(seen).hasSize(50).allSatisfy(nanos -> assertThat(nanos).isGreaterThanOrEqualTo(3 * MS));
    JsonObject latency = decoder.stats().toJson().getJsonObject("stats").getJsonObject("decodeLatencyMs");
    assertThat(latency.getDouble("p50")).isEqualTo(seen.get(24) / (double) MS);
    assertThat(latency.getDouble("p99")).isEqualTo(seen.get(49) / (double) MS);
    assertThat(latency.getDouble("p99")).isGreaterThan(latency.getDouble("p50")); // the reorder delay shows
  }

  @Test
  void replayedFramesCountNoLatency() throws Exception {
    List<MediaPacket> packets = bus.track(MediaCodec.H264, TestMedia.H264.demux(), 0, START - 5_000 * MS);
    decoder.onReplay(new PacketBatch("cam1", bus.lastSequence(), packets));

    assertThat(decoder.stats().videoFramesDecoded()).isPositive();
    JsonObject latency = decoder.stats().toJson().getJsonObject("stats").getJsonObject("decodeLatencyMs");
    assertThat(latency).isEqualTo(new JsonObject().put("p50", 0.0).put("p99", 0.0));
  }

  @Test
  void frameRateComesFromThePresentationTimesNotTheClock() throws Exception {
    Demuxed track = TestMedia.H264.demux();
    List<MediaPacket> packets = bus.track(MediaCodec.H264, track, 0, START);
    assertThat(decoder.stats().frameRate()).isZero();
    packets.forEach(decoder::onPacket); // the clock never moves: decoding took no time at all
    decoder.onPacket(bus.end(MediaCodec.H264, START));

    assertThat(decoder.stats().toJson().getJsonObject("video").getDouble("frameRate")).isEqualTo(25.0);
  }

  @Test
  void aCodecWithoutADecoderKeepsGoingUndecodableWhileItsAudioDecodes() throws Exception {
    Demuxed video = TestMedia.H264.demux();
    decoder.onPacket(bus.config(MediaCodec.UNKNOWN_VIDEO, new byte[] {1, 2, 3, 4}, START));
    for (Demuxed.Packet p : video.packets()) {
      decoder.onPacket(bus.frame(MediaCodec.UNKNOWN_VIDEO, p, 0, START));
    }
    bus.track(MediaCodec.AAC, TestMedia.AAC.demux(), 0, START).forEach(decoder::onPacket);
    decoder.close();

    JsonObject json = decoder.stats().toJson();
    assertThat(json.getJsonObject("video").getString("codec")).isEqualTo("unknown");
    assertThat(json.getJsonObject("video").getBoolean("decodable")).isFalse();
    assertThat(json.getJsonObject("audio")).isEqualTo(new JsonObject()
        .put("codec", "aac").put("sampleRate", 44100).put("channels", 1).put("decodable", true));
    JsonObject stats = json.getJsonObject("stats");
    assertThat(stats.getLong("videoFramesIn")).isEqualTo(video.packets().size());
    assertThat(stats.getLong("videoFramesDecoded")).isZero();
    assertThat(stats.getLong("audioFramesDecoded")).isEqualTo(TestMedia.AAC.reference().size());
    assertThat(sink.video()).isEmpty();
    assertThat(sink.audioSamples()).containsExactlyElementsOf(
        TestMedia.AAC.reference().stream().map(l -> (int) l.duration()).toList());
  }
}
