package io.inlet.decode.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.inlet.decode.testing.AudioFrameHasher;
import io.inlet.decode.testing.Decoding;
import io.inlet.decode.testing.TestMedia;
import io.inlet.testkit.Demuxed;
import io.inlet.testkit.FrameMd5;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Audio decodes frame by frame exactly as FFmpeg's own decode of the file: the same frames with the
 * same samples ({@code ffmpeg -c:a <PCM in the decoder's format> -f framemd5}), at the same times.
 */
class AudioDecodeTest {

  @ParameterizedTest
  @EnumSource(value = TestMedia.class, names = {"AAC", "OPUS", "MP3"})
  void framesMatchFfmpegFrameByFrame(TestMedia media) throws Exception {
    Demuxed track = media.demux();
    List<String> frames = new ArrayList<>(); // "samples md5" per frame, in output order
    List<Long> times = new ArrayList<>();
    Set<Integer> sampleFormats = new HashSet<>();
    Set<Integer> sampleRates = new HashSet<>();
    try (PacketDecoder decoder = PacketDecoder.open(media.codec(), track.extradata(), DecoderSettings.DEFAULT)) {
      FrameHandler out = (frame, pts) -> {
        frames.add(frame.nb_samples() + " " + AudioFrameHasher.md5Hex(frame));
        times.add(pts);
        sampleFormats.add(frame.format());
        sampleRates.add(frame.sample_rate());
      };
      Decoding.feed(decoder, track.packets(), out);
      decoder.flush(out);
      assertThat(decoder.decodeErrors()).isZero();
    }

    assertThat(sampleFormats).hasSize(1);
    assertThat(sampleRates).containsExactly(track.sampleRate());
    List<FrameMd5.Line> expected = FrameMd5.ofAudio(media.path(), AudioFrameHasher.pcmEncoder(sampleFormats.iterator().next()));
    assertThat(expected).hasSizeGreaterThan(10);
    assertThat(frames).containsExactlyElementsOf(expected.stream().map(line -> line.duration() + " " + line.md5()).toList());
    // FLV times are whole milliseconds; the ffmpeg CLI re-derives audio times from sample counts
    // (1/sample_rate) and rounds them back, so a frame's time may differ by that rounding.
    for (int i = 0; i < expected.size(); i++) {
      assertThat(times.get(i)).as("time of frame %d", i).isCloseTo(expected.get(i).ptsMillis(), within(1L));
    }
  }
}
