package io.inlet.ingest.chunk;

/**
 * One decoded chunk header (basic header, message header, optional extended timestamp), exactly
 * as it was on the wire: fields a format does not carry are zero, and nothing is resolved against
 * the chunk stream's previous header yet.
 *
 * @param fmt 0 (11-byte message header), 1 (7 bytes), 2 (3 bytes) or 3 (none)
 * @param chunkStreamId 2..65599
 * @param timestampField the 24-bit timestamp (fmt 0) or delta (fmt 1, 2); 0 for fmt 3
 * @param messageLength fmt 0 and 1 only
 * @param typeId fmt 0 and 1 only
 * @param messageStreamId fmt 0 only
 * @param extendedTimestamp the 4-byte extended timestamp, or {@link #NO_EXTENDED_TIMESTAMP}
 */
record ChunkHeader(
    int fmt,
    int chunkStreamId,
    int timestampField,
    int messageLength,
    int typeId,
    int messageStreamId,
    long extendedTimestamp) {

  /** The 24-bit value that says "the real timestamp follows in 4 more bytes". */
  static final int EXTENDED_MARKER = 0xFFFFFF;

  static final long NO_EXTENDED_TIMESTAMP = -1;

  boolean hasExtendedTimestamp() {
    return extendedTimestamp != NO_EXTENDED_TIMESTAMP;
  }

  /** The timestamp (fmt 0) or delta (fmt 1, 2, 3) this header carries, extended if present. */
  long timestampOrDelta() {
    return hasExtendedTimestamp() ? extendedTimestamp : timestampField;
  }
}
