package io.inlet.ingest.handshake;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/**
 * Known answers for the digest arithmetic. The expected hex values were computed outside Java
 * (Python's hmac module) over the same fixed packets, and the client digest is recomputed here
 * with javax.crypto directly, so none of them passes through the class under test.
 */
class HandshakeDigestTest {

  private static final HexFormat HEX = HexFormat.of();

  /** C1: pattern bytes, time 0, version 9.0.124.2, offset word 01 02 03 04 (digest at 22). */
  private static final String C1_DIGEST =
      "1d0cbe84f5ca8441241183c7a8baf743affd712ec04a4c2156209ebe10df9b89";
  /** S1: pattern bytes, offset word FF FF FF FF at 772 (digest at 776 + 1020 % 728 = 1068). */
  private static final String S1_DIGEST =
      "4c2c01a54d7b7d4653377d92ed6319fcf91666fa351cf2b5cc8c5e3cf2d6275a";
  /** S2 pattern signed with HMAC(68-byte FMS key, C1_DIGEST). */
  private static final String S2_SIGNATURE =
      "16d84b51e631fcd7131cf4df972cd07c4eb27bbe31c3ef21ac2aed147f4df7ee";

  @Test
  void clientDigestOfAFixedC1() throws Exception {
    byte[] c1 = fixedC1();
    assertThat(DigestScheme.OFFSET_AT_8.digestPosition(c1)).isEqualTo(22);

    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(
        "Genuine Adobe Flash Player 001".getBytes(StandardCharsets.US_ASCII),
        "HmacSHA256"));
    byte[] independent = mac.doFinal(ClientHandshake.concat(
        Arrays.copyOfRange(c1, 0, 22), Arrays.copyOfRange(c1, 22 + 32, 1536)));
    assertThat(HEX.formatHex(independent)).isEqualTo(C1_DIGEST);

    System.arraycopy(independent, 0, c1, 22, 32);
    HandshakeDigest digest = new HandshakeDigest();
    assertThat(digest.findClientDigest(c1)).contains(DigestScheme.OFFSET_AT_8);
    assertThat(HandshakeDigest.digestIn(c1, DigestScheme.OFFSET_AT_8)).isEqualTo(independent);

    c1[100] ^= 0x40; // any covered byte changed: no scheme verifies
    assertThat(digest.findClientDigest(c1)).isEmpty();
  }

  @Test
  void serverDigestOfAFixedS1() {
    byte[] s1 = pattern(17, 3);
    s1[772] = s1[773] = s1[774] = s1[775] = (byte) 0xFF;
    assertThat(DigestScheme.OFFSET_AT_772.digestPosition(s1)).isEqualTo(1068);

    byte[] placed = new HandshakeDigest().placeServerDigest(s1, DigestScheme.OFFSET_AT_772);

    assertThat(HEX.formatHex(placed)).isEqualTo(S1_DIGEST);
    assertThat(HEX.formatHex(s1, 1068, 1068 + 32)).isEqualTo(S1_DIGEST);
  }

  @Test
  void s2SignatureOfAFixedS2() {
    byte[] s2 = pattern(13, 5);
    byte[] unsigned = Arrays.copyOf(s2, 1504);

    new HandshakeDigest().signS2(s2, HEX.parseHex(C1_DIGEST));

    assertThat(Arrays.copyOf(s2, 1504)).as("signed bytes untouched").isEqualTo(unsigned);
    assertThat(HEX.formatHex(s2, 1504, 1536)).isEqualTo(S2_SIGNATURE);
  }

  @Test
  void digestPositionsStayInsideThePacketForExtremeOffsetWords() {
    byte[] packet = new byte[1536];
    assertThat(DigestScheme.OFFSET_AT_8.digestPosition(packet)).isEqualTo(12);
    assertThat(DigestScheme.OFFSET_AT_772.digestPosition(packet)).isEqualTo(776);
    // Sum 727 is the largest remainder: the digest's last byte is 770, or 1534.
    packet[8] = packet[9] = (byte) 0xFF;
    packet[10] = (byte) 0xD9;
    packet[772] = packet[773] = (byte) 0xFF;
    packet[774] = (byte) 0xD9;
    assertThat(DigestScheme.OFFSET_AT_8.digestPosition(packet) + 32).isEqualTo(771);
    assertThat(DigestScheme.OFFSET_AT_772.digestPosition(packet) + 32).isEqualTo(1535);
  }

  private static byte[] fixedC1() {
    byte[] c1 = pattern(31, 7);
    c1[0] = c1[1] = c1[2] = c1[3] = 0;
    System.arraycopy(ClientHandshake.bytes(9, 0, 0x7C, 2, 1, 2, 3, 4), 0, c1, 4, 8);
    Arrays.fill(c1, 22, 22 + 32, (byte) 0);
    return c1;
  }

  /** Byte i is (i * factor + addend) mod 256, as in the Python that produced the answers. */
  private static byte[] pattern(int factor, int addend) {
    byte[] bytes = new byte[1536];
    for (int i = 0; i < bytes.length; i++) {
      bytes[i] = (byte) (i * factor + addend);
    }
    return bytes;
  }
}
