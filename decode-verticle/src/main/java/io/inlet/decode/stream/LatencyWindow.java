package io.inlet.decode.stream;

import java.util.Arrays;

/** The last {@link #SIZE} latency samples, for p50 and p99 without unbounded memory. */
final class LatencyWindow {

  static final int SIZE = 1024;
  private final long[] samples = new long[SIZE];
  private int count;
  private int next;

  void add(long micros) {
    samples[next] = micros;
    next = (next + 1) % SIZE;
    count = Math.min(count + 1, SIZE);
  }

  /** The q-quantile (0..1) in milliseconds, with one decimal, or 0 without samples. */
  double quantileMillis(double q) {
    if (count == 0) {
      return 0;
    }
    long[] sorted = Arrays.copyOf(samples, count);
    Arrays.sort(sorted);
    int index = (int) Math.min(count - 1, Math.ceil(q * count) - 1);
    return Math.round(sorted[Math.max(0, index)] / 100.0) / 10.0;
  }
}
