package io.inlet.ingest.handshake;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.inlet.ingest.ProtocolException;
import io.inlet.ingest.testing.Splits;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledByteBufAllocator;
import java.util.List;
import java.util.Random;

/**
 * Whatever a client sends before its first chunk, in whatever split: the handshake answers once,
 * finishes after exactly C0+C1+C2, or fails with a ProtocolException, and the verdict and the reply
 * do not depend on the split. Seeds: what a real FFmpeg sends, simple and digest C1s, and the
 * non-RTMP openings of the unit tests (see docs/fuzzing.md).
 */
class ServerHandshakeFuzzTest {

  /** What the connection would see; fed the way RtmpConnection feeds it. */
  record Outcome(String failure, byte[] reply, boolean done, int consumed) {}

  @FuzzTest(maxDuration = "60s")
  void offerInArbitrarySplits(byte[] input) {
    Outcome split = run(Splits.of(input));
    Outcome whole = run(List.of(Splits.whole(input)));
    assertThat(split.failure()).isEqualTo(whole.failure());
    assertThat(split.done()).isEqualTo(whole.done());
    assertThat(split.reply()).isEqualTo(whole.reply());
    if (split.done()) {
      assertThat(split.consumed()).isEqualTo(1 + 2 * ServerHandshake.PACKET_SIZE);
    }
    if (split.reply() != null) {
      assertThat(split.reply()).hasSize(1 + 2 * ServerHandshake.PACKET_SIZE);
      assertThat(split.reply()[0]).isEqualTo((byte) ServerHandshake.RTMP_VERSION);
    }
  }

  private static Outcome run(List<byte[]> pieces) {
    ServerHandshake handshake = new ServerHandshake(new Random(7));
    ByteBuf input = Unpooled.buffer(ServerHandshake.PACKET_SIZE + 1);
    byte[] reply = null;
    int consumed = 0;
    try {
      for (byte[] piece : pieces) {
        if (handshake.isDone()) {
          break;
        }
        input.writeBytes(piece);
        int before = input.readerIndex();
        ByteBuf out = handshake.offer(input, UnpooledByteBufAllocator.DEFAULT);
        consumed += input.readerIndex() - before;
        if (out != null) {
          assertThat(reply).as("S0+S1+S2 sent once").isNull();
          reply = ByteBufUtil.getBytes(out);
          out.release();
        }
        if (!handshake.isDone()) {
          input.discardReadBytes();
          assertThat(input.readableBytes()).as("held bytes").isLessThanOrEqualTo(ServerHandshake.PACKET_SIZE + piece.length);
        }
      }
      return new Outcome(null, reply, handshake.isDone(), consumed);
    } catch (ProtocolException e) {
      return new Outcome(e.reason(), reply, false, consumed);
    }
  }
}
