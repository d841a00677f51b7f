package io.inlet.ingest.chunk;

/**
 * Bounds on what one peer may make the {@link ChunkReader} hold. Every field is a hard limit: going
 * over it is a {@link io.inlet.ingest.ProtocolException}, since a well-behaved publisher never
 * comes near the defaults and a hostile one must not be able to make us allocate on its word.
 *
 * @param maxChunkSize largest inbound chunk size the peer may declare with Set Chunk Size
 * @param maxMessageSize largest message length a chunk header may declare
 * @param maxChunkStreams how many distinct chunk stream ids the peer may use over the connection
 * @param maxPendingBytes bytes that partially received messages may hold, summed over all streams
 */
public record ChunkLimits(int maxChunkSize, int maxMessageSize, int maxChunkStreams, int maxPendingBytes) {

  /** The chunk size every RTMP connection starts with, in both directions. */
  public static final int DEFAULT_CHUNK_SIZE = 128;

  public static final ChunkLimits DEFAULTS =
      new ChunkLimits(0xFFFFFF, 8 * 1024 * 1024, 64, 16 * 1024 * 1024);

  public ChunkLimits {
    // Below 128 even a compliant peer that never sends Set Chunk Size would break the limit.
    if (maxChunkSize < DEFAULT_CHUNK_SIZE) {
      throw new IllegalArgumentException("maxChunkSize must be at least 128: " + maxChunkSize);
    }
    if (maxMessageSize < 0) {
      throw new IllegalArgumentException("maxMessageSize must not be negative: " + maxMessageSize);
    }
    if (maxChunkStreams < 1) {
      throw new IllegalArgumentException("maxChunkStreams must be positive: " + maxChunkStreams);
    }
    if (maxPendingBytes < 0) {
      throw new IllegalArgumentException("maxPendingBytes must not be negative: " + maxPendingBytes);
    }
  }
}
