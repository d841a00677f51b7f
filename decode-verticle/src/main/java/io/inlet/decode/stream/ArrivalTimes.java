package io.inlet.decode.stream;

/**
 * Remembers when each recent packet arrived on the ingest socket, by pts, so that a frame coming out
 * of the decoder (possibly reordered, for B-frames) finds its packet's arrival time. A small ring:
 * a decoder holds at most a few frames back.
 */
final class ArrivalTimes {

  private static final int SIZE = 128;
  private final long[] pts = new long[SIZE];
  private final long[] arrivals = new long[SIZE];
  private int next;

  ArrivalTimes() {
    java.util.Arrays.fill(pts, Long.MIN_VALUE);
  }

  void put(long ptsMillis, long receivedAtMicros) {
    pts[next] = ptsMillis;
    arrivals[next] = receivedAtMicros;
    next = (next + 1) % SIZE;
  }

  /** The arrival time recorded for this pts, or -1. */
  long take(long ptsMillis) {
    for (int i = 0; i < SIZE; i++) {
      int at = (next - 1 - i + SIZE) % SIZE;
      if (pts[at] == ptsMillis) {
        pts[at] = Long.MIN_VALUE;
        return arrivals[at];
      }
    }
    return -1;
  }
}
