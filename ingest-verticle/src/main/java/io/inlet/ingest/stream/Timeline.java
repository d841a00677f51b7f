package io.inlet.ingest.stream;

/**
 * Keeps a stream's timeline one and increasing across its publisher sessions. A resumed publisher
 * starts its timestamps anew (FFmpeg and OBS start at 0), so each session's timestamps are shifted:
 * the first packet of a resumed session follows the last one before the gap by the gap's length on
 * this node's clock, and every later packet of that session, audio and video alike, moves by the
 * same amount (A/V sync is kept). A decoder cannot start in the middle of a GOP either: after a
 * resume, video frames are held back until the new session's first keyframe.
 */
final class Timeline {

  private long offsetMs;
  private long lastDts = Long.MIN_VALUE;
  /** Set by a resume: the next packet fixes the new session's offset. */
  private boolean rebasePending;
  private long gapStartNanos;
  private boolean awaitingKeyframe;

  /** A new publisher session continues the stream; its media stopped arriving at {@code lastMediaNanos}. */
  void resumed(long lastMediaNanos) {
    rebasePending = true;
    gapStartNanos = lastMediaNanos;
    awaitingKeyframe = true;
  }

  /**
   * Whether a packet can go on at all: after a resume, video frames before the first keyframe of the
   * new session cannot be decoded.
   */
  boolean admits(boolean videoFrame, boolean keyframe) {
    if (awaitingKeyframe && videoFrame) {
      if (!keyframe) {
        return false;
      }
      awaitingKeyframe = false;
    }
    return true;
  }

  /** The offset in milliseconds to add to a packet of the current session that arrived at {@code nowNanos}. */
  long offsetFor(long dts, long nowNanos) {
    if (rebasePending) {
      rebasePending = false;
      if (lastDts != Long.MIN_VALUE) {
        long gapMs = Math.max(0, (nowNanos - gapStartNanos) / 1_000_000);
        offsetMs = lastDts + gapMs - dts;
      }
    }
    return offsetMs;
  }

  /**
   * The stream continues here after another node handed it over: its last packet there had decode
   * time {@code lastDts}. The resume that follows ({@link #resumed}) places the new session after it.
   */
  void continueAfter(long lastDts) {
    this.lastDts = lastDts;
  }

  /** The decode time of the last packet handed on, or {@link Long#MIN_VALUE} before any. */
  long lastDts() {
    return lastDts;
  }

  /** Records a packet handed on, with its shifted decode time. */
  void handedOn(long shiftedDts) {
    lastDts = Math.max(lastDts, shiftedDts);
  }
}
