package io.inlet.bench;

import java.util.List;

/** How a resume looks in a stream's decoded video: the pause a viewer sees, and the step of the timeline. */
final class FrameGaps {

  /**
   * A resume as the decoder's output shows it.
   *
   * @param lastBefore the last frame before the longest pause in the decoder's output
   * @param afterPause the first frame after that pause
   * @param firstNew the first frame of the new session: where the pts take their largest step
   * @param ptsJumpMs that step (the re-based timeline's gap)
   * @param heldBack frames of the old session that came out only after the pause (the decoder's reorder
   *     delay holds the last frames of a GOP until more input comes)
   */
  record Resume(DecodedFrameClock.Frame lastBefore, DecodedFrameClock.Frame afterPause, DecodedFrameClock.Frame firstNew,
      long ptsJumpMs, int heldBack) {

    /** The pause between two decoded frames: off air. */
    double offAirSeconds() {
      return (afterPause.nanos() - lastBefore.nanos()) / 1e9;
    }
  }

  private FrameGaps() {}

  /** The resume whose pause ends in (from, to], or null when no frame left the decoder in that window. */
  static Resume resume(List<DecodedFrameClock.Frame> frames, long fromNanos, long toNanos) {
    int pause = -1;
    int jump = -1;
    for (int i = 1; i < frames.size(); i++) {
      DecodedFrameClock.Frame frame = frames.get(i);
      if (frame.nanos() <= fromNanos || frame.nanos() > toNanos) {
        continue;
      }
      if (pause < 0 || frame.nanos() - frames.get(i - 1).nanos() > frames.get(pause).nanos() - frames.get(pause - 1).nanos()) {
        pause = i;
      }
      if (jump < 0 || step(frames, i) > step(frames, jump)) {
        jump = i;
      }
    }
    if (pause < 0) {
      return null;
    }
    return new Resume(frames.get(pause - 1), frames.get(pause), frames.get(jump), step(frames, jump), jump - pause);
  }

  private static long step(List<DecodedFrameClock.Frame> frames, int i) {
    return frames.get(i).ptsMillis() - frames.get(i - 1).ptsMillis();
  }

  /** The median of {@code values}; NaN when empty. */
  static double median(List<Double> values) {
    List<Double> sorted = values.stream().sorted().toList();
    int n = sorted.size();
    if (n == 0) {
      return Double.NaN;
    }
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }
}
