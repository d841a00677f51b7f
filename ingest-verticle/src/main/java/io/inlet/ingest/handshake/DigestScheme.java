package io.inlet.ingest.handshake;

/**
 * Where a 1536-byte handshake packet carries its 32-byte digest. Flash-era peers use one of two
 * layouts; both store a 4-byte offset word whose byte sum, modulo 728, positions the digest inside
 * a 764-byte half of the packet. The server answers with the layout the client used, since some
 * clients only look for S1's digest where they put their own.
 */
enum DigestScheme {
  /** Offset word at bytes 8..11, digest starting in 12..739 (FFmpeg's and librtmp's default). */
  OFFSET_AT_8(8),
  /** Offset word at bytes 772..775, digest starting in 776..1503. */
  OFFSET_AT_772(772);

  static final int DIGEST_LENGTH = 32;
  /** 764-byte half, minus the 4-byte offset word and the 32-byte digest. */
  private static final int OFFSET_MODULUS = 728;

  private final int offsetWordPosition;

  DigestScheme(int offsetWordPosition) {
    this.offsetWordPosition = offsetWordPosition;
  }

  /**
   * The digest's position in {@code packet}, always in 12..739 or 776..1503, so the 32 digest
   * bytes fit inside the 1536-byte packet whatever the offset word holds.
   */
  int digestPosition(byte[] packet) {
    int sum = 0;
    for (int i = 0; i < 4; i++) {
      sum += packet[offsetWordPosition + i] & 0xFF;
    }
    return offsetWordPosition + 4 + sum % OFFSET_MODULUS;
  }
}
