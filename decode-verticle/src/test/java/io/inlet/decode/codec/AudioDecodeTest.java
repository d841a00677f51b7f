package io.inlet.decode.codec;

import static org.assertj.core.api.Assertions.assertThat;

import io.inlet.decode.testing.Decoding;
import io.inlet.decode.testing.TestMedia;
import io.inlet.testkit.Demuxed;
import io.inlet.testkit.FrameMd5;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Audio decodes every packet into as many frames and samples as FFmpeg's own decode of the file
 * (its framemd5 hashes s16 after conversion, so the hashes themselves are not compared).
 */
class AudioDecodeTest {

  @ParameterizedTest
  @EnumSource(value = TestMedia.class, names = {"AAC", "OPUS", "MP3"})
  void framesAndSamplesMatchFfmpeg(TestMedia media) throws Exception {
    Demuxed track = media.demux();
    List<FrameMd5.Line> expected = FrameMd5.of(media.path(), "a");

    List<long[]> frames = new ArrayList<>(); // {pts ms, samples, sample rate}
    try (PacketDecoder decoder = PacketDecoder.open(media.codec(), track.extradata(), DecoderSettings.DEFAULT)) {
      FrameHandler out = (frame, pts) -> frames.add(new long[] {pts, frame.nb_samples(), frame.sample_rate()});
      Decoding.feed(decoder, track.packets(), out);
      decoder.flush(out);
      assertThat(decoder.decodeErrors()).isZero();
    }

    assertThat(frames).hasSize(expected.size());
    assertThat(frames.stream().mapToLong(f -> f[1]).sum())
        .isEqualTo(expected.stream().mapToLong(FrameMd5.Line::duration).sum());
    assertThat(frames.stream().mapToLong(f -> f[1]).toArray())
        .containsExactly(expected.stream().mapToLong(FrameMd5.Line::duration).toArray());
    assertThat(frames).allSatisfy(f -> assertThat(f[2]).isEqualTo(track.sampleRate()));
  }
}
