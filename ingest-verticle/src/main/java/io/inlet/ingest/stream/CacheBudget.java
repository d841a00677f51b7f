package io.inlet.ingest.stream;

/**
 * The bytes every keyframe cache of a node may hold together ({@code --cache-max-node-bytes}): the
 * per-stream bounds alone let a node's heap grow with its stream count (1,000 streams x 8 MiB), this
 * puts one number on it. A cache that cannot take a packet from the budget drops its content and waits
 * for the next keyframe, as it does at its own bound: a decoder that takes such a stream over starts
 * at that keyframe instead of at once.
 *
 * <p>Not thread-safe: every stream of a node lives on the ingest verticle's event loop.
 */
final class CacheBudget {

  private final long maxBytes;
  /** Volatile: the metrics gauge reads it off the event loop. */
  private volatile long usedBytes;

  CacheBudget(long maxBytes) {
    this.maxBytes = maxBytes;
  }

  /** Takes {@code bytes} from the budget if they fit. */
  boolean take(long bytes) {
    if (usedBytes + bytes > maxBytes) {
      return false;
    }
    usedBytes += bytes;
    return true;
  }

  void give(long bytes) {
    usedBytes -= bytes;
  }

  long usedBytes() {
    return usedBytes;
  }
}
