package io.inlet.ingest.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.inlet.bus.MediaPacket;
import io.inlet.bus.PacketKind;
import io.inlet.ingest.ProtocolException;
import io.inlet.ingest.message.MessageType;
import io.inlet.ingest.testing.FlvPayloads;
import io.inlet.ingest.testing.IngestHarness;
import io.inlet.ingest.testing.RawRtmpClient;
import io.inlet.testkit.Await;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Clients that break the protocol or the limits: each is closed promptly with its cause counted,
 * and the node goes on serving.
 */
@ExtendWith(VertxExtension.class)
class HostileClientTest {

  private IngestHarness ingest;

  @BeforeEach
  void start(Vertx vertx) {
    ingest = new IngestHarness(vertx, Map.of("good-key", "cam1", "other-key", "cam2"), new IngestOptions()
        .handshakeTimeoutMs(1_000)
        .idleTimeoutMs(800)
        .maxMessageSize(64 * 1024)
        .maxChunkSize(64 * 1024)
        .maxConnections(20));
  }

  @AfterEach
  void stop() {
    ingest.close();
  }

  private double closed(IngestMetrics.Cause cause) {
    return ingest.verticle().metrics().closedCount(cause);
  }

  /** Connections closed for a protocol violation of any kind. */
  static double protocolErrors(IngestHarness ingest) {
    double sum = 0;
    for (ProtocolException.Kind kind : ProtocolException.Kind.values()) {
      sum += ingest.verticle().metrics().closedCount(IngestMetrics.Cause.of(kind));
    }
    return sum;
  }

