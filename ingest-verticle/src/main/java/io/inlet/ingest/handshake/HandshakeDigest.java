package io.inlet.ingest.handshake;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HMAC-SHA256 arithmetic of the digest handshake: finding and checking C1's digest, placing S1's,
 * and signing S2. One instance holds one {@link Mac}, reused for every computation of a handshake
 * (Mac lookup is the expensive part; re-keying it is cheap). Not thread-safe, like the handshake.
 */
final class HandshakeDigest {

  private final Mac mac;

  HandshakeDigest() {
    try {
      mac = Mac.getInstance(HandshakeKeys.HMAC_ALGORITHM);
    } catch (GeneralSecurityException e) {
      // Every Java SE runtime must provide HmacSHA256; a JVM without it cannot run Inlet at all.
      throw new IllegalStateException("HmacSHA256 is not available in this JVM", e);
    }
  }

  /** The scheme whose digest in {@code c1} is valid under the client key, if any. */
  Optional<DigestScheme> findClientDigest(byte[] c1) {
    for (DigestScheme scheme : DigestScheme.values()) {
      int position = scheme.digestPosition(c1);
      byte[] expected = packetDigest(c1, position, HandshakeKeys.CLIENT_PUBLIC);
      if (MessageDigest.isEqual(expected, slice(c1, position, DigestScheme.DIGEST_LENGTH))) {
        return Optional.of(scheme);
      }
    }
    return Optional.empty();
  }

  /** The 32-byte digest stored in {@code packet} under {@code scheme}. */
  static byte[] digestIn(byte[] packet, DigestScheme scheme) {
    return slice(packet, scheme.digestPosition(packet), DigestScheme.DIGEST_LENGTH);
  }

  /**
   * Writes into {@code s1} its server digest under {@code scheme}, and returns it. The offset word
   * must already be in place, as the digest position depends on it.
   */
  byte[] placeServerDigest(byte[] s1, DigestScheme scheme) {
    int position = scheme.digestPosition(s1);
    byte[] digest = packetDigest(s1, position, HandshakeKeys.SERVER_PUBLIC);
    System.arraycopy(digest, 0, s1, position, digest.length);
    return digest;
  }

  /**
   * Signs {@code s2} in place: its last 32 bytes become HMAC(HMAC(full server key, client
   * digest), its first 1504 bytes), which is what a digest-handshake client checks.
   */
  void signS2(byte[] s2, byte[] clientDigest) {
    byte[] key = hmac(HandshakeKeys.SERVER_FULL, clientDigest, 0, clientDigest.length);
    int signedLength = s2.length - DigestScheme.DIGEST_LENGTH;
    byte[] signature =
        hmac(new SecretKeySpec(key, HandshakeKeys.HMAC_ALGORITHM), s2, 0, signedLength);
    System.arraycopy(signature, 0, s2, signedLength, signature.length);
  }

  /** HMAC over the whole packet except the 32 digest bytes at {@code position}. */
  private byte[] packetDigest(byte[] packet, int position, SecretKeySpec key) {
    init(key);
    mac.update(packet, 0, position);
    int after = position + DigestScheme.DIGEST_LENGTH;
    mac.update(packet, after, packet.length - after);
    return mac.doFinal();
  }

  private byte[] hmac(SecretKeySpec key, byte[] data, int offset, int length) {
    init(key);
    mac.update(data, offset, length);
    return mac.doFinal();
  }

  private void init(SecretKeySpec key) {
    try {
      mac.init(key);
    } catch (GeneralSecurityException e) {
      // Our keys are fixed, non-empty HmacSHA256 keys; rejecting one would be a JVM bug.
      throw new IllegalStateException("HmacSHA256 rejected a handshake key", e);
    }
  }

  private static byte[] slice(byte[] bytes, int offset, int length) {
    byte[] out = new byte[length];
    System.arraycopy(bytes, offset, out, 0, length);
    return out;
  }
}
