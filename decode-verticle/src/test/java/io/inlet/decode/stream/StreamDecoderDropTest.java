package io.inlet.decode.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.inlet.bus.MediaCodec;
import io.inlet.bus.MediaPacket;
import io.inlet.bus.MediaPacketCodec;
import io.inlet.bus.PacketBatch;
import io.inlet.decode.codec.DecoderSettings;
import io.inlet.decode.testing.BusPackets;
import io.inlet.decode.testing.RecordingSink;
import io.inlet.decode.testing.TestMedia;
import io.inlet.testkit.Demuxed;
import io.inlet.testkit.FrameMd5;
import io.vertx.core.buffer.Buffer;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The drop rule, on a clock the test moves: live packets that arrive more than {@code maxLagMs}
 * before they are decoded start a drop that lasts up to the next video keyframe; decoding resumes
 * there bit-exact. Replayed packets are old by design and never dropped.
 */
class StreamDecoderDropTest {

  /** A reading of the decode node's {@code System.nanoTime()}: any origin. */
  private static final long START = 1_700_000_000_000_000L;
  private static final long MS = 1_000_000;
  private static final long FRAME_NANOS = 40 * MS;
  private static final long MAX_LAG_MS = 500;

  private final AtomicLong clock = new AtomicLong(START);
  private final RecordingSink sink = new RecordingSink();
  private final StreamDecoder decoder = new StreamDecoder("cam1", List.of(sink), DecoderSettings.DEFAULT, MAX_LAG_MS, clock::get);
  private final BusPackets bus = new BusPackets("cam1");

  @Test
  void lateFramesAreDroppedUpToTheNextKeyframeAndDecodingResumesBitExact() throws Exception {
    Demuxed track = TestMedia.H264.demux();
    int keyframe = nextKeyframe(track, 1);
    int stallFrom = 10;
    int caughtUpAt = 15; // on time again, but no keyframe yet: the drop goes on
    // Packet i arrives in real time, i frame durations after the start (the sequence header with packet 0).
    List<MediaPacket> packets = bus.track(MediaCodec.H264, track, 0, i -> START + i * FRAME_NANOS);

    decoder.onPacket(packets.get(0));
    for (int i = 0; i < track.packets().size(); i++) {
      long lag = i >= stallFrom && i < caughtUpAt ? (MAX_LAG_MS + 100) * MS : 2 * MS;
      if (i == stallFrom) {
        assertThat(decoder.stats().framesDropped()).isZero();
      }
      clock.set(START + i * FRAME_NANOS + lag);
      decoder.onPacket(packets.get(1 + i));
    }
    decoder.onPacket(bus.end(MediaCodec.H264, clock.get()));

    Set<Long> kept = ptsOf(track, 0, stallFrom);
    kept.addAll(ptsOf(track, keyframe, track.packets().size()));
    assertThat(decoder.stats().framesDropped()).isEqualTo(keyframe - stallFrom);
    assertThat(decoder.stats().toJson().getJsonObject("stats").getLong("framesDropped")).isEqualTo(keyframe - stallFrom);
    assertThat(decoder.stats().toJson().getJsonObject("stats").getLong("videoFramesIn")).isEqualTo(track.packets().size());
    assertThat(sink.video()).containsExactlyElementsOf(FrameMd5.hashLines(
        TestMedia.H264.reference().stream().filter(l -> kept.contains(l.ptsMillis())).toList()));
    assertThat(sink.video()).hasSize(track.packets().size() - (keyframe - stallFrom));
  }

