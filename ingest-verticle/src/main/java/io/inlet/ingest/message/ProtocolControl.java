package io.inlet.ingest.message;

import io.inlet.ingest.ProtocolException;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

/**
 * Payloads of the protocol control messages (Adobe RTMP 1.0, section 5.4): builders for those the
 * server sends, parsers for those it receives. Parsers read from the reader index without moving
 * it, so the same payload can still be handed on; a wrong size or value is a ProtocolException.
 */
public final class ProtocolControl {

  public static final int LIMIT_HARD = 0;
  public static final int LIMIT_SOFT = 1;
  public static final int LIMIT_DYNAMIC = 2;

  private ProtocolControl() {}

  public static ByteBuf setChunkSize(int size) {
    if (size < 1) {
      throw new IllegalArgumentException("chunk size must be 1..2147483647: " + size);
    }
    return Unpooled.buffer(4, 4).writeInt(size);
  }

  public static ByteBuf abort(int chunkStreamId) {
    return Unpooled.buffer(4, 4).writeInt(chunkStreamId);
  }

  public static ByteBuf acknowledgement(long sequenceNumber) {
    Payloads.requireUint32(sequenceNumber, "sequence number");
    return Unpooled.buffer(4, 4).writeInt((int) sequenceNumber);
  }

  public static ByteBuf windowAckSize(long size) {
    Payloads.requireUint32(size, "window size");
    return Unpooled.buffer(4, 4).writeInt((int) size);
  }

  /** @param limitType {@link #LIMIT_HARD}, {@link #LIMIT_SOFT} or {@link #LIMIT_DYNAMIC} */
  public static ByteBuf setPeerBandwidth(long size, int limitType) {
    Payloads.requireUint32(size, "bandwidth");
    if (limitType < LIMIT_HARD || limitType > LIMIT_DYNAMIC) {
      throw new IllegalArgumentException("limit type must be 0, 1 or 2: " + limitType);
    }
    return Unpooled.buffer(5, 5).writeInt((int) size).writeByte(limitType);
  }

  /** A 31-bit size of at least 1: the spec reserves the top bit and a zero size means nothing. */
  public static int parseSetChunkSize(ByteBuf payload) {
    Payloads.requireLength(payload, 4, "Set Chunk Size");
    int size = payload.getInt(payload.readerIndex());
    if (size < 0) {
      throw new ProtocolException("Set Chunk Size has its reserved top bit set");
    }
    if (size == 0) {
      throw new ProtocolException("Set Chunk Size of 0 is below the minimum of 1");
    }
    return size;
  }

  /** The chunk stream whose partial message is to be dropped, 2..65599. */
  public static int parseAbort(ByteBuf payload) {
    Payloads.requireLength(payload, 4, "Abort");
    long chunkStreamId = payload.getUnsignedInt(payload.readerIndex());
    if (chunkStreamId < 2 || chunkStreamId > 65599) {
      throw new ProtocolException(
          "Abort names chunk stream " + chunkStreamId + ", outside 2..65599");
    }
    return (int) chunkStreamId;
  }

  /** The peer's count of bytes received so far, mod 2^32. */
  public static long parseAcknowledgement(ByteBuf payload) {
    Payloads.requireLength(payload, 4, "Acknowledgement");
    return payload.getUnsignedInt(payload.readerIndex());
  }

  /** The peer's window; 0 is taken to mean "no acknowledgements", as gortmplib does. */
  public static long parseWindowAckSize(ByteBuf payload) {
    Payloads.requireLength(payload, 4, "Window Acknowledgement Size");
    return payload.getUnsignedInt(payload.readerIndex());
  }
}
