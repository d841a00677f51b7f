package io.inlet.ingest.flv;

import io.inlet.ingest.ByteCursor;
/**
 * The Enhanced RTMP v2 multitrack body, shared by audio and video: a header byte (AvMultitrackType
 * in the high nibble, the packet type every track shares in the low one), the FourCC once unless
 * each track has its own codec, then per track [FourCC] trackId [UI24 size] body. A OneTrack body
 * runs to the end of the message; the others are sized so a reader can skip a track it does not
 * want.
 */
final class Multitrack {

  static final int ONE_TRACK = 0;
  static final int MANY_TRACKS = 1;
  static final int MANY_TRACKS_MANY_CODECS = 2;

  /** Far more than any real publish uses, and small enough that one message cannot flood us. */
  static final int MAX_TRACKS = 16;

  /** The multitrack header byte, split. */
  record Header(int multitrackType, int packetType) {}

  /** Receives one track's part of the message. */
  @FunctionalInterface
  interface TrackVisitor {
    void visit(int fourCc, int trackId, ByteCursor body);
  }

  private Multitrack() {}

  /**
   * Reads the header byte. The shared packet type cannot be Multitrack again or ModEx (the spec
   * puts ModEx before Multitrack); the caller passes its own values for those.
   */
  static Header readHeader(ByteCursor reader, int multitrackPacketType) {
    int header = reader.u8("multitrack header");
    int type = header >>> 4;
    int packetType = header & 0x0F;
    if (type > MANY_TRACKS_MANY_CODECS) {
      throw reader.malformed("uses reserved multitrack type " + type);
    }
    if (packetType == multitrackPacketType || packetType == ModEx.PACKET_TYPE) {
      throw reader.malformed("nests packet type " + packetType + " inside a multitrack message");
    }
    return new Header(type, packetType);
  }

  /** Visits every track until the message is consumed; at least one track must be present. */
  static void forEachTrack(ByteCursor reader, int multitrackType, TrackVisitor visitor) {
    boolean codecPerTrack = multitrackType == MANY_TRACKS_MANY_CODECS;
    int sharedFourCc = codecPerTrack ? 0 : reader.i32("multitrack FourCC");
    int tracks = 0;
    do {
      if (++tracks > MAX_TRACKS) {
        throw reader.limitExceeded("carries more than " + MAX_TRACKS + " tracks");
      }
      int fourCc = codecPerTrack ? reader.i32("track FourCC") : sharedFourCc;
      int trackId = reader.u8("track id");
      ByteCursor body =
          multitrackType == ONE_TRACK
              ? reader.subRest()
              : reader.sub(reader.u24("track size"), "track body");
      visitor.visit(fourCc, trackId, body);
    } while (reader.hasMore());
  }
}
