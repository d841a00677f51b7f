package io.inlet.ingest.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.inlet.bus.MediaPacket;
import io.inlet.bus.PacketKind;
import io.inlet.ingest.amf.Amf0Decoder;
import io.inlet.ingest.chunk.RawMessage;
import io.inlet.ingest.message.MessageType;
import io.inlet.ingest.testing.IngestHarness;
import io.inlet.ingest.testing.RawRtmpClient;
import io.inlet.testkit.Ffmpeg;
import io.inlet.testkit.SelfSignedCertificate;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.io.IOException;
import java.net.ConnectException;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Draining with Enhanced RTMP's reconnect request, and RTMPS with a real FFmpeg. */
@ExtendWith(VertxExtension.class)
class DrainAndTlsTest {

  /**
   * The reconnect request as Enhanced RTMP v2 ("Reconnect Request") specifies it, byte for byte in
   * AMF0: the string "onStatus", transaction id 0, a null command object, and an info object with
   * tcUrl, code NetConnection.Connect.ReconnectRequest, a description and level "status".
   */
  private static final String RECONNECT_REQUEST_HEX = ""
      + "02" + "0008" + hex("onStatus")
      + "00" + "0000000000000000"
      + "05"
      + "03"
      + "0005" + hex("tcUrl") + "02" + "001d" + hex("rtmp://other.example.com/live")
      + "0004" + hex("code") + "02" + "0026" + hex("NetConnection.Connect.ReconnectRequest")
      + "000b" + hex("description") + "02" + "0038" + hex("This Inlet node is shutting down; reconnect to continue.")
      + "0005" + hex("level") + "02" + "0006" + hex("status")
      + "000009";

  private static String hex(String ascii) {
    return HexFormat.of().formatHex(ascii.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
  }

  @Test
  void drainingSendsTheReconnectRequestThenClosesAfterTheGracePeriod(Vertx vertx) throws Exception {
    try (IngestHarness ingest = new IngestHarness(vertx, Map.of("good-key", "cam1"), new IngestOptions());
         RawRtmpClient client = new RawRtmpClient(ingest.port()).handshake()) {
      client.connect().publish("good-key");
      client.awaitMessage(m -> isStatus(m, "NetStream.Publish.Start"), 5_000);

      long drainStart = System.nanoTime();
      Future<Void> drained = ingest.verticle().drain(600, "rtmp://other.example.com/live");
      RawMessage reconnect = client.awaitMessage(m -> isStatus(m, "NetConnection.Connect.ReconnectRequest"), 5_000);
      assertThat(reconnect.messageStreamId()).as("a NetConnection command: message stream 0").isZero();
      byte[] payload = new byte[reconnect.payload().readableBytes()];
      reconnect.payload().getBytes(reconnect.payload().readerIndex(), payload);
      assertThat(HexFormat.of().formatHex(payload)).isEqualTo(RECONNECT_REQUEST_HEX);

      assertThat(client.closedByServerWithin(3_000)).isTrue();
      drained.toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
      long drainedAfterMs = (System.nanoTime() - drainStart) / 1_000_000;
      assertThat(drainedAfterMs).as("closed after the grace period, not before").isBetween(500L, 2_500L);
      ingest.awaitEnded("cam1", 2_000);
      try (RawRtmpClient late = new RawRtmpClient(ingest.port())) {
        assertThat(late.closedByServerWithin(1_000)).as("no new connections while draining").isTrue();
      } catch (ConnectException refused) {
        // the listener is closed: refused outright, which is what a draining node should do
      }
    }
  }

  private static boolean isStatus(RawMessage message, String code) {
    if (message.typeId() != MessageType.COMMAND_AMF0) {
      return false;
    }
    List<Object> values = new Amf0Decoder().decodeAll(message.payload().duplicate());
    return values.size() > 3 && "onStatus".equals(values.get(0))
        && values.get(3) instanceof Map<?, ?> info && code.equals(info.get("code"));
  }

  @Test
  void aRealFfmpegPublishesOverRtmps(Vertx vertx, @TempDir Path dir) throws Exception {
    SelfSignedCertificate tls = SelfSignedCertificate.create(dir, "localhost", "DNS:localhost,IP:127.0.0.1");
    Path cert = tls.certificate();
    Path key = tls.key();

    Path source = dir.resolve("source.flv");
    Ffmpeg.run(dir.resolve("encode.log"), "-f", "lavfi", "-i", "testsrc2=size=320x240:rate=25", "-t", "2",
        "-c:v", "libx264", "-preset", "ultrafast", "-g", "25", "-f", "flv", source.toString());
    try (IngestHarness ingest = new IngestHarness(vertx, Map.of("tls-key", "secure"), new IngestOptions()
        .tlsPort(0).tlsCertPath(cert.toString()).tlsKeyPath(key.toString()))) {
      int tlsPort = ingest.verticle().actualTlsPort();
      assertThat(tlsPort).isPositive();
      Ffmpeg.run(dir.resolve("publish.log"), "-i", source.toString(), "-c", "copy", "-f", "flv",
          "rtmps://127.0.0.1:" + tlsPort + "/live/tls-key");
      ingest.awaitEnded("secure", 10_000);
      List<MediaPacket> frames = ingest.packets("secure").stream().filter(p -> p.kind() == PacketKind.FRAME).toList();
      assertThat(frames).hasSize(50);
    } catch (IOException e) {
      throw new AssertionError("RTMPS publish failed: " + e.getMessage(), e);
    }
  }
}
