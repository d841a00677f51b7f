package io.inlet.cluster.faults;

import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * How long a stream went without decoded frames, from samples of its decoded-frame counter taken
 * after a fault: the longest run of samples in which the counter did not move, measured from the
 * last sample before it that saw the counter move (or the fault) to the first one that saw it move
 * again. The counter comes with the decoders' reports (twice a second), so the figure is good to
 * about half a second.
 */
final class OffAir {

  private record Sample(long atNanos, long decoded) {}

  private final long faultAtNanos;
  private final List<Sample> samples = new ArrayList<>();

  OffAir(long faultAtNanos, long decodedAtFault) {
    this.faultAtNanos = faultAtNanos;
    samples.add(new Sample(faultAtNanos, decodedAtFault));
  }

  /** Samples {@code decoded} every {@code everyMs} until it has gone up by {@code frames} after a stall, or {@code timeoutMs}. */
  static OffAir sample(long faultAtNanos, LongSupplier decoded, long frames, long everyMs, long timeoutMs)
      throws InterruptedException {
    OffAir offAir = new OffAir(faultAtNanos, decoded.getAsLong());
    while (System.nanoTime() - faultAtNanos < timeoutMs * 1_000_000 && !offAir.backFor(frames)) {
      Thread.sleep(everyMs);
      offAir.samples.add(new Sample(System.nanoTime(), decoded.getAsLong()));
    }
    return offAir;
  }

  /** Milliseconds of the longest stall; -1 if the counter never moved again after one. */
  long stallMillis() {
    long[] stall = longestStall();
    return stall == null ? -1 : (stall[1] - stall[0]) / 1_000_000;
  }

  /** Milliseconds from the fault to the first sample that saw frames decoded again after the stall; -1 if none. */
  long backAfterMillis() {
    long[] stall = longestStall();
    return stall == null ? -1 : (stall[1] - faultAtNanos) / 1_000_000;
  }

  private boolean backFor(long frames) {
    long[] stall = longestStall();
    return stall != null && samples.get(samples.size() - 1).decoded() >= stall[2] + frames;
  }

  /** {start, end, decoded at the end} of the longest flat run that ended with the counter moving; null if none. */
  private long[] longestStall() {
    long[] longest = null;
    int runStart = 0;
    for (int i = 1; i < samples.size(); i++) {
      if (samples.get(i).decoded() != samples.get(i - 1).decoded()) {
        long start = samples.get(runStart).atNanos();
        long end = samples.get(i).atNanos();
        if (i - 1 > runStart && (longest == null || end - start > longest[1] - longest[0])) {
          longest = new long[] {start, end, samples.get(i).decoded()};
        }
        runStart = i;
      }
    }
    return longest;
  }
}
