package io.inlet.ingest.chunk;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

/**
 * What one chunk stream remembers between chunks: the last header's fields (which fmt 1, 2 and 3
 * chunks inherit) and the body of the message being assembled.
 */
final class ChunkStream {

  private static final long UINT32_MASK = 0xFFFFFFFFL;

  /**
   * Smallest first allocation for a body. The first allocation is sized by the bytes that have
   * actually arrived (not by the declared length, which costs a peer nothing to inflate), but not
   * below this, so small messages split across reads still get a single buffer.
   */
  private static final int MIN_INITIAL_CAPACITY = 4096;

  final int id;

  private boolean hasHeader;
  private int typeId;
  private int messageLength;
  private int messageStreamId;
  /** Absolute timestamp of the message in progress, or of the last one. */
  private long timestamp;
  /** What a fmt 3 chunk starting a new message adds to {@link #timestamp}. */
  private long delta;
  /** The last fmt 0/1/2 header's timestamp field was 0xFFFFFF, so fmt 3 chunks carry 4 bytes. */
  private boolean extendedTimestamp;

  private boolean inProgress;
  private ByteBuf body;
  private int received;

  ChunkStream(int id) {
    this.id = id;
  }

  boolean hasHeader() {
    return hasHeader;
  }

  boolean extendedTimestamp() {
    return extendedTimestamp;
  }

  boolean inProgress() {
    return inProgress;
  }

  int messageLength() {
    return messageLength;
  }

  int received() {
    return received;
  }

  int remaining() {
    return messageLength - received;
  }

  /**
   * Applies a chunk header. A chunk that starts a message (any chunk when none is in progress)
   * resolves its timestamp here; a fmt 3 chunk continuing a message changes nothing.
   *
   * <p>Timestamp rule, as FFmpeg and librtmp read and write it (and the spec's "same delta as the
   * preceding chunk"): every header's timestamp field becomes the stream's delta, a fmt 0 header's
   * absolute timestamp included, so a fmt 3 chunk after a fmt 0 one at 1000 starts a message at
   * 2000. gortmplib resets the delta to 0 after fmt 0 instead, but FFmpeg's writer sends fmt 3 in
   * exactly that case (next delta equal to the previous field), so we follow FFmpeg. When the last
   * field was 0xFFFFFF, a fmt 3 chunk starting a message carries the delta in its 4 extra bytes.
   */
  void applyHeader(ChunkHeader header) {
    switch (header.fmt()) {
      case 0 -> {
        typeId = header.typeId();
        messageLength = header.messageLength();
        messageStreamId = header.messageStreamId();
        timestamp = header.timestampOrDelta();
        delta = timestamp;
        extendedTimestamp = header.hasExtendedTimestamp();
      }
      case 1, 2 -> {
        if (header.fmt() == 1) {
          typeId = header.typeId();
          messageLength = header.messageLength();
        }
        delta = header.timestampOrDelta();
        timestamp = (timestamp + delta) & UINT32_MASK;
        extendedTimestamp = header.hasExtendedTimestamp();
      }
      default -> {
        if (!inProgress) {
          if (extendedTimestamp) {
            delta = header.extendedTimestamp();
          }
          timestamp = (timestamp + delta) & UINT32_MASK;
        }
        // On a continuation chunk the 4 repeated bytes carry nothing new: ignore them.
      }
    }
    hasHeader = true;
    if (!inProgress) {
      inProgress = true;
      received = 0;
    }
  }

  /**
   * Copies {@code n} payload bytes from {@code in}. The body is allocated on the first bytes,
   * sized by what {@code in} holds (capped at the message length), and grows by doubling, so a
   * message that arrives whole costs one allocation and a declared one that never comes costs none.
   */
  void append(ByteBuf in, int n) {
    if (body == null) {
      int initial = Math.min(messageLength, Math.max(in.readableBytes(), MIN_INITIAL_CAPACITY));
      body = Unpooled.buffer(initial, messageLength);
    }
    body.writeBytes(in, n);
    received += n;
  }

  int allocated() {
    return body == null ? 0 : body.capacity();
  }

  boolean complete() {
    return inProgress && received == messageLength;
  }

  /** Hands over the completed message and forgets its body. */
  RawMessage takeMessage() {
    ByteBuf payload = body == null ? Unpooled.EMPTY_BUFFER : body;
    RawMessage message = new RawMessage(id, typeId, timestamp, messageStreamId, payload);
    clearBody();
    return message;
  }

  /** Drops the message in progress (Abort); the header fields stay for the next chunk. */
  int abort() {
    int dropped = received;
    clearBody();
    return dropped;
  }

  private void clearBody() {
    body = null;
    received = 0;
    inProgress = false;
  }
}
