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

  /** The largest useful chunk size: a chunk never carries more than one message, whose length has 24 bits. */
  public static final int DEFAULT_MAX_CHUNK_SIZE = 0xFFFFFF;
  /** Far above any keyframe a publisher sends: 8 MiB is about 20 s of a 3 Mbit/s stream. */
  public static final int DEFAULT_MAX_MESSAGE_SIZE = 8 * 1024 * 1024;
  /** Publishers use a handful of chunk streams (control, command, audio, video, data). */
  public static final int DEFAULT_MAX_CHUNK_STREAMS = 64;
  public static final int DEFAULT_MAX_PENDING_BYTES = 16 * 1024 * 1024;

  public static final ChunkLimits DEFAULTS = new ChunkLimits(
      DEFAULT_MAX_CHUNK_SIZE, DEFAULT_MAX_MESSAGE_SIZE, DEFAULT_MAX_CHUNK_STREAMS, DEFAULT_MAX_PENDING_BYTES);

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