  @Test
  void anHttpRequestInsteadOfRtmpIsClosed() throws Exception {
    try (RawRtmpClient client = new RawRtmpClient(ingest.port())) {
      client.sendRaw("GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      assertThat(client.closedByServerWithin(2_000)).isTrue();
    }
    assertThat(closed(IngestMetrics.Cause.HANDSHAKE_FAILED)).isEqualTo(1);
  }

  @Test
  void aClientThatNeverFinishesTheHandshakeIsCut() throws Exception {
    try (RawRtmpClient client = new RawRtmpClient(ingest.port())) {
      client.sendRaw(new byte[] {3, 0, 0, 0});
      assertThat(client.closedByServerWithin(3_000)).isTrue();
    }
    assertThat(closed(IngestMetrics.Cause.HANDSHAKE_TIMEOUT)).isEqualTo(1);
  }

  @Test
  void aMessageLongerThanTheLimitIsRefusedBeforeItArrives() throws Exception {
    try (RawRtmpClient client = new RawRtmpClient(ingest.port()).handshake()) {
      client.connect();
      // Only the header of a 16 MB message: the server must not wait for (or allocate) the body.
      client.sendRaw(new byte[] {0x04, 0, 0, 0, (byte) 0xFF, (byte) 0xFF, (byte) 0xF0, 9, 1, 0, 0, 0});
      assertThat(client.closedByServerWithin(2_000)).isTrue();
    }
    assertThat(closed(IngestMetrics.Cause.LIMIT_EXCEEDED)).isEqualTo(1);
  }

  @Test
  void aHugeDeclaredChunkSizeIsRefused() throws Exception {
    try (RawRtmpClient client = new RawRtmpClient(ingest.port()).handshake()) {
      client.send(2, MessageType.SET_CHUNK_SIZE, 0, 0, Unpooled.buffer(4).writeInt(0x7FFFFFFF));
      assertThat(client.closedByServerWithin(2_000)).isTrue();
    }
    assertThat(closed(IngestMetrics.Cause.LIMIT_EXCEEDED)).isEqualTo(1);
  }

  @Test
  void publishWithoutConnectIsRefused() throws Exception {
    try (RawRtmpClient client = new RawRtmpClient(ingest.port()).handshake()) {
      client.command(1, "publish", 3.0, null, "good-key", "live");
      assertThat(client.closedByServerWithin(2_000)).isTrue();
    }
    assertThat(closed(IngestMetrics.Cause.OUT_OF_ORDER)).isEqualTo(1);
  }

  @Test
  void anUnknownMessageTypeIsRefused() throws Exception {
    try (RawRtmpClient client = new RawRtmpClient(ingest.port()).handshake()) {
      client.send(3, 77, 0, 0, Unpooled.wrappedBuffer(new byte[] {1, 2, 3}));
      assertThat(client.closedByServerWithin(2_000)).isTrue();
    }
    assertThat(closed(IngestMetrics.Cause.UNSUPPORTED)).isEqualTo(1);
  }

  @Test
  void deeplyNestedAmfIsRefusedWithoutHarm() throws Exception {
    byte[] nested = new byte[10_000 * 5 + 16];
    int at = 0;
    nested[at++] = 0x02;
    nested[at++] = 0;
    nested[at++] = 7;
    for (byte b : "connect".getBytes(StandardCharsets.US_ASCII)) {
      nested[at++] = b;
    }
    nested[at++] = 0x00; // transaction id 1.0
    nested[at++] = 0x3F;
    nested[at++] = (byte) 0xF0;
    at += 6;
    while (at + 5 <= nested.length) {
      nested[at++] = 0x0A; // a strict array of one element: the next strict array, 10,000 deep
      nested[at++] = 0;
      nested[at++] = 0;
      nested[at++] = 0;
      nested[at++] = 1;
    }
    try (RawRtmpClient client = new RawRtmpClient(ingest.port()).handshake()) {
      client.send(3, MessageType.COMMAND_AMF0, 0, 0, Unpooled.wrappedBuffer(nested, 0, at));
      assertThat(client.closedByServerWithin(2_000)).isTrue();
    }
    assertThat(closed(IngestMetrics.Cause.LIMIT_EXCEEDED)).isEqualTo(1);
  }

  @Test
  void aPublisherThatSendsNoMediaIsClosedAfterTheIdleTimeout() throws Exception {
    try (RawRtmpClient client = new RawRtmpClient(ingest.port()).handshake()) {
      client.connect().publish("good-key");
      assertThat(client.closedByServerWithin(4_000)).isTrue();
    }
    assertThat(closed(IngestMetrics.Cause.IDLE_TIMEOUT)).isEqualTo(1);
    // Disconnected, not ended: the stream waits for its publisher to come back.
    assertThat(ingest.awaitEvent("cam1", "interrupted", 2_000).getString("reason")).contains("no media");
  }

  @Test
  void aBadKeyIsRefusedAndClosedWithinASecond() throws Exception {
    try (RawRtmpClient client = new RawRtmpClient(ingest.port()).handshake()) {
      client.connect().publish("bad-key");
      long start = System.nanoTime();
      assertThat(client.closedByServerWithin(2_000)).isTrue();
      assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(1_000);
    }
    assertThat(closed(IngestMetrics.Cause.PUBLISH_REFUSED)).isEqualTo(1);
  }

  @Test
  void connectionsBeyondTheLimitAreClosedAtOnce(Vertx vertx) throws Exception {
    // A node of its own, whose handshake timeout cannot close the idle connections mid-test.
    IngestHarness limited = new IngestHarness(vertx, Map.of(), new IngestOptions().maxConnections(20));
    RawRtmpClient[] clients = new RawRtmpClient[20];
    try {
      for (int i = 0; i < clients.length; i++) {
        clients[i] = new RawRtmpClient(limited.port());
        clients[i].sendRaw(new byte[] {3});
      }
      try (RawRtmpClient extra = new RawRtmpClient(limited.port())) {
        assertThat(extra.closedByServerWithin(2_000)).isTrue();
      }
      for (RawRtmpClient client : clients) {
        assertThat(client.closedByServerWithin(50)).as("connections within the limit stay open").isFalse();
      }
      assertThat(limited.verticle().metrics().closedCount(IngestMetrics.Cause.CONNECTION_LIMIT)).isEqualTo(1);
    } finally {
      for (RawRtmpClient client : clients) {
        if (client != null) {
          client.close();
        }
      }
    }
  }

  @Test
  void aFloodBeyondTheConnectionLimitIsTurnedAwayAndTheNodeRecovers(Vertx vertx) throws Exception {
    IngestHarness limited = new IngestHarness(vertx, Map.of("good-key", "cam1"), new IngestOptions().maxConnections(30));
    List<RawRtmpClient> held = new ArrayList<>();
    try {
      for (int i = 0; i < 30; i++) {
        held.add(new RawRtmpClient(limited.port()));
        held.get(i).sendRaw(new byte[] {3});
      }
      for (int i = 0; i < 500; i++) {
        try (RawRtmpClient extra = new RawRtmpClient(limited.port())) {
          assertThat(extra.closedByServerWithin(2_000)).as("extra connection %d closed", i).isTrue();
        }
      }
      assertThat(limited.verticle().metrics().closedCount(IngestMetrics.Cause.CONNECTION_LIMIT)).isEqualTo(500);
      for (RawRtmpClient client : held) {
        assertThat(client.closedByServerWithin(1)).as("connections within the limit stay open").isFalse();
      }
    } finally {
      for (RawRtmpClient client : held) {
        client.close();
      }
    }
    // Once the flood and the held connections are gone, a publisher gets in.
    Await.until("the held connections to be released", Duration.ofSeconds(5),
        () -> limited.verticle().metrics().closedCount(IngestMetrics.Cause.CONNECTION_LIMIT) == 500 && openConnections(limited) == 0);
    try (RawRtmpClient publisher = new RawRtmpClient(limited.port()).handshake()) {
      publisher.connect().publish("good-key").awaitStatus("NetStream.Publish.Start", 2_000);
    }
  }

  private static double openConnections(IngestHarness harness) {
    return harness.verticle().metrics().openConnections();
  }

  @Test
  void thousandsOfChunkStreamIdsInOneConnectionAreCut() throws Exception {
    try (RawRtmpClient client = new RawRtmpClient(ingest.port()).handshake()) {
      client.connect();
      ByteBuf chunks = Unpooled.buffer();
      for (int csid = 64; csid < 64 + 5_000; csid++) {
        // A fmt 0 header on a new chunk stream id (3-byte basic header), then a whole 4-byte Acknowledgement.
        chunks.writeByte(1).writeShortLE(csid - 64);
        chunks.writeMedium(0).writeMedium(4).writeByte(MessageType.ACKNOWLEDGEMENT).writeIntLE(0);
        chunks.writeInt(csid);
      }
      sendUntilClosed(client, ByteBufUtil.getBytes(chunks));
      assertThat(client.closedByServerWithin(2_000)).isTrue();
    }
    assertThat(closed(IngestMetrics.Cause.LIMIT_EXCEEDED)).isEqualTo(1);
  }

  @Test
  void timestampsThatJumpBackAndForthFollowTheSixtyFourBitTimeline() throws Exception {
    long[] raw = {
        1_000, 1_040, 1_020, 900, 100_000, 99_000, 0xFFFFFE, 0xFFFFFF, 0x1000000, 0x7FFF_0000L, 0x8000_0040L,
        0xFFFF_FFF0L, 0x10, 0xFFFF_FF00L, 0x20, 5, 0};
    List<Long> expected = new ArrayList<>();
    try (RawRtmpClient client = new RawRtmpClient(ingest.port()).handshake()) {
      client.connect().publish("good-key").awaitStatus("NetStream.Publish.Start", 2_000);
      client.video(raw[0], FlvPayloads.avcConfig());
      client.audio(raw[0], FlvPayloads.aacConfig());
      long extended = raw[0];
      expected.add(extended);
      expected.add(extended);
      // The decoder attached (it has the sequence headers) before the frames come: until then the
      // stream's cache keeps only its last two GOPs, and this test is about timestamps, not the cache.
      Await.until("the decoder attached", Duration.ofSeconds(5),
          () -> ingest.packets("cam1") != null && ingest.packets("cam1").size() == 2);
      List<MediaPacket> packets = ingest.packets("cam1");
      long previous = raw[0];
      for (int i = 1; i < raw.length; i++) {
        // The rule, stated independently of TimelineExtender: add the signed 32-bit difference.
        extended += (int) (raw[i] - previous);
        previous = raw[i];
        expected.add(extended);
        if (i % 2 == 0) {
          client.audio(raw[i], FlvPayloads.aacFrame(i, 8));
        } else {
          client.video(raw[i], FlvPayloads.avcFrame(i % 3 == 0, i, 16));
        }
      }
      Await.until("every packet", Duration.ofSeconds(3), () -> packets.size() == expected.size());
      assertThat(packets).extracting(MediaPacket::dts).containsExactlyElementsOf(expected);
      assertThat(packets).extracting(MediaPacket::sequence).containsExactly(
          java.util.stream.LongStream.range(0, expected.size()).boxed().toArray(Long[]::new));
      assertThat(client.closedByServerWithin(50)).as("the stream goes on").isFalse();
    }
    assertThat(protocolErrors(ingest)).isZero();
  }

  @Test
  void anAbortMidFrameDiscardsThePartialMessageAndTheNextOneWorks() throws Exception {
    try (RawRtmpClient client = new RawRtmpClient(ingest.port()).handshake()) {
      client.connect().publish("good-key").awaitStatus("NetStream.Publish.Start", 2_000);
      client.video(0, FlvPayloads.avcConfig());
      // The first 128-byte chunk of a 305-byte frame, then Abort for its chunk stream.
      ByteBuf whole = Unpooled.buffer();
      new io.inlet.ingest.chunk.ChunkWriter().write(whole, 6, MessageType.VIDEO, 40, 1,
          Unpooled.wrappedBuffer(FlvPayloads.avcFrame(true, 0xAA, 300)));
      client.sendRaw(ByteBufUtil.getBytes(whole, 0, 12 + 128));
      client.send(2, MessageType.ABORT, 0, 0, Unpooled.buffer(4).writeInt(6));
      // A fresh fmt 0 message on the same chunk stream: without the Abort it would be a protocol error.
      client.video(80, FlvPayloads.avcFrame(false, 0xBB, 20));
      client.video(120, FlvPayloads.avcFrame(false, 0xCC, 200));

      List<MediaPacket> packets = ingest.packets("cam1");
      Await.until("three packets", Duration.ofSeconds(3), () -> packets.size() == 3);
      assertThat(packets).extracting(MediaPacket::kind).containsExactly(PacketKind.CONFIG, PacketKind.FRAME, PacketKind.FRAME);
      assertThat(packets).extracting(MediaPacket::dts).containsExactly(0L, 80L, 120L);
      assertThat(packets.get(1).data().getBytes()).containsOnly((byte) 0xBB).hasSize(20);
      assertThat(packets.get(2).data().getBytes()).containsOnly((byte) 0xCC).hasSize(200);
      assertThat(client.closedByServerWithin(50)).isFalse();
    }
    assertThat(protocolErrors(ingest)).isZero();
  }

  @Test
  void randomBytesAfterAValidPublishCloseThatConnectionOnly() throws Exception {
    try (RawRtmpClient good = new RawRtmpClient(ingest.port()).handshake();
        RawRtmpClient bad = new RawRtmpClient(ingest.port()).handshake()) {
      good.connect().publish("good-key").awaitStatus("NetStream.Publish.Start", 2_000);
      bad.connect().publish("other-key").awaitStatus("NetStream.Publish.Start", 2_000);
      good.video(0, FlvPayloads.avcConfig());
      bad.video(0, FlvPayloads.avcConfig());

      byte[] noise = new byte[16 * 1024];
      new Random(42).nextBytes(noise);
      sendUntilClosed(bad, noise);
      assertThat(bad.closedByServerWithin(2_000)).isTrue();
      ingest.awaitEvent("cam2", "interrupted", 2_000);

      for (int i = 1; i <= 5; i++) {
        good.video(40L * i, FlvPayloads.avcFrame(i == 1, i, 32));
      }
      List<MediaPacket> packets = ingest.packets("cam1");
      Await.until("the other stream's packets", Duration.ofSeconds(3), () -> packets.size() == 6);
      assertThat(good.closedByServerWithin(50)).as("the other stream is unaffected").isFalse();
    }
    assertThat(protocolErrors(ingest)).isEqualTo(1);
  }

  /** Writes bytes the server may stop reading halfway: a reset on write is the expected outcome. */
  static void sendUntilClosed(RawRtmpClient client, byte[] bytes) {
    try {
      client.sendRaw(bytes);
    } catch (IOException closedMidWrite) {
      // The server cut the connection before taking everything.
    }
  }
}
