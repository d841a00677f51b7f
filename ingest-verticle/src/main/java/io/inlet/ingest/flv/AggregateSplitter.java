package io.inlet.ingest.flv;

import io.inlet.ingest.ByteCursor;
import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits an RTMP Aggregate message (type 22) into its FLV tags: tag type, absolute 32-bit
 * timestamp (rebased so the first sub-tag's timestamp equals the aggregate message's timestamp,
 * per the RTMP spec), body slice. Bounds-checked; a sub-tag running past the payload →
 * ProtocolException.
 *
 * <p>Each sub-tag is an FLV tag (FLV spec v10.1 annex E.4.1) followed by its back pointer: type
 * UI8, data size UI24, timestamp UI24 + extended UI8 (the high byte), stream id UI24, body, UI32
 * previous tag size.
 */
public final class AggregateSplitter {

  /** One FLV tag of an aggregate. body is a slice of the aggregate payload (no copy). */
  public record SubTag(int typeId, long timestamp, ByteBuf body) {}

  private static final int TYPE_AUDIO = 8;
  private static final int TYPE_VIDEO = 9;
  private static final int TYPE_SCRIPT = 18;

  private AggregateSplitter() {}

  /**
   * Splits payload without moving its reader index. An empty payload has no tags.
   *
   * @param aggregateTimestamp the aggregate message's 32-bit timestamp
   * @throws io.inlet.ingest.ProtocolException if a sub-tag is truncated or not audio, video or
   *     script data
   */
  public static List<SubTag> split(ByteBuf payload, long aggregateTimestamp) {
    ByteCursor reader = ByteCursor.over(payload, "aggregate message");
    List<SubTag> tags = new ArrayList<>();
    long firstTimestamp = 0;
    while (reader.hasMore()) {
      // The low five bits are the type; the high bits (reserved, filter/encryption) must be zero,
      // which the check below enforces since no accepted type has them.
      int typeId = reader.u8("sub-tag type");
      if (typeId != TYPE_AUDIO && typeId != TYPE_VIDEO && typeId != TYPE_SCRIPT) {
        throw reader.malformed(
            "holds a sub-tag of type " + typeId + ", not audio (8), video (9) or script data (18)");
      }
      int size = reader.u24("sub-tag data size");
      long low = reader.u24("sub-tag timestamp");
      long high = reader.u8("sub-tag extended timestamp");
      long timestamp = (high << 24) | low;
      reader.u24("sub-tag stream id");
      ByteBuf body = reader.slice(size, "sub-tag body");
      // The back pointer's value is not checked: nothing here needs it, and players ignore it.
      reader.u32("sub-tag back pointer");
      if (tags.isEmpty()) {
        firstTimestamp = timestamp;
      }
      // Modulo 2^32, so a sub-tag clock that wraps, or one before the first, stays consistent.
      long rebased = (aggregateTimestamp + timestamp - firstTimestamp) & 0xFFFF_FFFFL;
      tags.add(new SubTag(typeId, rebased, body));
    }
    return tags;
  }
}
