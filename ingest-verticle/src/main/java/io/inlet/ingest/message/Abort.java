package io.inlet.ingest.message;

import io.inlet.ingest.ProtocolException;
import io.netty.buffer.ByteBuf;

/** Abort (5.4.2): drop the partial message of one chunk stream, 2..65599. */
public record Abort(int chunkStreamId) implements RtmpMessage {

  private static final int MIN_CHUNK_STREAM_ID = 2;
  private static final int MAX_CHUNK_STREAM_ID = 65599;

  public Abort {
    if (!isChunkStream(chunkStreamId)) {
      throw new IllegalArgumentException("chunk stream id must be 2..65599: " + chunkStreamId);
    }
  }

  /** Parses a payload without moving its reader index. */
  public static Abort parse(ByteBuf payload) {
    long chunkStreamId = Uint32.parse(payload, "Abort");
    if (!isChunkStream(chunkStreamId)) {
      throw ProtocolException.malformed(
          "Abort names chunk stream " + chunkStreamId + ", outside 2..65599");
    }
    return new Abort((int) chunkStreamId);
  }

  public ByteBuf encode() {
    return Uint32.encode(chunkStreamId);
  }

  @Override
  public int typeId() {
    return MessageType.ABORT;
  }

  private static boolean isChunkStream(long id) {
    return id >= MIN_CHUNK_STREAM_ID && id <= MAX_CHUNK_STREAM_ID;
  }
}
