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
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * A stream's frames reach the sinks in order, each once, bit-exact with FFmpeg's own decode: across a
 * new sequence header, a replay batch followed by live packets, the end of a sequence and close.
 */
class StreamDecoderOrderTest {

  private static final long NOW = 1_700_000_000_000_000L;
  private static final long MAX_LAG_MS = 1_000;

  private final RecordingSink sink = new RecordingSink();
  private final StreamDecoder decoder = new StreamDecoder("cam1", List.of(sink), DecoderSettings.DEFAULT, MAX_LAG_MS, () -> NOW);
  private final BusPackets bus = new BusPackets("cam1");

  @Test
  void aNewSequenceHeaderMidStreamDrainsTheOldResolutionAndDecodesTheNew() throws Exception {
    Demuxed small = TestMedia.H264.demux();
    Demuxed large = TestMedia.H264_640.demux();
    long offset = 2_000; // the second part goes on along the stream's timeline
    List<String> expected = new ArrayList<>(FrameMd5.hashLines(TestMedia.H264.reference()));
    TestMedia.H264_640.reference().forEach(l -> expected.add((l.ptsMillis() + offset) + " " + l.md5()));

    bus.track(MediaCodec.H264, small, 0, NOW).forEach(decoder::onPacket);
    assertThat(sink.video()).hasSizeLessThan(small.packets().size()); // the reorder tail is still in the decoder
    decoder.onPacket(bus.config(MediaCodec.H264, large.extradata(), NOW));
    assertThat(sink.video()).hasSize(small.packets().size());
    assertThat(decoder.stats().toJson().getJsonObject("video").getInteger("width")).isEqualTo(320);
    assertThat(decoder.stats().toJson().getJsonObject("video").getInteger("height")).isEqualTo(240);

    for (Demuxed.Packet p : large.packets()) {
      decoder.onPacket(bus.frame(MediaCodec.H264, p, offset, NOW));
    }
    decoder.onPacket(bus.end(MediaCodec.H264, NOW));

    assertThat(sink.video()).containsExactlyElementsOf(expected);
    assertThat(sink.sizes().subList(0, 50)).containsOnly("320x240");
    assertThat(sink.sizes().subList(50, 100)).containsOnly("640x360");
    assertThat(decoder.stats().toJson().getJsonObject("video").getInteger("width")).isEqualTo(640);
    assertThat(decoder.stats().toJson().getJsonObject("video").getInteger("height")).isEqualTo(360);
    assertThat(decoder.stats().videoFramesDecoded()).isEqualTo(100);
  }

  @Test
  void livePacketsAlreadyInTheReplayBatchAreSkipped() throws Exception {
    List<MediaPacket> packets = bus.track(MediaCodec.H264, TestMedia.H264.demux(), 0, NOW);
    int cut = 30;
    decoder.onReplay(new PacketBatch("cam1", packets.get(cut - 1).sequence(), packets.subList(0, cut)));
    packets.subList(cut - 10, packets.size()).forEach(decoder::onPacket); // ten already in the batch
    decoder.onPacket(packets.get(40)); // and one sent twice
    decoder.onPacket(bus.end(MediaCodec.H264, NOW));

    assertThat(sink.video()).containsExactlyElementsOf(FrameMd5.hashLines(TestMedia.H264.reference()));
    assertThat(decoder.lastSequence()).isEqualTo(bus.lastSequence());
    assertThat(decoder.stats().toJson().getJsonObject("stats").getLong("videoFramesIn")).isEqualTo(50);
  }

  @Test
  void aBatchSentAgainToTheSameDecoderDecodesNothingTwice() throws Exception {
    List<MediaPacket> packets = bus.track(MediaCodec.H264, TestMedia.H264.demux(), 0, NOW);
    int cut = 30;
    PacketBatch batch = new PacketBatch("cam1", packets.get(cut - 1).sequence(), packets.subList(0, cut));
    decoder.onReplay(batch);
    decoder.onReplay(batch); // a re-placement that landed on the decoder that already has the stream
    packets.subList(cut, packets.size()).forEach(decoder::onPacket);
    decoder.onPacket(bus.end(MediaCodec.H264, NOW));

    assertThat(sink.video()).containsExactlyElementsOf(FrameMd5.hashLines(TestMedia.H264.reference()));
  }

