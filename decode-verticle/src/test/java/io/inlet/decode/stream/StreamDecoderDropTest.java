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
import io.inlet.testkit.FrameMd5;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The drop rule, on a clock the test moves: live packets that arrive more than {@code maxLagMs}
 * before they are decoded start a drop that lasts up to the next video keyframe; decoding resumes
 * there bit-exact. Replayed packets are old by design and never dropped.
 */
class StreamDecoderDropTest {

  private static final long START = 1_700_000_000_000_000L;
  private static final long FRAME_MICROS = 40_000;
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
    List<MediaPacket> packets = bus.track(MediaCodec.H264, track, 0, i -> START + i * FRAME_MICROS);

    decoder.onPacket(packets.get(0));
    for (int i = 0; i < track.packets().size(); i++) {
      long lag = i >= stallFrom && i < caughtUpAt ? (MAX_LAG_MS + 100) * 1000 : 2_000;
      if (i == stallFrom) {
        assertThat(decoder.stats().framesDropped()).isZero();
      }
      clock.set(START + i * FRAME_MICROS + lag);
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

  @Test
  void aKeyframeThatIsItselfLateDoesNotEndTheDrop() throws Exception {
    Demuxed track = TestMedia.H264.demux();
    int keyframe = nextKeyframe(track, 1);
    List<MediaPacket> packets = bus.track(MediaCodec.H264, track, 0, i -> START + i * FRAME_MICROS);
    clock.set(START);
    decoder.onPacket(packets.get(0));
    for (int i = 0; i < track.packets().size(); i++) {
      // Behind from packet 5 up to and including the keyframe: nothing after packet 4 is decoded.
      long lag = i >= 5 && i <= keyframe ? (MAX_LAG_MS + 1) * 1000 : 0;
      clock.set(START + i * FRAME_MICROS + lag);
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
    clock.set(START + MAX_LAG_MS * 1000);
    packets.forEach(decoder::onPacket);
    decoder.close();

    assertThat(decoder.stats().framesDropped()).isZero();
    assertThat(sink.video()).containsExactlyElementsOf(FrameMd5.hashLines(TestMedia.H264.reference()));
  }

  @Test
  void replayedPacketsAreNeverDroppedHoweverOld() throws Exception {
    Demuxed track = TestMedia.H264.demux();
    List<MediaPacket> packets = bus.track(MediaCodec.H264, track, 0, START);
    clock.set(START + 3_600_000_000L); // an hour later
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
