package io.inlet.ingest.message;

import io.inlet.ingest.ProtocolException;
import io.netty.buffer.ByteBuf;

/**
 * Set Chunk Size (5.4.1): the largest chunk payload the sender uses from its next chunk on. A
 * 31-bit size of at least 1: the spec reserves the top bit, and a zero size means nothing.
 */
public record SetChunkSize(int size) implements RtmpMessage {

  public SetChunkSize {
    if (size < 1) {
      throw new IllegalArgumentException("chunk size must be 1..2147483647: " + size);
    }
  }

  /** Parses a payload without moving its reader index. */
  public static SetChunkSize parse(ByteBuf payload) {
    long size = Uint32.parse(payload, "Set Chunk Size");
    if (size > Integer.MAX_VALUE) {
      throw ProtocolException.malformed("Set Chunk Size has its reserved top bit set");
    }
    if (size == 0) {
      throw ProtocolException.malformed("Set Chunk Size of 0 is below the minimum of 1");
    }
    return new SetChunkSize((int) size);
  }

  public ByteBuf encode() {
    return Uint32.encode(size);
  }

  @Override
  public int typeId() {
    return MessageType.SET_CHUNK_SIZE;
  }
}
