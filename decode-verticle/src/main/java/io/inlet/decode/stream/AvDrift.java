package io.inlet.decode.stream;

import io.inlet.bus.TrackKind;
import java.util.Arrays;

/**
 * How far audio has drifted from video, from the packets as they reach the decoder: for each track the
 * median, over the last {@link #WINDOW_NANOS}, of (arrival - decode timestamp), and the drift is
 * audio's median minus video's. Positive: audio arrives later than its timestamps say, relative to
 * video (a lagging audio encoder); 0 for a stream in step.
 *
 * <p>Why these choices. Decode timestamps, not presentation ones: packets arrive in decode order, so
 * (arrival - dts) is flat for an encoder in step, while pts adds each frame's composition offset
 * (tens of ms with B-frames). A median over seconds, not one sample: one late burst or one jittery
 * packet does not move it. A per-track offset, compared between tracks: a shift of both tracks at once
 * (a resumed publisher's timeline, re-based by the ingest side) moves both medians alike and leaves the
 * drift alone. Both windows end at the newest arrival of either track, so they cover the same span,
 * and a track that has gone silent for longer than the window no longer counts.
 */
final class AvDrift {

  static final long WINDOW_NANOS = 3_000_000_000L;
  /** Per track: 3 s of even 300 packets a second, far above any real audio or video packet rate. */
  static final int MAX_SAMPLES = 1024;
  private static final long NANOS_PER_MILLI = 1_000_000;

  private final Offsets video = new Offsets();
  private final Offsets audio = new Offsets();

  /** One live packet of {@code track}, arrived at {@code arrivalNanos}, with decode time {@code dtsMillis}. */
  void add(TrackKind track, long arrivalNanos, long dtsMillis) {
    (track == TrackKind.VIDEO ? video : audio).add(arrivalNanos, arrivalNanos - dtsMillis * NANOS_PER_MILLI);
  }

  /** The drift in milliseconds, or 0 while either track has no packet in the window. */
  long millis() {
    if (video.count == 0 || audio.count == 0) {
      return 0;
    }
    long since = Math.max(video.newestArrival, audio.newestArrival) - WINDOW_NANOS;
    double videoOffset = video.median(since);
    double audioOffset = audio.median(since);
    if (Double.isNaN(videoOffset) || Double.isNaN(audioOffset)) {
      return 0;
    }
    return Math.round((audioOffset - videoOffset) / NANOS_PER_MILLI);
  }

  /** One track's latest (arrival, arrival - dts) pairs, a ring of {@link #MAX_SAMPLES}. */
  private static final class Offsets {

    private final long[] arrivals = new long[MAX_SAMPLES];
    private final long[] offsets = new long[MAX_SAMPLES];
    private final long[] scratch = new long[MAX_SAMPLES];
    private int count;
    private int next;
    private long newestArrival = Long.MIN_VALUE;

    void add(long arrivalNanos, long offsetNanos) {
      arrivals[next] = arrivalNanos;
      offsets[next] = offsetNanos;
      next = (next + 1) % MAX_SAMPLES;
      count = Math.min(count + 1, MAX_SAMPLES);
      newestArrival = Math.max(newestArrival, arrivalNanos);
    }

    /** The median offset of the samples that arrived at or after {@code since}, or NaN if none did. */
    double median(long since) {
      int n = 0;
      for (int i = 0; i < count; i++) {
        if (arrivals[i] - since >= 0) {
          scratch[n++] = offsets[i];
        }
      }
      if (n == 0) {
        return Double.NaN;
      }
      Arrays.sort(scratch, 0, n);
      return n % 2 == 1 ? scratch[n / 2] : (scratch[n / 2 - 1] + (double) scratch[n / 2]) / 2;
    }
  }
}
