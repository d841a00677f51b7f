package io.inlet.decode.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.bytedeco.ffmpeg.global.avutil.AV_HWDEVICE_TYPE_NONE;
import static org.bytedeco.ffmpeg.global.avutil.av_buffer_unref;
import static org.bytedeco.ffmpeg.global.avutil.av_hwdevice_ctx_create;
import static org.bytedeco.ffmpeg.global.avutil.av_hwdevice_find_type_by_name;

import io.inlet.bus.MediaCodec;
import io.inlet.decode.testing.Decoding;
import io.inlet.decode.testing.TestMedia;
import io.inlet.testkit.Demuxed;
import io.inlet.testkit.FrameMd5;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.bytedeco.ffmpeg.avutil.AVBufferRef;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.PointerPointer;
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
  void anHwaccelFfmpegDoesNotKnowFallsBackToSoftware() throws Exception {
    assertDecodesInSoftware("no-such-device");
  }

  /**
   * The bundled FFmpeg has NVDEC: where a CUDA device opens (an NVIDIA driver), H.264 decodes on it;
   * elsewhere the decoder falls back to software. Which case applies is asked of libavutil directly.
   */
  @Test
  void cudaDecodesOnTheDeviceWhereOneOpensAndInSoftwareElsewhere() throws Exception {
    if (!deviceOpens("cuda")) {
      assertDecodesInSoftware("cuda");
      return;
    }
    Demuxed track = TestMedia.H264.demux();
    List<Long> expectedPts = FrameMd5.of(TestMedia.H264.path(), "v").stream().map(FrameMd5.Line::ptsMillis).toList();
    try (PacketDecoder decoder = PacketDecoder.open(MediaCodec.H264, track.extradata(), new DecoderSettings(1, "cuda"))) {
      assertThat(decoder.hardware()).isTrue();
      // Frames come back from the device in its own pixel format (NV12), so their hashes differ from
      // FFmpeg's software decode; every frame arrives, at its time.
      List<Long> actualPts = Decoding.videoHashes(decoder, track).stream()
          .map(line -> Long.parseLong(line.substring(0, line.indexOf(' ')))).toList();
      assertThat(actualPts).containsExactlyElementsOf(expectedPts);
      assertThat(decoder.decodeErrors()).isZero();
    }
  }

  private static void assertDecodesInSoftware(String hwaccel) throws Exception {
    Demuxed track = TestMedia.H264.demux();
    List<String> expected = FrameMd5.hashLines(FrameMd5.of(TestMedia.H264.path(), "v"));
    try (PacketDecoder decoder = PacketDecoder.open(MediaCodec.H264, track.extradata(), new DecoderSettings(1, hwaccel))) {
      assertThat(decoder.hardware()).isFalse();
      assertThat(decoder.decoderName()).isEqualTo("h264");
      assertThat(Decoding.videoHashes(decoder, track)).containsExactlyElementsOf(expected);
    }
  }

  /** Whether a device of {@code hwaccel}'s type opens on this machine (it is closed again at once). */
  private static boolean deviceOpens(String hwaccel) {
    int type = av_hwdevice_find_type_by_name(hwaccel);
    if (type == AV_HWDEVICE_TYPE_NONE) {
      return false;
    }
    try (PointerPointer<AVBufferRef> device = new PointerPointer<>(1)) {
      device.put(0, null);
      int ret = av_hwdevice_ctx_create(device, type, (BytePointer) null, null, 0);
      if (ret < 0 || device.get(0) == null) {
        return false;
      }
      av_buffer_unref(device);
      return true;
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
