package io.inlet.ingest.handshake;

import java.nio.charset.StandardCharsets;
import javax.crypto.spec.SecretKeySpec;

/**
 * The well-known keys of the Flash Player / Flash Media Server digest handshake. They are not
 * secrets: every RTMP peer (FFmpeg, librtmp, SRS, nginx-rtmp) carries the same bytes. Only the
 * printable prefix signs C1 and S1; the full key (prefix plus 32 fixed bytes) derives the keys that
 * sign S2 and C2.
 */
final class HandshakeKeys {

  static final String HMAC_ALGORITHM = "HmacSHA256";

  /** The 32 bytes both keys share after their printable prefix. */
  private static final int[] SHARED_SUFFIX = {
    0xF0, 0xEE, 0xC2, 0x4A, 0x80, 0x68, 0xBE, 0xE8, 0x2E, 0x00, 0xD0, 0xD1, 0x02, 0x9E, 0x7E, 0x57,
    0x6E, 0xEC, 0x5D, 0x2D, 0x29, 0x80, 0x6F, 0xAB, 0x93, 0xB8, 0xE6, 0x36, 0xCF, 0xEB, 0x31, 0xAE
  };

  private static final String CLIENT_PREFIX = "Genuine Adobe Flash Player 001";
  private static final String SERVER_PREFIX = "Genuine Adobe Flash Media Server 001";

  /** Signs C1: the 30-byte "Genuine Adobe Flash Player 001". */
  static final SecretKeySpec CLIENT_PUBLIC = key(CLIENT_PREFIX, false);

  /** Signs S1: the 36-byte "Genuine Adobe Flash Media Server 001". */
  static final SecretKeySpec SERVER_PUBLIC = key(SERVER_PREFIX, false);

  /** The full 68-byte server key; HMAC(it, client digest) is the key that signs S2. */
  static final SecretKeySpec SERVER_FULL = key(SERVER_PREFIX, true);

  private HandshakeKeys() {}

  private static SecretKeySpec key(String prefix, boolean withSuffix) {
    byte[] printable = prefix.getBytes(StandardCharsets.US_ASCII);
    byte[] bytes = new byte[printable.length + (withSuffix ? SHARED_SUFFIX.length : 0)];
    System.arraycopy(printable, 0, bytes, 0, printable.length);
    if (withSuffix) {
      for (int i = 0; i < SHARED_SUFFIX.length; i++) {
        bytes[printable.length + i] = (byte) SHARED_SUFFIX[i];
      }
    }
    // SecretKeySpec copies the array, so the constants cannot be altered through it.
    return new SecretKeySpec(bytes, HMAC_ALGORITHM);
  }
}
