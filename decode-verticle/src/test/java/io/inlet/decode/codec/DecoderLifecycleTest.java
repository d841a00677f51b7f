package io.inlet.decode.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.inlet.bus.MediaCodec;
import io.inlet.decode.testing.Decoding;
import io.inlet.decode.testing.TestMedia;
import io.inlet.testkit.Demuxed;
import io.inlet.testkit.FrameMd5;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Opening, failing, falling back, reopening and surviving bad input. */
class DecoderLifecycleTest {

  @Test
  void corruptPacketIsCountedAndDecodingResumesAtTheNextKeyframe() throws Exception {
    Demuxed track = TestMedia.H264.demux();
    List<FrameMd5.Line> reference = FrameMd5.of(TestMedia.H264.path(), "v");
    List<Demuxed.Packet> packets = new ArrayList<>(track.packets());
    int corrupt = 10;
    assertThat(packets.get(corrupt).keyframe()).isFalse();
    byte[] garbage = new byte[packets.get(corrupt).data().length];
    new Random(42).nextBytes(garbage);
    Demuxed.Packet original = packets.get(corrupt);
    packets.set(corrupt, new Demuxed.Packet(garbage, original.dtsMillis(), original.ptsMillis(), false));
    long nextKeyPts = packets.stream().skip(corrupt).filter(Demuxed.Packet::keyframe).findFirst().orElseThrow().ptsMillis();
    List<String> cleanTail = FrameMd5.hashLines(reference.stream().filter(l -> l.ptsMillis() >= nextKeyPts).toList());
    List<String> cleanHead = FrameMd5.hashLines(reference.stream().filter(l -> l.ptsMillis() < packets.get(4).ptsMillis()).toList());

    try (PacketDecoder decoder = PacketDecoder.open(MediaCodec.H264, track.extradata(), DecoderSettings.DEFAULT)) {
      List<String> actual = Decoding.videoHashes(decoder, new Demuxed(track.codecName(), track.extradata(),
          track.width(), track.height(), track.sampleRate(), packets));

      assertThat(decoder.decodeErrors()).isGreaterThanOrEqualTo(1);
      assertThat(cleanTail).hasSizeGreaterThan(10);
      assertThat(actual).startsWith(cleanHead.toArray(String[]::new));
      assertThat(actual).endsWith(cleanTail.toArray(String[]::new));
    }
  }

  @Test
  void aDecoderOpensCleanlyForANewResolutionAfterTheFirstIsClosed() throws Exception {
    Demuxed small = TestMedia.H264.demux();
    Demuxed large = TestMedia.H264_640.demux();
    assertThat(large.extradata()).isNotEqualTo(small.extradata());

    PacketDecoder first = PacketDecoder.open(MediaCodec.H264, small.extradata(), DecoderSettings.DEFAULT);
    List<int[]> sizes = new ArrayList<>();
    Decoding.feed(first, small.packets().subList(0, 20), (frame, pts) -> sizes.add(new int[] {frame.width(), frame.height()}));
    first.flush((frame, pts) -> sizes.add(new int[] {frame.width(), frame.height()}));
    first.close();
    first.close(); // idempotent
    assertThat(sizes).hasSize(20).allSatisfy(s -> assertThat(s).containsExactly(320, 240));
    assertThatThrownBy(() -> first.flush((frame, pts) -> { })).isInstanceOf(IllegalStateException.class);

    try (PacketDecoder second = PacketDecoder.open(MediaCodec.H264, large.extradata(), DecoderSettings.DEFAULT)) {
      assertThat(Decoding.videoHashes(second, large))
          .containsExactlyElementsOf(FrameMd5.hashLines(FrameMd5.of(TestMedia.H264_640.path(), "v")));
    }
  }

  @Test
  void flushResetsTheDecoderForReuse() throws Exception {
    Demuxed track = TestMedia.H264.demux();
    List<String> expected = FrameMd5.hashLines(FrameMd5.of(TestMedia.H264.path(), "v"));
    try (PacketDecoder decoder = PacketDecoder.open(MediaCodec.H264, track.extradata(), DecoderSettings.DEFAULT)) {
      assertThat(Decoding.videoHashes(decoder, track)).containsExactlyElementsOf(expected);
      assertThat(Decoding.videoHashes(decoder, track)).containsExactlyElementsOf(expected);
    }
  }

  @Test
  void unavailableHardwareFallsBackToSoftware() throws Exception {
    Demuxed track = TestMedia.H264.demux();
    List<String> expected = FrameMd5.hashLines(FrameMd5.of(TestMedia.H264.path(), "v"));
    for (String hwaccel : List.of("cuda", "no-such-device")) {
      try (PacketDecoder decoder = PacketDecoder.open(MediaCodec.H264, track.extradata(), new DecoderSettings(1, hwaccel))) {
        assertThat(decoder.hardware()).isFalse();
        assertThat(decoder.decoderName()).isEqualTo("h264");
        assertThat(Decoding.videoHashes(decoder, track)).containsExactlyElementsOf(expected);
      }
    }
  }

  @Test
  void unknownCodecIsUnavailableWithAReadableSentence() {
    assertThatThrownBy(() -> PacketDecoder.open(MediaCodec.UNKNOWN_VIDEO, new byte[0], DecoderSettings.DEFAULT))
        .isInstanceOf(DecoderUnavailableException.class)
        .hasMessage("no decoder for codec 'unknown video' in this FFmpeg build");
    assertThatThrownBy(() -> PacketDecoder.open(MediaCodec.UNKNOWN_AUDIO, null, DecoderSettings.DEFAULT))
        .isInstanceOf(DecoderUnavailableException.class)
        .hasMessage("no decoder for codec 'unknown audio' in this FFmpeg build");
  }

  @Test
  void aConfigurationTheDecoderRefusesIsUnavailable() {
    // An AudioSpecificConfig naming audio object type 31 with an escape to nothing: the AAC decoder refuses it.
    byte[] badConfig = {(byte) 0xF8, 0, 0, 0};
    assertThatThrownBy(() -> PacketDecoder.open(MediaCodec.AAC, badConfig, DecoderSettings.DEFAULT))
        .isInstanceOf(DecoderUnavailableException.class)
        .hasMessageStartingWith("decoder 'aac' refused the aac configuration (4 bytes of extradata): ");
  }

  @Test
  void emptyPacketsAreIgnoredAndRangesAreChecked() throws Exception {
    try (PacketDecoder decoder = PacketDecoder.open(MediaCodec.MP3, new byte[0], DecoderSettings.DEFAULT)) {
      decoder.decode(new byte[8], 0, 0, 0, 0, true, (frame, pts) -> { });
      assertThat(decoder.decodeErrors()).isZero();
      assertThatThrownBy(() -> decoder.decode(new byte[8], 4, 8, 0, 0, true, (frame, pts) -> { }))
          .isInstanceOf(IndexOutOfBoundsException.class);
    }
  }
}
