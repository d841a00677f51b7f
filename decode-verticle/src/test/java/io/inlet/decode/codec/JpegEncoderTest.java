package io.inlet.decode.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.inlet.decode.testing.Decoding;
import io.inlet.decode.testing.TestMedia;
import io.inlet.testkit.Demuxed;
import io.inlet.testkit.Ffmpeg;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Snapshots are real JPEGs that ffprobe reads at the scaled size. */
class JpegEncoderTest {

  @TempDir Path dir;

  @Test
  void encodesScaledJpegsThatFfprobeReads() throws Exception {
    List<byte[]> jpegs = new ArrayList<>();
    try (JpegEncoder encoder = new JpegEncoder(160, 4)) {
      jpegs.addAll(snapshots(TestMedia.H264, encoder, 3)); // 320x240 -> 160x120, contexts reused
      jpegs.addAll(snapshots(TestMedia.H264_640, encoder, 1)); // 640x360 -> 160x90, contexts rebuilt
    }
    try (JpegEncoder wide = new JpegEncoder(1920, 2)) {
      jpegs.addAll(snapshots(TestMedia.H264, wide, 1)); // narrower than maxWidth: kept at 320x240
    }

    List<String> expectedSizes = List.of("160,120", "160,120", "160,120", "160,90", "320,240");
    for (int i = 0; i < jpegs.size(); i++) {
      byte[] jpeg = jpegs.get(i);
      assertThat(jpeg).startsWith((byte) 0xFF, (byte) 0xD8).endsWith((byte) 0xFF, (byte) 0xD9);
      Path file = Files.write(dir.resolve("snapshot-" + i + ".jpg"), jpeg);
      String probed = Ffmpeg.probe("-select_streams", "v:0", "-show_entries", "stream=codec_name,width,height",
          "-of", "csv=p=0", file.toString()).trim();
      assertThat(probed).isEqualTo("mjpeg," + expectedSizes.get(i));
    }
    assertThat(jpegs.get(0)).isNotEqualTo(jpegs.get(2)); // different frames, different pictures
  }

  @Test
  void rejectsQualityOutsideTheMjpegRange() {
    assertThatThrownBy(() -> new JpegEncoder(320, 1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new JpegEncoder(320, 32)).isInstanceOf(IllegalArgumentException.class);
    JpegEncoder encoder = new JpegEncoder(320, 5);
    encoder.close();
    encoder.close(); // idempotent, even when it never encoded
  }

  /** JPEGs of the first {@code count} decoded frames (frames are borrowed: encode inside the handler). */
  private static List<byte[]> snapshots(TestMedia media, JpegEncoder encoder, int count) throws Exception {
    Demuxed track = media.demux();
    List<byte[]> out = new ArrayList<>();
    try (PacketDecoder decoder = PacketDecoder.open(media.codec(), track.extradata(), DecoderSettings.DEFAULT)) {
      FrameHandler handler = (frame, pts) -> {
        if (out.size() < count) {
          out.add(encoder.encode(frame));
        }
      };
      Decoding.feed(decoder, track.packets().subList(0, 10), handler);
      decoder.flush(handler);
    }
    return out;
  }
}