  /**
   * The ingest node's clock reads seconds ahead of (or behind) the decode node's. Packets cross the
   * bus as the real codec carries them, each 1 ms old when sent and received as it is sent; then they
   * wait on the decode node, and that wait is the lag. Before the clocks were kept apart, a skew ahead hid every real lag and a skew
   * behind made every frame late.
   */
  @ParameterizedTest
  @ValueSource(longs = {5_000, -5_000})
  void aClockSkewBetweenTheNodesNeitherDropsOnTimeFramesNorHidesARealLag(long skewMillis) throws Exception {
    AtomicLong ingestClock = new AtomicLong();
    MediaPacketCodec ingestSide = new MediaPacketCodec(ingestClock::get);
    MediaPacketCodec decodeSide = new MediaPacketCodec(clock::get);
    Demuxed track = TestMedia.H264.demux();
    int keyframe = nextKeyframe(track, 1);
    int stallFrom = 10;
    int caughtUpAt = 15;
    long skew = skewMillis * MS;
    // Packet i arrives on the ingest socket i frame durations after the start: stamped on the ingest clock.
    List<MediaPacket> packets = bus.track(MediaCodec.H264, track, 0, i -> START + skew + i * FRAME_NANOS);

    for (int n = 0; n < packets.size(); n++) {
      int i = Math.max(0, n - 1); // the sequence header arrives with packet 0
      long arrivedAt = START + i * FRAME_NANOS; // on the decode node's clock
      ingestClock.set(arrivedAt + skew + MS);
      Buffer wire = Buffer.buffer();
      ingestSide.encodeToWire(wire, packets.get(n));
      clock.set(arrivedAt + MS);
      MediaPacket received = decodeSide.decodeFromWire(0, wire);
      long waited = i >= stallFrom && i < caughtUpAt ? (MAX_LAG_MS + 100) * MS : 2 * MS;
      clock.set(arrivedAt + MS + waited);
      decoder.onPacket(received);
    }
    decoder.onPacket(bus.end(MediaCodec.H264, clock.get()));

    assertThat(decoder.stats().framesDropped()).isEqualTo(keyframe - stallFrom);
    Set<Long> kept = ptsOf(track, 0, stallFrom);
    kept.addAll(ptsOf(track, keyframe, track.packets().size()));
    assertThat(sink.video()).containsExactlyElementsOf(FrameMd5.hashLines(
        TestMedia.H264.reference().stream().filter(l -> kept.contains(l.ptsMillis())).toList()));
  }

  @Test
  void aKeyframeThatIsItselfLateDoesNotEndTheDrop() throws Exception {
    Demuxed track = TestMedia.H264.demux();
    int keyframe = nextKeyframe(track, 1);
    List<MediaPacket> packets = bus.track(MediaCodec.H264, track, 0, i -> START + i * FRAME_NANOS);
    clock.set(START);
    decoder.onPacket(packets.get(0));
    for (int i = 0; i < track.packets().size(); i++) {
      // Behind from packet 5 up to and including the keyframe: nothing after packet 4 is decoded.
      long lag = i >= 5 && i <= keyframe ? (MAX_LAG_MS + 1) * MS : 0;
      clock.set(START + i * FRAME_NANOS + lag);
      decoder.onPacket(packets.get(1 + i));
    }
    decoder.close();

    assertThat(decoder.stats().framesDropped()).isEqualTo(track.packets().size() - 5);
    assertThat(sink.video()).containsExactlyElementsOf(FrameMd5.hashLines(
        TestMedia.H264.reference().stream().filter(l -> ptsOf(track, 0, 5).contains(l.ptsMillis())).toList()));
  }

  @Test
  void aLagOfExactlyMaxLagIsNotLate() throws Exception {
    Demuxed track = TestMedia.H264.demux();
    List<MediaPacket> packets = bus.track(MediaCodec.H264, track, 0, START);
    clock.set(START + MAX_LAG_MS * MS);
    packets.forEach(decoder::onPacket);
    decoder.close();

    assertThat(decoder.stats().framesDropped()).isZero();
    assertThat(sink.video()).containsExactlyElementsOf(FrameMd5.hashLines(TestMedia.H264.reference()));
  }

  @Test
  void replayedPacketsAreNeverDroppedHoweverOld() throws Exception {
    Demuxed track = TestMedia.H264.demux();
    List<MediaPacket> packets = bus.track(MediaCodec.H264, track, 0, START);
    clock.set(START + 3_600_000 * MS); // an hour later
    int cut = 40;
    decoder.onReplay(new PacketBatch("cam1", packets.get(cut - 1).sequence(), packets.subList(0, cut)));
    assertThat(decoder.stats().framesDropped()).isZero();

    // The live ones after it are as old: they are dropped, to the next keyframe (there is none left).
    packets.subList(cut, packets.size()).forEach(decoder::onPacket);
    decoder.close();

    assertThat(decoder.stats().framesDropped()).isEqualTo(packets.size() - cut);
    Set<Long> replayed = ptsOf(track, 0, cut - 1);
    assertThat(sink.video()).containsExactlyElementsOf(FrameMd5.hashLines(
        TestMedia.H264.reference().stream().filter(l -> replayed.contains(l.ptsMillis())).toList()));
  }

  private static int nextKeyframe(Demuxed track, int from) {
    return IntStream.range(from, track.packets().size()).filter(i -> track.packets().get(i).keyframe()).findFirst().orElseThrow();
  }

  /** The pts of packets {@code from} (inclusive) to {@code to} (exclusive). */
  private static Set<Long> ptsOf(Demuxed track, int from, int to) {
    return track.packets().subList(from, to).stream().map(Demuxed.Packet::ptsMillis).collect(Collectors.toCollection(HashSet::new));
  }
}
