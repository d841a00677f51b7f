package io.inlet.ingest.message;

import io.inlet.ingest.ByteCursor;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

/**
 * Set Peer Bandwidth (5.4.5): the output bandwidth the receiver should limit itself to.
 *
 * @param limitType {@link #LIMIT_HARD}, {@link #LIMIT_SOFT} or {@link #LIMIT_DYNAMIC}
 */
public record SetPeerBandwidth(long size, int limitType) implements RtmpMessage {

  public static final int LIMIT_HARD = 0;
  public static final int LIMIT_SOFT = 1;
  public static final int LIMIT_DYNAMIC = 2;

  public SetPeerBandwidth {
    Uint32.require(size, "bandwidth");
    if (limitType < LIMIT_HARD || limitType > LIMIT_DYNAMIC) {
      throw new IllegalArgumentException("limit type must be 0, 1 or 2: " + limitType);
    }
  }

  /** Parses a payload without moving its reader index. */
  public static SetPeerBandwidth parse(ByteBuf payload) {
    ByteCursor in = ByteCursor.over(payload, "Set Peer Bandwidth");
    in.requireLength(5);
    long size = in.u32("bandwidth");
    int limitType = in.u8("limit type");
    if (limitType > LIMIT_DYNAMIC) {
      throw in.malformed("uses limit type " + limitType + ", not 0, 1 or 2");
    }
    return new SetPeerBandwidth(size, limitType);
  }

  public ByteBuf encode() {
    return Unpooled.buffer(5, 5).writeInt((int) size).writeByte(limitType);
  }

  @Override
  public int typeId() {
    return MessageType.SET_PEER_BANDWIDTH;
  }
}
