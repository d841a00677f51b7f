package io.inlet.ingest.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.inlet.bus.MediaPacket;
import io.inlet.bus.PacketKind;
import io.inlet.bus.TrackKind;
import io.inlet.ingest.testing.IngestHarness;
import io.inlet.testkit.Ffmpeg;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** A decoder that stops making progress: the ingest side stops sending frames instead of queueing them on the bus. */
@ExtendWith(VertxExtension.class)
class FlowControlTest {

  @Test
  void framesAreHeldBackWhenTheDecoderFallsTooFarBehind(Vertx vertx, @TempDir Path dir) throws Exception {
    Path source = dir.resolve("source.flv");
    Ffmpeg.run(dir.resolve("encode.log"), "-f", "lavfi", "-i", "testsrc2=size=160x120:rate=25", "-t", "8",
        "-c:v", "libx264", "-preset", "ultrafast", "-g", "25", "-bf", "0", "-f", "flv", source.toString());
    try (IngestHarness ingest = new IngestHarness(vertx, Map.of("k", "cam1"), new IngestOptions().maxInFlight(40))) {
      ingest.decoderStuck();
      Ffmpeg.run(dir.resolve("publish.log"), "-i", source.toString(), "-c", "copy", "-f", "flv", ingest.url("k"));
      ingest.awaitEnded("cam1", 10_000);
      List<MediaPacket> frames = ingest.packets("cam1").stream()
          .filter(p -> p.kind() == PacketKind.FRAME && p.track() == TrackKind.VIDEO).toList();
      // The first decoder gets everything since the start in its batch, then at most maxInFlight live frames.
      assertThat(frames.size()).as("frames sent to a decoder that reports no progress").isLessThan(200);
      long ended = ingest.events().stream().filter(e -> "ended".equals(e.getString("type")))
          .mapToLong(e -> e.getJsonObject("stats").getLong("framesDroppedAtIngest")).sum();
      assertThat(ended).as("frames dropped at the ingest side").isEqualTo(200 - frames.size());
    }
  }
}
