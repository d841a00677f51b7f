package io.inlet.ingest.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.inlet.bus.MediaCodec;
import io.inlet.bus.MediaPacket;
import io.inlet.bus.PacketKind;
import io.inlet.bus.TrackKind;
import io.inlet.ingest.testing.IngestHarness;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * GStreamer as the publisher (Debian's gst-launch-1.0, which bin/test installs): {@code rtmp2sink}
 * (GStreamer's own RTMP client) and {@code rtmpsink} (librtmp, the RTMP library of OBS's family).
 * Never skipped: without GStreamer the test fails and says what to install.
 */
@ExtendWith(VertxExtension.class)
class GStreamerPublisherTest {

  private static final int FRAMES = 75;

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"rtmp2sink", "rtmpsink"})
  void gstreamerPublishesH264AndAac(String sink, Vertx vertx, @TempDir Path dir) throws Exception {
    Path gst = Path.of("/usr/bin/gst-launch-1.0");
    assertThat(Files.isExecutable(gst)).as("gst-launch-1.0 is installed (Debian: gstreamer1.0-tools and plugins good/bad/ugly)").isTrue();
    try (IngestHarness ingest = new IngestHarness(vertx, Map.of("gst-key", "gst"), new IngestOptions())) {
      String url = ingest.url("gst-key") + (sink.equals("rtmpsink") ? " live=1" : "");
      Process process = new ProcessBuilder(gst.toString(), "-q",
          "videotestsrc", "num-buffers=" + FRAMES, "is-live=false", "!", "video/x-raw,width=320,height=240,framerate=25/1", "!",
          "x264enc", "tune=zerolatency", "key-int-max=25", "speed-preset=ultrafast", "!", "h264parse", "!", "queue", "!", "mux.",
          "audiotestsrc", "num-buffers=100", "!", "audioconvert", "!", "voaacenc", "!", "aacparse", "!", "queue", "!", "mux.",
          "flvmux", "name=mux", "streamable=true", "!", sink, "location=" + url)
          .redirectErrorStream(true).redirectOutput(dir.resolve("gst.log").toFile()).start();
      assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("gst-launch finished").isTrue();
      assertThat(process.exitValue()).as("gst-launch exit code; log: %s", Files.readString(dir.resolve("gst.log"))).isZero();
      ingest.awaitEnded("gst", 10_000);

      List<MediaPacket> packets = ingest.packets("gst");
      List<MediaPacket> video = packets.stream().filter(p -> p.track() == TrackKind.VIDEO && p.kind() == PacketKind.FRAME).toList();
      assertThat(video).hasSize(FRAMES).allMatch(p -> p.codec() == MediaCodec.H264);
      assertThat(video.get(0).keyframe()).isTrue();
      assertThat(packets).anyMatch(p -> p.track() == TrackKind.VIDEO && p.kind() == PacketKind.CONFIG);
      assertThat(packets).anyMatch(p -> p.track() == TrackKind.AUDIO && p.kind() == PacketKind.CONFIG && p.codec() == MediaCodec.AAC);
      assertThat(packets.stream().filter(p -> p.track() == TrackKind.AUDIO && p.kind() == PacketKind.FRAME)).hasSizeGreaterThan(50);
      assertThat(video).extracting(MediaPacket::dts).isSorted();
    }
  }
}
