package io.inlet.ingest.flv;

import io.inlet.ingest.ByteCursor;
/**
 * Enhanced RTMP v2 ModEx prefixes, shared by audio and video: packet type 7 says "a modifier
 * follows", then the real packet type comes after the modifier's data. The only modifier defined
 * so far, TimestampOffsetNano, adjusts presentation time by under a millisecond, below the
 * resolution the rest of Inlet works at, so the data is skipped rather than kept.
 */
final class ModEx {

  /** The packet type value that means ModEx, in both AudioPacketType and VideoPacketType. */
  static final int PACKET_TYPE = 7;

  /**
   * More prefixes than this in one message is a peer looping us, not a feature: only one modifier
   * type exists today.
   */
  static final int MAX_PREFIXES = 8;

  private ModEx() {}

  /** Skips any ModEx prefixes and returns the packet type that follows them. */
  static int skip(ByteCursor reader, int packetType) {
    int prefixes = 0;
    while (packetType == PACKET_TYPE) {
      if (++prefixes > MAX_PREFIXES) {
        throw reader.limitExceeded("has more than " + MAX_PREFIXES + " ModEx prefixes");
      }
      int size = reader.u8("ModEx data size") + 1;
      if (size == 256) {
        // 256 is the escape: a 16-bit size follows for larger modifier data.
        size = reader.u16("ModEx extended data size") + 1;
      }
      reader.skip(size, "ModEx data");
      packetType = reader.u8("ModEx type and packet type") & 0x0F;
    }
    return packetType;
  }
}
