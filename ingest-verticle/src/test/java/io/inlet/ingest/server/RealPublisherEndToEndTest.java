package io.inlet.ingest.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.inlet.bus.MediaCodec;
import io.inlet.bus.MediaPacket;
import io.inlet.bus.PacketKind;
import io.inlet.bus.TrackKind;
import io.inlet.testkit.Ffmpeg;
import io.inlet.ingest.testing.IngestHarness;
import io.inlet.testkit.ProbedPacket;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A real FFmpeg publishes a file over RTMP; every packet Inlet puts on the event bus must match, count
 * for count and byte for byte, what ffprobe reports for the same file.
 */
@ExtendWith(VertxExtension.class)
class RealPublisherEndToEndTest {

  private static final String KEY = "k3y-for-e2e-tests";
  private static final String[] SOURCE = {"-f", "lavfi", "-i", "testsrc2=size=320x240:rate=25"};
  private static final String[] AUDIO = {"-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000"};

  static Stream<Arguments> publishes() {
    return Stream.of(
        Arguments.of("h264+aac (legacy FLV, B-frames)", MediaCodec.H264, MediaCodec.AAC, List.of(
            "-c:v", "libx264", "-preset", "veryfast", "-g", "25", "-bf", "2", "-c:a", "aac", "-b:a", "64k")),
        Arguments.of("hevc (Enhanced RTMP hvc1)", MediaCodec.HEVC, null, List.of(
            "-c:v", "libx265", "-preset", "ultrafast", "-x265-params", "log-level=error:keyint=25", "-an")),
        Arguments.of("av1 (Enhanced RTMP av01)", MediaCodec.AV1, null, List.of(
            "-c:v", "libsvtav1", "-preset", "12", "-g", "25", "-an")),
        Arguments.of("vp9+opus (Enhanced RTMP vp09, Opus)", MediaCodec.VP9, MediaCodec.OPUS, List.of(
            "-c:v", "libvpx-vp9", "-deadline", "realtime", "-cpu-used", "8", "-g", "25", "-c:a", "libopus", "-b:a", "48k")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("publishes")
  void packetsOnTheBusMatchFfprobe(String label, MediaCodec video, MediaCodec audio, List<String> codecArgs,
      Vertx vertx, @TempDir Path dir) throws Exception {
    Path source = dir.resolve("source.flv");
    List<String> encode = new java.util.ArrayList<>(List.of(SOURCE));
    if (audio != null) {
      encode.addAll(List.of(AUDIO));
    }
    encode.addAll(List.of("-t", "3"));
    encode.addAll(codecArgs);
    encode.addAll(List.of("-f", "flv", source.toString()));
    Ffmpeg.run(dir.resolve("encode.log"), encode.toArray(String[]::new));
    List<ProbedPacket> expected = ProbedPacket.probe(source);

    try (IngestHarness ingest = new IngestHarness(vertx, Map.of(KEY, "cam1"), new IngestOptions())) {
      Ffmpeg.run(dir.resolve("publish.log"), "-i", source.toString(), "-c", "copy", "-f", "flv", ingest.url(KEY));
      ingest.awaitEnded("cam1", 10_000);

      List<MediaPacket> received = ingest.packets("cam1");
      assertThat(received).extracting(MediaPacket::sequence)
          .as("packets arrive in order, none missing")
          .containsExactlyElementsOf(java.util.stream.LongStream.range(0, received.size()).boxed().toList());
      assertTrack(received, expected, TrackKind.VIDEO, "video", video);
      if (audio != null) {
        assertTrack(received, expected, TrackKind.AUDIO, "audio", audio);
      }
    }
  }

  private static void assertTrack(List<MediaPacket> received, List<ProbedPacket> expected, TrackKind track,
      String probedType, MediaCodec codec) throws Exception {
    List<MediaPacket> frames = received.stream()
        .filter(p -> p.track() == track && p.kind() == PacketKind.FRAME).toList();
    List<ProbedPacket> probed = expected.stream().filter(p -> p.type().equals(probedType)).toList();
    assertThat(probed).as("ffprobe found %s packets", probedType).isNotEmpty();
    assertThat(received).as("a %s sequence header came first", probedType)
        .anyMatch(p -> p.track() == track && p.kind() == PacketKind.CONFIG && p.data().length() > 0);
    assertThat(frames).as("%s frame count", probedType).hasSameSizeAs(probed);
    for (int i = 0; i < probed.size(); i++) {
      MediaPacket got = frames.get(i);
      ProbedPacket want = probed.get(i);
      assertThat(got.codec()).isEqualTo(codec);
      assertThat(got.data().length()).as("%s packet %d size", probedType, i).isEqualTo(want.size());
      assertThat(md5(got.data().getBytes())).as("%s packet %d bytes", probedType, i).isEqualTo(want.md5());
      assertThat(got.dts()).as("%s packet %d dts", probedType, i).isEqualTo(want.dts());
      assertThat(got.pts()).as("%s packet %d pts", probedType, i).isEqualTo(want.pts());
      if (track == TrackKind.VIDEO) {
        assertThat(got.keyframe()).as("%s packet %d keyframe flag", probedType, i).isEqualTo(want.keyframe());
      }
    }
  }

  private static String md5(byte[] bytes) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(bytes));
  }
}
