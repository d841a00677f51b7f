package io.inlet.ingest.handshake;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Random;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The client side of the RTMP handshake, for tests that drive a server: it builds C0+C1, checks the
 * server's S0+S1+S2, and answers with C2. It deliberately shares no code or constants with the
 * server classes (its keys are spelled out again from the specification), so a mistake in either
 * side shows up as a failed check rather than cancelling out.
 *
 * <p>Checks fail with {@link AssertionError}, naming what did not match.
 */
public final class ClientHandshake {

  static final int PACKET_SIZE = 1536;
  static final int DIGEST_LENGTH = 32;

  /** What kind of client to play. */
  public enum Mode {
    /** Zero version, no digest: expects S2 to echo C1. */
    SIMPLE,
    /** Flash Player 9+ digest with its offset word at bytes 8..11 (FFmpeg, librtmp). */
    DIGEST_OFFSET_AT_8,
    /** Flash Player 9+ digest with its offset word at bytes 772..775. */
    DIGEST_OFFSET_AT_772,
    /** A client version but a digest with one bit flipped: expects the simple handshake back. */
    CORRUPT_DIGEST
  }

  /** The version FFmpeg's client writes into C1 (9.0.124.2). */
  static final byte[] CLIENT_VERSION = {9, 0, 124, 2};

  private static final byte[] SHARED_SUFFIX = bytes(
      0xF0, 0xEE, 0xC2, 0x4A, 0x80, 0x68, 0xBE, 0xE8, 0x2E, 0x00, 0xD0, 0xD1, 0x02, 0x9E, 0x7E, 0x57,
      0x6E, 0xEC, 0x5D, 0x2D, 0x29, 0x80, 0x6F, 0xAB, 0x93, 0xB8, 0xE6, 0x36, 0xCF, 0xEB, 0x31, 0xAE);
  static final byte[] PLAYER_KEY_PUBLIC =
      "Genuine Adobe Flash Player 001".getBytes(StandardCharsets.US_ASCII);
  static final byte[] SERVER_KEY_PUBLIC =
      "Genuine Adobe Flash Media Server 001".getBytes(StandardCharsets.US_ASCII);
  static final byte[] PLAYER_KEY_FULL = concat(PLAYER_KEY_PUBLIC, SHARED_SUFFIX);
  static final byte[] SERVER_KEY_FULL = concat(SERVER_KEY_PUBLIC, SHARED_SUFFIX);

  private final Mode mode;
  private final Random random;
  private final byte[] c1 = new byte[PACKET_SIZE];
  private byte[] clientDigest;

  public ClientHandshake(Mode mode, Random random) {
    this.mode = mode;
    this.random = random;
    buildC1();
  }

  /** C0 (version 3) followed by C1. */
  public byte[] c0c1() {
    byte[] out = new byte[1 + PACKET_SIZE];
    out[0] = 3;
    System.arraycopy(c1, 0, out, 1, PACKET_SIZE);
    return out;
  }

  byte[] c1() {
    return c1.clone();
  }

  /** Whether this client expects the server to answer with a digest handshake. */
  boolean expectsDigest() {
    return mode == Mode.DIGEST_OFFSET_AT_8 || mode == Mode.DIGEST_OFFSET_AT_772;
  }

  /** Checks S0+S1+S2 (exactly 3073 bytes) as this client would, and returns C2. */
  public byte[] c2(byte[] s0s1s2) {
    check(s0s1s2.length == 1 + 2 * PACKET_SIZE, "S0+S1+S2 is " + s0s1s2.length + " bytes");
    check(s0s1s2[0] == 3, "S0 is " + s0s1s2[0] + ", not 3");
    byte[] s1 = Arrays.copyOfRange(s0s1s2, 1, 1 + PACKET_SIZE);
    byte[] s2 = Arrays.copyOfRange(s0s1s2, 1 + PACKET_SIZE, s0s1s2.length);
    return expectsDigest() ? digestC2(s1, s2) : simpleC2(s1, s2);
  }

  /**
   * The digest position a packet's offset word (at {@code offsetWordPosition}, 8 or 772) points
   * to: the word's byte sum modulo 728, past the word itself.
   */
  static int digestPosition(byte[] packet, int offsetWordPosition) {
    int sum = 0;
    for (int i = 0; i < 4; i++) {
      sum += packet[offsetWordPosition + i] & 0xFF;
    }
    return offsetWordPosition + 4 + sum % 728;
  }

