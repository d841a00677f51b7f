package io.inlet.ingest.chunk;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

/**
 * Decodes one chunk header at a time from bytes that arrive in arbitrary splits. A header is at
 * most 18 bytes, read in four stages (basic header byte, extra chunk stream id bytes, message
 * header, extended timestamp); a stage whose bytes have not all arrived is parked in a small
 * scratch buffer, so no partial read ever reaches past the readable bytes.
 */
final class ChunkHeaderDecoder {

  /** Whether a type-3 chunk carries an extended timestamp depends on the stream's history. */
  interface History {
    /**
     * Called as soon as a basic header is decoded. Throws a ProtocolException when a fmt 1, 2 or 3
     * chunk names a chunk stream that has no previous header; otherwise returns whether a fmt 3
     * chunk on that stream carries the 4-byte extended timestamp.
     */
    boolean extendedTimestampOnType3(int fmt, int chunkStreamId);
  }

  private static final int[] MESSAGE_HEADER_LENGTH = {11, 7, 3, 0};
  private static final int LARGEST_STAGE = 11;

  private enum Stage { BASIC_HEADER, CHUNK_STREAM_ID, MESSAGE_HEADER, EXTENDED_TIMESTAMP }

  private final History history;
  private final ByteBuf scratch = Unpooled.buffer(LARGEST_STAGE, LARGEST_STAGE);

  private Stage stage = Stage.BASIC_HEADER;
  private int fmt;
  private int chunkStreamIdBytes;
  private int chunkStreamId;
  private int timestampField;
  private int messageLength;
  private int typeId;
  private int messageStreamId;
  private boolean extendedFollows;

  ChunkHeaderDecoder(History history) {
    this.history = history;
  }

  /**
   * Consumes header bytes from {@code in}, never more than the header needs. Returns the header
   * once complete, or null when {@code in} ran out first (the partial header is kept).
   */
  ChunkHeader decode(ByteBuf in) {
    while (true) {
      switch (stage) {
        case BASIC_HEADER -> {
          ByteBuf src = take(in, 1);
          if (src == null) {
            return null;
          }
          int first = src.readUnsignedByte();
          fmt = first >>> 6;
          chunkStreamId = first & 0x3F;
          // Ids 0 and 1 are not streams: they say the id continues in 1 or 2 more bytes.
          chunkStreamIdBytes = chunkStreamId == 0 ? 1 : chunkStreamId == 1 ? 2 : 0;
          stage = Stage.CHUNK_STREAM_ID;
        }
        case CHUNK_STREAM_ID -> {
          if (chunkStreamIdBytes > 0) {
            ByteBuf src = take(in, chunkStreamIdBytes);
            if (src == null) {
              return null;
            }
            chunkStreamId =
                64 + (chunkStreamIdBytes == 1 ? src.readUnsignedByte() : src.readUnsignedShortLE());
          }
          extendedFollows = history.extendedTimestampOnType3(fmt, chunkStreamId);
          stage = Stage.MESSAGE_HEADER;
        }
        case MESSAGE_HEADER -> {
          int length = MESSAGE_HEADER_LENGTH[fmt];
          if (length > 0) {
            ByteBuf src = take(in, length);
            if (src == null) {
              return null;
            }
            readMessageHeader(src);
          }
          stage = Stage.EXTENDED_TIMESTAMP;
        }
        case EXTENDED_TIMESTAMP -> {
          long extended = ChunkHeader.NO_EXTENDED_TIMESTAMP;
          if (extendedFollows) {
            ByteBuf src = take(in, 4);
            if (src == null) {
              return null;
            }
            extended = src.readUnsignedInt();
          }
          ChunkHeader header =
              new ChunkHeader(
                  fmt, chunkStreamId, timestampField, messageLength, typeId, messageStreamId,
                  extended);
          reset();
          return header;
        }
      }
    }
  }

  private void readMessageHeader(ByteBuf src) {
    timestampField = src.readUnsignedMedium();
    if (fmt <= 1) {
      messageLength = src.readUnsignedMedium();
      typeId = src.readUnsignedByte();
    }
    if (fmt == 0) {
      // The one little-endian field of the chunk header.
      messageStreamId = src.readIntLE();
    }
    extendedFollows = timestampField == ChunkHeader.EXTENDED_MARKER;
  }

  /**
   * Returns a buffer holding the next {@code n} bytes of the current stage: {@code in} itself when
   * they are all there and nothing is parked, else the scratch once it has collected them, else
   * null after parking what there was.
   */
  private ByteBuf take(ByteBuf in, int n) {
    if (!scratch.isReadable()) {
      scratch.clear();
      if (in.readableBytes() >= n) {
        return in;
      }
    }
    scratch.writeBytes(in, Math.min(n - scratch.readableBytes(), in.readableBytes()));
    return scratch.readableBytes() == n ? scratch : null;
  }

  private void reset() {
    stage = Stage.BASIC_HEADER;
    fmt = 0;
    chunkStreamIdBytes = 0;
    chunkStreamId = 0;
    timestampField = 0;
    messageLength = 0;
    typeId = 0;
    messageStreamId = 0;
    extendedFollows = false;
  }
}
