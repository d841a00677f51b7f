package io.inlet.decode.stream;

import io.inlet.decode.sink.VideoFrame;

/**
 * Remembers when each recent packet arrived on the ingest socket, by pts, so that a frame coming out
 * of the decoder (possibly reordered, for B-frames) finds its packet's arrival time. A small ring:
 * a decoder holds at most a few frames back. Times are {@code System.nanoTime()} readings, which may
 * be any long (negative too), so "unknown" is the one value no reading takes in practice.
 */
final class ArrivalTimes {

  /** No arrival known (a replayed packet, or a frame whose packet fell out of the ring). */
  static final long UNKNOWN = VideoFrame.UNKNOWN_ARRIVAL;

  private static final int SIZE = 128;
  private final long[] pts = new long[SIZE];
  private final long[] arrivals = new long[SIZE];
  private int next;

  ArrivalTimes() {
    java.util.Arrays.fill(pts, Long.MIN_VALUE);
  }

  void put(long ptsMillis, long receivedAtNanos) {
    pts[next] = ptsMillis;
    arrivals[next] = receivedAtNanos;
    next = (next + 1) % SIZE;
  }

  /** The arrival time recorded for this pts, or {@link #UNKNOWN}. */
  long take(long ptsMillis) {
    for (int i = 0; i < SIZE; i++) {
      int at = (next - 1 - i + SIZE) % SIZE;
      if (pts[at] == ptsMillis) {
        pts[at] = Long.MIN_VALUE;
        return arrivals[at];
      }
    }
    return UNKNOWN;
  }
}
