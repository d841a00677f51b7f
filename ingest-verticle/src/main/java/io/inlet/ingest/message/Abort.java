package io.inlet.ingest.message;

import io.inlet.ingest.ByteCursor;
import io.inlet.ingest.ProtocolException;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

/** Abort (5.4.2): drop the partial message of one chunk stream, 2..65599. */
public record Abort(int chunkStreamId) implements RtmpMessage {

  private static final int MIN_CHUNK_STREAM_ID = 2;
  private static final int MAX_CHUNK_STREAM_ID = 65599;

  public Abort {
    if (chunkStreamId < MIN_CHUNK_STREAM_ID || chunkStreamId > MAX_CHUNK_STREAM_ID) {
      throw new IllegalArgumentException("chunk stream id must be 2..65599: " + chunkStreamId);
    }
  }

  /** Parses a payload without moving its reader index. */
  public static Abort parse(ByteBuf payload) {
    ByteCursor in = ByteCursor.over(payload, "Abort");
    in.requireLength(4);
    long chunkStreamId = in.u32("chunk stream id");
    if (chunkStreamId < MIN_CHUNK_STREAM_ID || chunkStreamId > MAX_CHUNK_STREAM_ID) {
      throw ProtocolException.malformed(
          "Abort names chunk stream " + chunkStreamId + ", outside 2..65599");
    }
    return new Abort((int) chunkStreamId);
  }

  public ByteBuf encode() {
    return Unpooled.buffer(4, 4).writeInt(chunkStreamId);
  }

  @Override
  public int typeId() {
    return MessageType.ABORT;
  }
}
