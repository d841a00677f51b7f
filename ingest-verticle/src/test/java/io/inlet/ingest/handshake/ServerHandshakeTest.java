package io.inlet.ingest.handshake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.inlet.ingest.ProtocolException;
import io.inlet.ingest.handshake.ClientHandshake.Mode;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledByteBufAllocator;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class ServerHandshakeTest {

  private static final ByteBufAllocator ALLOC = UnpooledByteBufAllocator.DEFAULT;
  private static final int REPLY_SIZE = 1 + 2 * ServerHandshake.PACKET_SIZE;
  /** The first bytes of a chunk stream (a type-0 header on chunk stream 3), after C2. */
  private static final byte[] FIRST_CHUNK = ClientHandshake.bytes(0x03, 0, 0, 0, 0, 0, 0x2A, 0x14);

  @ParameterizedTest(name = "version byte {0}")
  @CsvSource(delimiter = '|', value = {
    "6   | RTMP version 6 (RTMPE) is not supported",
    "8   | RTMP version 8 (RTMPE) is not supported",
    "9   | RTMP version 9 (RTMPE) is not supported",
    "0   | RTMP version 0 is not supported, only version 3 is",
    "22  | RTMP version 22 is not supported, only version 3 is",   // a TLS ClientHello
    "71  | RTMP version 71 is not supported, only version 3 is",   // "GET / HTTP/1.1"
    "255 | RTMP version 255 is not supported, only version 3 is",
  })
  void rejectsAnyVersionButThree(int version, String reason) {
    // As soon as C0 is readable, before C1 has arrived...
    assertRejected(new byte[] {(byte) version}, reason);
    // ...and with a whole C0+C1 readable.
    byte[] c0c1 = new ClientHandshake(Mode.SIMPLE, new Random(1)).c0c1();
    c0c1[0] = (byte) version;
    assertRejected(c0c1, reason);
  }

  @Test
  void rejectsAnHttpRequest() {
    assertRejected("GET / HTTP/1.1\r\nHost: inlet\r\n\r\n".getBytes(StandardCharsets.US_ASCII),
        "RTMP version 71 is not supported, only version 3 is");
  }

  @Test
  void acceptsVersionThreeAndWaitsForTheRestOfC1() {
    ServerHandshake server = new ServerHandshake(new Random(1));
    byte[] c0c1 = new ClientHandshake(Mode.SIMPLE, new Random(2)).c0c1();
    ByteBuf in = Unpooled.wrappedBuffer(c0c1, 0, c0c1.length - 1);

    assertThat(server.offer(in, ALLOC)).isNull();
    assertThat(in.readerIndex()).as("nothing consumed before C0+C1 is whole").isZero();
    assertThat(server.isDone()).isFalse();
  }

  @Test
  void simpleHandshakeEchoesC1AsS2() {
    ClientHandshake client = new ClientHandshake(Mode.SIMPLE, new Random(2));
    ServerHandshake server = new ServerHandshake(new Random(1));

    byte[] reply = offerAll(server, client.c0c1());

    assertThat(reply[0]).isEqualTo((byte) ServerHandshake.RTMP_VERSION);
    assertThat(Arrays.copyOfRange(reply, 1, 9)).as("S1 time and zero field").containsOnly(0);
    assertThat(Arrays.copyOfRange(reply, 1 + ServerHandshake.PACKET_SIZE, REPLY_SIZE))
        .isEqualTo(client.c1());
    assertThat(server.usedDigest()).isFalse();
    finish(server, client.c2(reply));
  }

  @ParameterizedTest
  @EnumSource(value = Mode.class, names = {"DIGEST_OFFSET_AT_8", "DIGEST_OFFSET_AT_772"})
  void digestHandshakeIsSignedWithTheSchemeTheClientUsed(Mode mode) {
    ClientHandshake client = new ClientHandshake(mode, new Random(2));
    ServerHandshake server = new ServerHandshake(new Random(1));

    byte[] reply = offerAll(server, client.c0c1());

    assertThat(server.usedDigest()).isTrue();
    assertThat(Arrays.copyOfRange(reply, 1, 9))
        .as("S1 time and server version")
        .isEqualTo(ClientHandshake.bytes(0, 0, 0, 0, 0x0D, 0x0E, 0x0A, 0x0D));
    // The client verifies S1's digest (FMS key, 36 bytes) and S2's signature, or throws.
    finish(server, client.c2(reply));
  }

  @Test
  void clientVersionWithAnInvalidDigestFallsBackToSimple() {
    ClientHandshake client = new ClientHandshake(Mode.CORRUPT_DIGEST, new Random(2));
    ServerHandshake server = new ServerHandshake(new Random(1));

    byte[] reply = offerAll(server, client.c0c1());

    assertThat(server.usedDigest()).isFalse();
    assertThat(Arrays.copyOfRange(reply, 1 + ServerHandshake.PACKET_SIZE, REPLY_SIZE))
        .isEqualTo(client.c1());
    finish(server, client.c2(reply));
  }

  @Test
  void zeroClientVersionMeansSimpleEvenWithAValidDigest() {
    byte[] c1 = new byte[ServerHandshake.PACKET_SIZE];
    new Random(3).nextBytes(c1);
    Arrays.fill(c1, 4, 8, (byte) 0);
    ClientHandshake.signAsPlayer(c1, 8);
    ServerHandshake server = new ServerHandshake(new Random(1));

    byte[] reply = offerAll(server, ClientHandshake.concat(new byte[] {3}, c1));

    assertThat(server.usedDigest()).isFalse();
    assertThat(Arrays.copyOfRange(reply, 1 + ServerHandshake.PACKET_SIZE, REPLY_SIZE))
        .isEqualTo(c1);
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void bytesAfterC2StayUnreadWhenEverythingArrivesAtOnce(Mode mode) {
    ClientHandshake client = new ClientHandshake(mode, new Random(2));
    byte[] expectedReply = offerAll(new ServerHandshake(new Random(1)), client.c0c1());
    // A pipelining client: C0+C1, C2 and the first chunk in one read.
    byte[] c2 = client.c2(expectedReply);
    ServerHandshake server = new ServerHandshake(new Random(1));
    ByteBuf in = Unpooled.wrappedBuffer(ClientHandshake.concat(client.c0c1(), c2, FIRST_CHUNK));

    ByteBuf reply = server.offer(in, ALLOC);

    assertThat(ByteBufUtil.getBytes(reply)).isEqualTo(expectedReply);
    reply.release();
    assertThat(server.isDone()).isTrue();
    assertThat(ByteBufUtil.getBytes(in)).isEqualTo(FIRST_CHUNK);
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void oneByteAtATimeGivesTheSameReplyAsAllAtOnce(Mode mode) {
    ClientHandshake client = new ClientHandshake(mode, new Random(2));
    byte[] expectedReply = offerAll(new ServerHandshake(new Random(1)), client.c0c1());
    byte[] c0c1 = client.c0c1();
    byte[] input = ClientHandshake.concat(c0c1, client.c2(expectedReply), FIRST_CHUNK);
    int c2End = c0c1.length + ServerHandshake.PACKET_SIZE;

    ServerHandshake server = new ServerHandshake(new Random(1));
    ByteBuf cumulation = Unpooled.buffer();
    byte[] reply = null;
    for (int i = 0; i < c2End; i++) {
      cumulation.writeByte(input[i]);
      ByteBuf out = server.offer(cumulation, ALLOC);
      if (out != null) {
        assertThat(reply).as("a second reply at byte %d", i).isNull();
        assertThat(i + 1).as("reply once C0+C1 is whole").isEqualTo(c0c1.length);
        reply = ByteBufUtil.getBytes(out);
        out.release();
      }
      assertThat(server.isDone()).as("done after byte %d", i).isEqualTo(i + 1 == c2End);
    }
    cumulation.writeBytes(FIRST_CHUNK);

    assertThat(reply).isEqualTo(expectedReply);
    assertThat(server.usedDigest()).isEqualTo(client.expectsDigest());
    assertThat(ByteBufUtil.getBytes(cumulation)).isEqualTo(FIRST_CHUNK);
  }

  @Test
  void offerAfterCompletionIsRejected() {
    ClientHandshake client = new ClientHandshake(Mode.DIGEST_OFFSET_AT_8, new Random(2));
    ServerHandshake server = new ServerHandshake(new Random(1));
    finish(server, client.c2(offerAll(server, client.c0c1())));

    ByteBuf in = Unpooled.wrappedBuffer(FIRST_CHUNK);
    assertThatThrownBy(() -> server.offer(in, ALLOC))
        .isInstanceOf(ProtocolException.class)
        .hasMessage("RTMP handshake offered more bytes after it completed");
    assertThat(in.readerIndex()).isZero();
  }

  @Test
  void aFailedHandshakeStaysFailed() {
    ServerHandshake server = new ServerHandshake(new Random(1));
    ProtocolException first = catchThrowableOfType(ProtocolException.class,
        () -> server.offer(Unpooled.wrappedBuffer(new byte[] {6}), ALLOC));
    assertThat(first.kind()).isEqualTo(ProtocolException.Kind.UNSUPPORTED);

    // A valid C0+C1 now: refused with the same failure, nothing consumed, no reply.
    ByteBuf valid = Unpooled.wrappedBuffer(new ClientHandshake(Mode.SIMPLE, new Random(2)).c0c1());
    assertThatThrownBy(() -> server.offer(valid, ALLOC)).isSameAs(first);
    assertThat(valid.readerIndex()).isZero();
    assertThat(server.isDone()).isFalse();
  }

  /** Offers exactly C0+C1, expects it all consumed and a 3073-byte reply. */
  private static byte[] offerAll(ServerHandshake server, byte[] c0c1) {
    ByteBuf in = Unpooled.wrappedBuffer(c0c1);
    ByteBuf reply = server.offer(in, ALLOC);
    assertThat(reply).isNotNull();
    assertThat(in.isReadable()).isFalse();
    assertThat(server.isDone()).isFalse();
    byte[] bytes = ByteBufUtil.getBytes(reply);
    reply.release();
    assertThat(bytes).hasSize(REPLY_SIZE);
    return bytes;
  }

  /** Offers C2 followed by a chunk; only C2 may be consumed. */
  private static void finish(ServerHandshake server, byte[] c2) {
    ByteBuf in = Unpooled.wrappedBuffer(ClientHandshake.concat(c2, FIRST_CHUNK));
    assertThat(server.offer(in, ALLOC)).isNull();
    assertThat(server.isDone()).isTrue();
    assertThat(ByteBufUtil.getBytes(in)).isEqualTo(FIRST_CHUNK);
  }

  private static void assertRejected(byte[] input, String reason) {
    ServerHandshake server = new ServerHandshake(new Random(1));
    assertThatThrownBy(() -> server.offer(Unpooled.wrappedBuffer(input), ALLOC))
        .isInstanceOf(ProtocolException.class)
        .hasMessage(reason)
        .extracting(e -> ((ProtocolException) e).kind()).isEqualTo(ProtocolException.Kind.UNSUPPORTED);
  }
}
