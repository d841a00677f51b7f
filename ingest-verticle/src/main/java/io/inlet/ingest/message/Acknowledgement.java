package io.inlet.ingest.message;

import io.inlet.ingest.ByteCursor;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

/** Acknowledgement (5.4.3): the sender's count of bytes received so far, mod 2^32. */
public record Acknowledgement(long sequenceNumber) implements RtmpMessage {

  public Acknowledgement {
    Uint32.require(sequenceNumber, "sequence number");
  }

  /** Parses a payload without moving its reader index. */
  public static Acknowledgement parse(ByteBuf payload) {
    ByteCursor in = ByteCursor.over(payload, "Acknowledgement");
    in.requireLength(4);
    return new Acknowledgement(in.u32("sequence number"));
  }

  public ByteBuf encode() {
    return Unpooled.buffer(4, 4).writeInt((int) sequenceNumber);
  }

  @Override
  public int typeId() {
    return MessageType.ACKNOWLEDGEMENT;
  }
}
