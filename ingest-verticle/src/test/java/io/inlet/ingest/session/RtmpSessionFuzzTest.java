package io.inlet.ingest.session;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.inlet.ingest.ProtocolException;
import io.inlet.ingest.chunk.ChunkLimits;
import io.inlet.ingest.message.MessageReader;
import io.inlet.ingest.testing.Splits;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.vertx.core.Future;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.slf4j.LoggerFactory;

/**
 * The connection's whole pipeline on the bytes a socket delivers after a valid handshake (the first
 * byte of an input chooses how they are split), as RtmpConnection wires it: message reader (chunks,
 * typed messages, tag parsers, aggregates), session (a gate that accepts every key) and its demuxer
 * (the 64-bit timeline, the track choice). A peer can only end it with a ProtocolException or a
 * close the session decides; seeds are what a real FFmpeg publish sends.
 */
class RtmpSessionFuzzTest {

  private static final ChunkLimits LIMITS = new ChunkLimits(64 * 1024, 256 * 1024, 16, 512 * 1024);

  private static final ch.qos.logback.classic.Logger SESSION_LOG =
      (ch.qos.logback.classic.Logger) LoggerFactory.getLogger(RtmpSession.class);
  private static Level sessionLogLevel;

  /** Fuzzing publishes tens of thousands of times a second: keep the "publishing" line out. */
  @BeforeAll
  static void quiet() {
    sessionLogLevel = SESSION_LOG.getLevel();
    SESSION_LOG.setLevel(Level.WARN);
  }

  @AfterAll
  static void restore() {
    SESSION_LOG.setLevel(sessionLogLevel);
  }

  @FuzzTest(maxDuration = "60s")
  void pipelineAfterHandshake(byte[] input) {
    MessageReader reader = new MessageReader(LIMITS);
    DiscardingOutput out = new DiscardingOutput();
    CheckingStream stream = new CheckingStream();
    PublishGate gate = (app, key, remote, tcUrl) -> Future.succeededFuture(stream);
    RtmpSession session = new RtmpSession(out, gate, SessionLimits.DEFAULTS, "fuzz", () -> 1_000_000L);
    try {
      for (byte[] piece : Splits.of(input)) {
        session.onBytesReceived(piece.length);
        reader.read(Unpooled.wrappedBuffer(piece), session::onMessage);
        if (out.closed) {
          break;
        }
      }
    } catch (ProtocolException e) {
      assertThat(e.reason()).isNotBlank();
    } finally {
      session.onConnectionClosed("end of input");
    }
    assertThat(session.state()).isEqualTo(SessionState.CLOSED);
    assertThat(session.stream()).isNull();
  }

  static final class DiscardingOutput implements SessionOutput {
    boolean closed;

    @Override
    public void send(int chunkStreamId, int typeId, long timestamp, int messageStreamId, ByteBuf payload) {
      assertThat(closed).as("nothing is sent after close").isFalse();
      assertThat(payload.readableBytes()).isLessThan(64 * 1024);
    }

    @Override
    public void outboundChunkSize(int size) {
      assertThat(size).isPositive();
    }

    @Override
    public void close(CloseKind kind, String reason) {
      closed = true;
    }
  }

  /** The accepted publish: packets checked and dropped. */
  static final class CheckingStream implements PublishedStream {
    @Override public String name() { return "fuzz"; }
    @Override public void onMediaBytes(int payloadBytes) { assertThat(payloadBytes).isLessThanOrEqualTo(LIMITS.maxMessageSize()); }
    @Override public void onPacket(DemuxedPacket packet) {
      assertThat(packet.tag().track()).isNotNull();
      assertThat(packet.tag().codec()).isNotNull();
      assertThat(packet.kind()).isNotNull();
      assertThat(packet.tag().data().readableBytes()).isLessThanOrEqualTo(LIMITS.maxMessageSize());
    }
    @Override public void onMetadata(Map<String, Object> metadata) { assertThat(metadata.toString()).isNotNull(); }
    @Override public void end(String reason) {}
    @Override public void interrupt(String reason) {}
    @Override public void onEndedExternally(java.util.function.Consumer<String> action) {}
  }
}
