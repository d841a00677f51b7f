package io.inlet.ingest.flv;

/**
 * RTMP's 32-bit millisecond clock turned into a 64-bit timeline: the first value is taken as is;
 * every next one adds the signed 32-bit difference from the previous raw value, so wrap-around at
 * 2^32 continues forward and a small backward step stays a small backward step.
 *
 * <p>FFmpeg's clock wraps at 2^31 instead: the FLV tag's time is a signed 32-bit value, so its muxer
 * clears the top bit, and its RTMP writer sends the tag's time as it is (2,147,483,647 is followed
 * by 0). A step from just below 2^31 to just above 0 (both raw values below 2^31, the signed
 * difference a backward step of more than 2^31 - {@value #WRAP_WINDOW_MS} ms) is that wrap; from
 * then on the publisher is known to count in 31 bits and each difference is read modulo 2^31, so
 * later wraps, and small steps back across one, follow the timeline too.
 *
 * <p>The consequence: a forward jump of 2^31 ms (about 24.8 days) or more between two messages is
 * read as a backward step (2^30 ms, about 12.4 days, once the clock is known to count in 31 bits),
 * and a backward jump of nearly 2^31 ms from the top of the 31-bit range to its bottom is read as
 * FFmpeg's wrap. RTMP itself cannot tell them apart. One instance per message stream and
 * direction; not thread-safe (it lives on one event loop).
 */
public final class TimelineExtender {

  /** How far from 2^31 and from 0 the two sides of an FFmpeg wrap may be: the 24-bit field's span, about 4.7 h. */
  static final long WRAP_WINDOW_MS = 0xFF_FFFFL;
  private static final long FFMPEG_WRAP = 1L << 31;

  private boolean started;
  private boolean countsIn31Bits;
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
      long step = (int) (rawTimestamp32 - previousRaw);
      if (!countsIn31Bits && rawTimestamp32 < FFMPEG_WRAP && previousRaw < FFMPEG_WRAP
          && step < -(FFMPEG_WRAP - WRAP_WINDOW_MS)) {
        countsIn31Bits = true;
      }
      if (countsIn31Bits) {
        // The same trick one bit narrower: shifting bit 30 into the sign bit and back sign-extends it.
        step = ((rawTimestamp32 - previousRaw) << 33) >> 33;
      }
      extended += step;
    }
    previousRaw = rawTimestamp32;
    return extended;
  }
}
