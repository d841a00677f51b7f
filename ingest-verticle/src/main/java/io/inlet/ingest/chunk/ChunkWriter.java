package io.inlet.ingest.chunk;

import io.netty.buffer.ByteBuf;

/**
 * Splits outbound messages into chunks. Every message gets a full fmt 0 header and fmt 3
 * continuation chunks: the server sends few messages (control, command replies), so compressing
 * headers against the previous message is not worth the state.
 *
 * <p>Changing the chunk size here does not tell the peer: send a Set Chunk Size message first
 * (with the old size), then call {@link #setChunkSize}.
 */
public final class ChunkWriter {

  static final int MIN_CHUNK_STREAM_ID = 2;
  static final int MAX_CHUNK_STREAM_ID = 65599;
  private static final int MAX_MESSAGE_LENGTH = 0xFFFFFF;
  private static final long MAX_TIMESTAMP = 0xFFFFFFFFL;

  private int chunkSize = ChunkLimits.DEFAULT_CHUNK_SIZE;

  public ChunkWriter() {}

  /** Sets the outbound chunk size, 1..0x7FFFFFFF as the spec allows for Set Chunk Size. */
  public void setChunkSize(int size) {
    if (size < 1) {
      throw new IllegalArgumentException("chunk size must be 1..2147483647: " + size);
    }
    chunkSize = size;
  }

  public int chunkSize() {
    return chunkSize;
  }

  /**
   * Appends one message to {@code out} as chunks: a fmt 0 header, then fmt 3 continuation chunks.
   * A timestamp of 0xFFFFFF or more goes in the extended timestamp, repeated after every fmt 3
   * basic header as FFmpeg and librtmp expect. The readable bytes of {@code payload} are the body;
   * its reader index does not move.
   */
  public void write(
      ByteBuf out,
      int chunkStreamId,
      int typeId,
      long timestamp,
      int messageStreamId,
      ByteBuf payload) {
    checkArguments(chunkStreamId, typeId, timestamp, payload);
    int length = payload.readableBytes();
    boolean extended = timestamp >= ChunkHeader.EXTENDED_MARKER;
    int chunks = length == 0 ? 1 : (length + chunkSize - 1) / chunkSize;
    out.ensureWritable(18 + length + (chunks - 1) * (3 + (extended ? 4 : 0)));

    writeBasicHeader(out, 0, chunkStreamId);
    out.writeMedium(extended ? ChunkHeader.EXTENDED_MARKER : (int) timestamp);
    out.writeMedium(length);
    out.writeByte(typeId);
    out.writeIntLE(messageStreamId);
    if (extended) {
      out.writeInt((int) timestamp);
    }
    int offset = payload.readerIndex();
    int end = offset + length;
    while (true) {
      int n = Math.min(chunkSize, end - offset);
      out.writeBytes(payload, offset, n);
      offset += n;
      if (offset == end) {
        return;
      }
      writeBasicHeader(out, 3, chunkStreamId);
      if (extended) {
        out.writeInt((int) timestamp);
      }
    }
  }

  /** The shortest basic header form for the id, as the spec requires (5.3.1.1). */
  static void writeBasicHeader(ByteBuf out, int fmt, int chunkStreamId) {
    if (chunkStreamId < 64) {
      out.writeByte(fmt << 6 | chunkStreamId);
    } else if (chunkStreamId < 64 + 256) {
      out.writeByte(fmt << 6);
      out.writeByte(chunkStreamId - 64);
    } else {
      out.writeByte(fmt << 6 | 1);
      out.writeShortLE(chunkStreamId - 64);
    }
  }

  private static void checkArguments(
      int chunkStreamId, int typeId, long timestamp, ByteBuf payload) {
    if (chunkStreamId < MIN_CHUNK_STREAM_ID || chunkStreamId > MAX_CHUNK_STREAM_ID) {
      throw new IllegalArgumentException("chunk stream id must be 2..65599: " + chunkStreamId);
    }
    if (typeId < 0 || typeId > 255) {
      throw new IllegalArgumentException("type id must be 0..255: " + typeId);
    }
    if (timestamp < 0 || timestamp > MAX_TIMESTAMP) {
      throw new IllegalArgumentException("timestamp must be 0..2^32-1: " + timestamp);
    }
    if (payload.readableBytes() > MAX_MESSAGE_LENGTH) {
      throw new IllegalArgumentException(
          "message length must fit 24 bits: " + payload.readableBytes());
    }
  }
}
