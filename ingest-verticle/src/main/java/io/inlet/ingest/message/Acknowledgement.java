package io.inlet.ingest.message;

import io.netty.buffer.ByteBuf;

/** Acknowledgement (5.4.3): the sender's count of bytes received so far, mod 2^32. */
public record Acknowledgement(long sequenceNumber) implements RtmpMessage {

  public Acknowledgement {
    Uint32.require(sequenceNumber, "sequence number");
  }

  /** Parses a payload without moving its reader index. */
  public static Acknowledgement parse(ByteBuf payload) {
    return new Acknowledgement(Uint32.parse(payload, "Acknowledgement"));
  }

  public ByteBuf encode() {
    return Uint32.encode(sequenceNumber);
  }

  @Override
  public int typeId() {
    return MessageType.ACKNOWLEDGEMENT;
  }
}
