package io.inlet.ingest.stream;

/** What a stream's lifecycle counts: interruptions by how they ended, takeovers, gaps. */
public interface StreamMetrics {

  /** How an interruption ended: {@code resumed}, {@code expired} (the grace window closed) or {@code ended}. */
  void interruptionEnded(String outcome);

  /** A publisher session continued the stream after {@code gapMs} without media; {@code takeover}: from a live session. */
  void resumed(long gapMs, boolean takeover);
}
