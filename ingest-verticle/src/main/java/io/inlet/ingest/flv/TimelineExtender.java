package io.inlet.ingest.flv;

/**
 * RTMP's 32-bit millisecond clock turned into a 64-bit timeline: the first value is taken as is;
 * every next one adds the signed 32-bit difference from the previous raw value, so wrap-around at
 * 2^32 continues forward and a small backward step stays a small backward step.
 *
 * <p>The consequence: a forward jump of 2^31 ms (about 24.8 days) or more between two messages is
 * read as a backward step. RTMP itself cannot tell the two apart. One instance per message stream
 * and direction; not thread-safe (it lives on one event loop).
 */
public final class TimelineExtender {

  private boolean started;
  private long previousRaw;
  private long extended;

  /**
   * The 64-bit time of rawTimestamp32.
   *
   * @throws IllegalArgumentException if rawTimestamp32 is outside 0..2^32-1 (a caller bug)
   */
  public long extend(long rawTimestamp32) {
    if (rawTimestamp32 < 0 || rawTimestamp32 > 0xFFFF_FFFFL) {
      throw new IllegalArgumentException("not a 32-bit timestamp: " + rawTimestamp32);
    }
    if (!started) {
      started = true;
      extended = rawTimestamp32;
    } else {
      // The cast to int is the whole trick: it reads the difference modulo 2^32 as signed.
      extended += (int) (rawTimestamp32 - previousRaw);
    }
    previousRaw = rawTimestamp32;
    return extended;
  }
}
