package io.inlet.decode.codec;

import static org.assertj.core.api.Assertions.assertThat;

import io.inlet.decode.testing.Decoding;
import io.inlet.decode.testing.TestMedia;
import io.inlet.testkit.Demuxed;
import io.inlet.testkit.FrameMd5;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Decoded video is bit-exact with FFmpeg's own decode of the same file, frame for frame. */
class VideoDecodeTest {

  private static final Logger LOG = LoggerFactory.getLogger(VideoDecodeTest.class);

  @ParameterizedTest
  @EnumSource(value = TestMedia.class, names = {"H264", "HEVC", "AV1", "VP9"})
  void framesMatchFfmpegFramemd5(TestMedia media) throws Exception {
    Demuxed track = media.demux();
    List<String> expected = FrameMd5.hashLines(FrameMd5.of(media.path(), "v"));

    List<String> actual;
    long started = System.nanoTime();
    try (PacketDecoder decoder = PacketDecoder.open(media.codec(), track.extradata(), DecoderSettings.DEFAULT)) {
      actual = Decoding.videoHashes(decoder, track);
      long micros = (System.nanoTime() - started) / 1000;
      LOG.info("{}: decoder {}, {} packets -> {} frames in {} ms ({} fps with hashing), {} bytes of extradata",
          media, decoder.decoderName(), track.packets().size(), actual.size(), micros / 1000,
          micros == 0 ? "?" : actual.size() * 1_000_000L / micros, track.extradata().length);
      assertThat(decoder.decodeErrors()).isZero();
      assertThat(decoder.hardware()).isFalse();
    }
    assertThat(expected).hasSizeGreaterThanOrEqualTo(50);
    assertThat(actual).containsExactlyElementsOf(expected);
  }

  @ParameterizedTest
  @EnumSource(value = TestMedia.class, names = {"H264", "HEVC"})
  void keyframesOnlyDecodesExactlyTheKeyframesAsFfmpegSkippingNonKeyFramesDoes(TestMedia media) throws Exception {
    Demuxed track = media.demux();
    List<String> expected = FrameMd5.hashLines(FrameMd5.ofVideoKeyframes(media.path()));
    long keyframes = track.packets().stream().filter(Demuxed.Packet::keyframe).count();

    List<String> actual;
    try (PacketDecoder decoder = PacketDecoder.open(media.codec(), track.extradata(),
        new DecoderSettings(1, null, DecodeFrames.KEYFRAMES))) {
      actual = Decoding.videoHashes(decoder, track);
      assertThat(decoder.decodeErrors()).isZero();
    }
    assertThat(keyframes).as("the test media has several GOPs").isBetween(2L, track.packets().size() / 5L);
    assertThat(actual).hasSize((int) keyframes).containsExactlyElementsOf(expected);
  }

  @Test
  void av1DecodesInSoftwareWithLibdav1dOrLibaom() throws Exception {
    try (PacketDecoder decoder = PacketDecoder.open(TestMedia.AV1.codec(), TestMedia.AV1.demux().extradata(),
        DecoderSettings.DEFAULT)) {
      assertThat(decoder.decoderName()).isIn(DecoderChoice.SOFTWARE_AV1);
    }
  }

  @Test
  void frameThreadsGiveTheSameFrames() throws Exception {
    Demuxed track = TestMedia.H264.demux();
    List<String> expected = FrameMd5.hashLines(FrameMd5.of(TestMedia.H264.path(), "v"));
    try (PacketDecoder decoder = PacketDecoder.open(TestMedia.H264.codec(), track.extradata(), new DecoderSettings(2, null))) {
      assertThat(Decoding.videoHashes(decoder, track)).containsExactlyElementsOf(expected);
    }
  }
}
