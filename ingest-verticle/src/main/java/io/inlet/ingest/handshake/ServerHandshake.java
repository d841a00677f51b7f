package io.inlet.ingest.handshake;

import io.inlet.ingest.ProtocolException;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.util.Optional;
import java.util.Random;

/**
 * The server side of the RTMP handshake, as an incremental state machine over the connection's
 * cumulative input buffer: C0+C1 in, S0+S1+S2 out, then C2 in.
 *
 * <p>Two flavours are answered. The simple handshake of the Adobe RTMP 1.0 specification (5.2)
 * echoes C1 as S2. The digest ("complex") handshake of Flash Player 9+ is used when C1 carries a
 * client version and a valid HMAC-SHA256 digest: clients that sent one (Flash, some encoders)
 * check that S1 and S2 are signed by a "genuine" server and give up otherwise.
 *
 * <p>C2 is read but not checked: real clients fill it inconsistently (an echo of S1, a signed
 * packet, or zeros), and nothing later depends on it.
 *
 * <p>A handshake that failed stays failed: every later {@link #offer} throws the same exception.
 */
public final class ServerHandshake {

  public static final int RTMP_VERSION = 3;
  public static final int PACKET_SIZE = 1536;

  /** The version FMS-like servers announce in S1; digest-handshake clients expect non-zero. */
  private static final byte[] SERVER_VERSION = {0x0D, 0x0E, 0x0A, 0x0D};
  private static final int TIME_LENGTH = 4;
  private static final int VERSION_LENGTH = 4;

  private enum State {
    AWAIT_C0_C1,
    AWAIT_C2,
    DONE,
    FAILED
  }

  private final Random random;
  private final HandshakeDigest digest = new HandshakeDigest();
  private State state = State.AWAIT_C0_C1;
  private boolean usedDigest;
  private ProtocolException failure;

  /** @param random source of S1's (and, in digest mode, S2's) random bytes */
  public ServerHandshake(Random random) {
    this.random = random;
  }

  /**
   * Consumes from {@code in} (advancing its readerIndex) only the bytes the handshake needs: C0+C1
   * once 1537 bytes are readable, then C2 once 1536 are readable. Bytes after C2 are left unread;
   * they are the first chunks.
   *
   * @return S0+S1+S2 to send, allocated from {@code alloc}, when C0+C1 were just consumed; null
   *     otherwise
   * @throws ProtocolException on a version byte other than 3, when called after completion, and on
   *     every call after one of those
   */
  public ByteBuf offer(ByteBuf in, ByteBufAllocator alloc) {
    if (state == State.FAILED) {
      throw failure;
    }
    try {
      return advance(in, alloc);
    } catch (ProtocolException e) {
      state = State.FAILED;
      failure = e;
      throw e;
    }
  }

  private ByteBuf advance(ByteBuf in, ByteBufAllocator alloc) {
    ByteBuf reply = null;
    if (state == State.DONE) {
      throw ProtocolException.outOfOrder("RTMP handshake offered more bytes after it completed");
    }
    if (state == State.AWAIT_C0_C1) {
      if (!in.isReadable()) {
        return null;
      }
      // Check C0 as soon as it arrives: a client speaking RTMPE or not RTMP at all (an HTTP
      // request, a TLS hello) is rejected at once rather than after 1536 more bytes.
      checkVersion(in.getUnsignedByte(in.readerIndex()));
      if (in.readableBytes() < 1 + PACKET_SIZE) {
        return null;
      }
      in.skipBytes(1);
      byte[] c1 = new byte[PACKET_SIZE];
      in.readBytes(c1);
      reply = respond(c1, alloc);
      state = State.AWAIT_C2;
    }
    if (state == State.AWAIT_C2 && in.readableBytes() >= PACKET_SIZE) {
      in.skipBytes(PACKET_SIZE);
      state = State.DONE;
    }
    return reply;
  }

  /** True once C2 has been consumed. */
  public boolean isDone() {
    return state == State.DONE;
  }

  /** True when C1 carried a valid client digest and S1/S2 were signed in reply. */
  public boolean usedDigest() {
    return usedDigest;
  }

  private static void checkVersion(int version) {
    if (version == RTMP_VERSION) {
      return;
    }
    // 6 is RTMPE (Diffie-Hellman + RC4), 8 and 9 its XTEA and Blowfish variants.
    if (version == 6 || version == 8 || version == 9) {
      throw ProtocolException.unsupported("RTMP version " + version + " (RTMPE) is not supported");
    }
    throw ProtocolException.unsupported(
        "RTMP version " + version + " is not supported, only version " + RTMP_VERSION + " is");
  }

  private ByteBuf respond(byte[] c1, ByteBufAllocator alloc) {
    Optional<DigestScheme> scheme =
        hasClientVersion(c1) ? digest.findClientDigest(c1) : Optional.empty();
    byte[] s1;
    byte[] s2;
    if (scheme.isPresent()) {
      usedDigest = true;
      s1 = digestS1(scheme.get());
      s2 = digestS2(HandshakeDigest.digestIn(c1, scheme.get()));
    } else {
      s1 = simpleS1();
      // The specification's S2 echoes C1's time and random bytes; FFmpeg and OBS accept the
      // whole of C1 returned unchanged, and so does every other client we know of.
      s2 = c1;
    }
    ByteBuf out = alloc.buffer(1 + 2 * PACKET_SIZE);
    out.writeByte(RTMP_VERSION);
    out.writeBytes(s1);
    out.writeBytes(s2);
    return out;
  }

  /** Bytes 4..7 of C1 hold the client's version; zero means a client of the simple handshake. */
  private static boolean hasClientVersion(byte[] c1) {
    return (c1[4] | c1[5] | c1[6] | c1[7]) != 0;
  }

  /**
   * Time zero (our epoch for this connection's timestamps starts here), four zero bytes as the
   * specification requires, then random bytes.
   */
  private byte[] simpleS1() {
    byte[] s1 = new byte[PACKET_SIZE];
    fillRandom(s1, TIME_LENGTH + VERSION_LENGTH, PACKET_SIZE);
    return s1;
  }

  /** Time zero, the server version, random bytes, and the server digest where the client put its. */
  private byte[] digestS1(DigestScheme scheme) {
    byte[] s1 = new byte[PACKET_SIZE];
    System.arraycopy(SERVER_VERSION, 0, s1, TIME_LENGTH, VERSION_LENGTH);
    fillRandom(s1, TIME_LENGTH + VERSION_LENGTH, PACKET_SIZE);
    digest.placeServerDigest(s1, scheme);
    return s1;
  }

  /** 1504 random bytes, then their signature keyed on the client's digest. */
  private byte[] digestS2(byte[] clientDigest) {
    byte[] s2 = new byte[PACKET_SIZE];
    fillRandom(s2, 0, PACKET_SIZE - DigestScheme.DIGEST_LENGTH);
    digest.signS2(s2, clientDigest);
    return s2;
  }

  private void fillRandom(byte[] packet, int from, int to) {
    byte[] bytes = new byte[to - from];
    random.nextBytes(bytes);
    System.arraycopy(bytes, 0, packet, from, bytes.length);
  }
}