  @Test
  void aLateDecodersBatchFromTheLastKeyframeStartsThereAndGoesOnLive() throws Exception {
    Demuxed track = TestMedia.H264.demux();
    List<MediaPacket> packets = bus.track(MediaCodec.H264, track, 0, NOW);
    int keyframe = IntStream.range(1, track.packets().size()).filter(i -> track.packets().get(i).keyframe()).findFirst().orElseThrow();
    int cut = keyframe + 5;
    // The ingest side's cache for a later decoder: the sequence header and the packets since the last keyframe.
    List<MediaPacket> cache = new ArrayList<>();
    cache.add(packets.get(0));
    cache.addAll(packets.subList(1 + keyframe, 1 + cut));
    decoder.onReplay(new PacketBatch("cam1", packets.get(cut).sequence(), cache));
    packets.subList(1 + cut, packets.size()).forEach(decoder::onPacket);
    decoder.onPacket(bus.end(MediaCodec.H264, NOW));

    Set<Long> fromKeyframe = track.packets().subList(keyframe, track.packets().size()).stream()
        .map(Demuxed.Packet::ptsMillis).collect(Collectors.toSet());
    assertThat(sink.video()).hasSize(fromKeyframe.size()).containsExactlyElementsOf(FrameMd5.hashLines(
        TestMedia.H264.reference().stream().filter(l -> fromKeyframe.contains(l.ptsMillis())).toList()));
  }

  @Test
  void endFlushesTheReorderedTailAndTheNextSequenceHeaderStartsAgain() throws Exception {
    Demuxed track = TestMedia.H264.demux();
    List<String> expected = FrameMd5.hashLines(TestMedia.H264.reference());
    bus.track(MediaCodec.H264, track, 0, NOW).forEach(decoder::onPacket);
    int beforeEnd = sink.video().size();
    decoder.onPacket(bus.end(MediaCodec.H264, NOW));

    assertThat(beforeEnd).isLessThan(expected.size());
    assertThat(sink.video()).containsExactlyElementsOf(expected);

    bus.track(MediaCodec.H264, track, 2_000, NOW).forEach(decoder::onPacket); // an encoder restart
    decoder.close();
    assertThat(sink.video()).hasSize(2 * expected.size());
    assertThat(sink.video().subList(expected.size(), sink.video().size())).containsExactlyElementsOf(
        TestMedia.H264.reference().stream().map(l -> (l.ptsMillis() + 2_000) + " " + l.md5()).toList());
    assertThat(sink.closes()).isEqualTo(1);
  }

  @Test
  void framesAfterAnEndOfSequenceWithoutANewSequenceHeaderAreStillDecoded() throws Exception {
    Demuxed track = TestMedia.H264.demux();
    List<String> expected = FrameMd5.hashLines(TestMedia.H264.reference());
    bus.track(MediaCodec.H264, track, 0, NOW).forEach(decoder::onPacket);
    decoder.onPacket(bus.end(MediaCodec.H264, NOW));
    // A looped file: its frames again, after the end of sequence, without a sequence header.
    for (Demuxed.Packet p : track.packets()) {
      decoder.onPacket(bus.frame(MediaCodec.H264, p, 2_000, NOW));
    }
    decoder.close();

    assertThat(sink.video()).hasSize(2 * expected.size());
    assertThat(sink.video().subList(expected.size(), sink.video().size())).containsExactlyElementsOf(
        TestMedia.H264.reference().stream().map(l -> (l.ptsMillis() + 2_000) + " " + l.md5()).toList());
  }

  @Test
  void closeFlushesEveryFrameAndClosesTheSinksOnce() throws Exception {
    bus.track(MediaCodec.H264, TestMedia.H264.demux(), 0, NOW).forEach(decoder::onPacket);
    bus.track(MediaCodec.AAC, TestMedia.AAC.demux(), 0, NOW).forEach(decoder::onPacket);

    decoder.close();
    decoder.close();
    decoder.onPacket(bus.frame(MediaCodec.H264, TestMedia.H264.demux().packets().get(0), 5_000, NOW)); // after close: ignored

    assertThat(sink.video()).containsExactlyElementsOf(FrameMd5.hashLines(TestMedia.H264.reference()));
    assertThat(sink.audioPts()).hasSize(TestMedia.AAC.reference().size());
    assertThat(sink.closes()).isEqualTo(1);
  }
}
