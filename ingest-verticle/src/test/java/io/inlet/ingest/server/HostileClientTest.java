package io.inlet.ingest.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.inlet.ingest.message.MessageType;
import io.inlet.ingest.testing.IngestHarness;
import io.inlet.ingest.testing.RawRtmpClient;
import io.netty.buffer.Unpooled;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.nio.charset.StandardCharsets;
import java.util.Map;
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
    ingest = new IngestHarness(vertx, Map.of("good-key", "cam1"), new IngestOptions()
        .handshakeTimeoutMs(300)
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
    assertThat(closed(IngestMetrics.Cause.PROTOCOL_ERROR)).isEqualTo(1);
  }

  @Test
  void aHugeDeclaredChunkSizeIsRefused() throws Exception {
    try (RawRtmpClient client = new RawRtmpClient(ingest.port()).handshake()) {
      client.send(2, MessageType.SET_CHUNK_SIZE, 0, 0, Unpooled.buffer(4).writeInt(0x7FFFFFFF));
      assertThat(client.closedByServerWithin(2_000)).isTrue();
    }
    assertThat(closed(IngestMetrics.Cause.PROTOCOL_ERROR)).isEqualTo(1);
  }

  @Test
  void publishWithoutConnectIsRefused() throws Exception {
    try (RawRtmpClient client = new RawRtmpClient(ingest.port()).handshake()) {
      client.command(1, "publish", 3.0, null, "good-key", "live");
      assertThat(client.closedByServerWithin(2_000)).isTrue();
    }
    assertThat(closed(IngestMetrics.Cause.PROTOCOL_ERROR)).isEqualTo(1);
  }

  @Test
  void anUnknownMessageTypeIsRefused() throws Exception {
    try (RawRtmpClient client = new RawRtmpClient(ingest.port()).handshake()) {
      client.send(3, 77, 0, 0, Unpooled.wrappedBuffer(new byte[] {1, 2, 3}));
      assertThat(client.closedByServerWithin(2_000)).isTrue();
    }
    assertThat(closed(IngestMetrics.Cause.PROTOCOL_ERROR)).isEqualTo(1);
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
  }

  @Test
  void aPublisherThatSendsNoMediaIsClosedAfterTheIdleTimeout() throws Exception {
    try (RawRtmpClient client = new RawRtmpClient(ingest.port()).handshake()) {
      client.connect().publish("good-key");
      assertThat(client.closedByServerWithin(4_000)).isTrue();
    }
    assertThat(closed(IngestMetrics.Cause.IDLE_TIMEOUT)).isEqualTo(1);
    ingest.awaitEnded("cam1", 2_000);
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
}