  /** HMAC over the packet without the 32 bytes at {@code position}. */
  static byte[] packetDigest(byte[] packet, int position, byte[] key) {
    return hmacSha256(key, Arrays.copyOfRange(packet, 0, position),
        Arrays.copyOfRange(packet, position + DIGEST_LENGTH, packet.length));
  }

  /** Writes into {@code packet} its client digest for the offset word at 8 or 772. */
  static void signAsPlayer(byte[] packet, int offsetWordPosition) {
    int position = digestPosition(packet, offsetWordPosition);
    byte[] digest = packetDigest(packet, position, PLAYER_KEY_PUBLIC);
    System.arraycopy(digest, 0, packet, position, DIGEST_LENGTH);
  }

  static byte[] hmacSha256(byte[] key, byte[]... parts) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      for (byte[] part : parts) {
        mac.update(part);
      }
      return mac.doFinal();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private void buildC1() {
    random.nextBytes(c1);
    // Time 4096 ms: any value will do; a non-zero one shows whether S2 echoes it.
    c1[0] = 0;
    c1[1] = 0;
    c1[2] = 0x10;
    c1[3] = 0;
    if (mode == Mode.SIMPLE) {
      Arrays.fill(c1, 4, 8, (byte) 0);
      return;
    }
    System.arraycopy(CLIENT_VERSION, 0, c1, 4, 4);
    int offsetWord = mode == Mode.DIGEST_OFFSET_AT_772 ? 772 : 8;
    signAsPlayer(c1, offsetWord);
    int position = digestPosition(c1, offsetWord);
    clientDigest = Arrays.copyOfRange(c1, position, position + DIGEST_LENGTH);
    if (mode == Mode.CORRUPT_DIGEST) {
      c1[position + 5] ^= 0x01;
    }
  }

  private byte[] simpleC2(byte[] s1, byte[] s2) {
    // RTMP 1.0, 5.2.3: S1's "zero" field must be zeros; S2 carries C1's time and random bytes
    // (its bytes 4..7 may hold the server's time of reading C1).
    check(Arrays.equals(s1, 4, 8, new byte[4], 0, 4), "S1 bytes 4..7 are not zero");
    check(Arrays.equals(s2, 0, 4, c1, 0, 4), "S2 does not echo C1's time");
    check(Arrays.equals(s2, 8, PACKET_SIZE, c1, 8, PACKET_SIZE),
        "S2 does not echo C1's random bytes");
    return s1.clone();
  }

  private byte[] digestC2(byte[] s1, byte[] s2) {
    check(!Arrays.equals(s1, 4, 8, new byte[4], 0, 4), "S1 carries no server version");
    int offsetWord = mode == Mode.DIGEST_OFFSET_AT_772 ? 772 : 8;
    int position = digestPosition(s1, offsetWord);
    byte[] serverDigest = Arrays.copyOfRange(s1, position, position + DIGEST_LENGTH);
    check(Arrays.equals(serverDigest, packetDigest(s1, position, SERVER_KEY_PUBLIC)),
        "S1's server digest at " + position + " does not verify with the FMS key");

    byte[] s2Key = hmacSha256(SERVER_KEY_FULL, clientDigest);
    byte[] expected = hmacSha256(s2Key, Arrays.copyOfRange(s2, 0, PACKET_SIZE - DIGEST_LENGTH));
    check(Arrays.equals(s2, PACKET_SIZE - DIGEST_LENGTH, PACKET_SIZE, expected, 0, DIGEST_LENGTH),
        "S2's signature does not verify against the client digest");

    // C2 mirrors S2: random bytes signed with a key derived from the server's digest.
    byte[] c2 = new byte[PACKET_SIZE];
    random.nextBytes(c2);
    byte[] c2Key = hmacSha256(PLAYER_KEY_FULL, serverDigest);
    byte[] signature = hmacSha256(c2Key, Arrays.copyOfRange(c2, 0, PACKET_SIZE - DIGEST_LENGTH));
    System.arraycopy(signature, 0, c2, PACKET_SIZE - DIGEST_LENGTH, DIGEST_LENGTH);
    return c2;
  }

  private static void check(boolean condition, String failure) {
    if (!condition) {
      throw new AssertionError(failure);
    }
  }

  static byte[] bytes(int... values) {
    byte[] out = new byte[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = (byte) values[i];
    }
    return out;
  }

  static byte[] concat(byte[]... parts) {
    int length = 0;
    for (byte[] part : parts) {
      length += part.length;
    }
    byte[] out = new byte[length];
    int at = 0;
    for (byte[] part : parts) {
      System.arraycopy(part, 0, out, at, part.length);
      at += part.length;
    }
    return out;
  }
}
