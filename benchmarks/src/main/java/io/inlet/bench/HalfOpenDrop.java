package io.inlet.bench;

import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One repetition of {@code bin/bench continuity}'s first part: a stream publishes for a few seconds, its
 * publisher is frozen ({@code SIGSTOP}: a half-open connection, open and silent), and a new publisher with
 * the same key tries on OBS's reconnect schedule until one is accepted. Off air is the longest pause
 * between two decoded frames after the freeze, from {@link DecodedFrameClock}.
 */
final class HalfOpenDrop {

  /** When OBS retries after a drop (its delay grows 1.5x per refusal), in seconds after the drop. */
  static final double[] OBS_RETRY_SECONDS = {2, 5, 9.5, 16, 26, 42};
  /** How long the last retry may take to show a decoded frame. */
  private static final double LAST_RETRY_WAIT_SECONDS = 10;
  private static final int STEADY_SECONDS = 4;

  /** What happened to one retry: accepted, refused (ffmpeg exited: its last log line), or neither. */
  record Attempt(double atSeconds, boolean accepted, String outcome) {}

  /**
   * @param acceptedAttempt 1-based number of the accepted retry, 0 when none was
   * @param offAirSeconds the longest pause between decoded frames after the freeze (NaN without a resume)
   * @param lastFrameAfterDropSeconds when the last frame before that pause left the decoder, after the freeze
   * @param firstFrameAfterRetrySeconds when the new session's first frame left the decoder, after the retry's start
   * @param ptsJumpMs the step of the stream's timeline from the old session's last frame to the new one's first
   * @param heldBack old frames that left the decoder only after the pause (see {@link FrameGaps.Resume})
   */
  record Result(String name, List<Attempt> attempts, int acceptedAttempt, double offAirSeconds,
      double lastFrameAfterDropSeconds, double firstFrameAfterRetrySeconds, long ptsJumpMs, int heldBack, boolean sameId,
      long publishesBefore, long publishesAfter, String stateAfter) {}

  private HalfOpenDrop() {}

  static Result run(EmbeddedNode node, Path clip, String name, String key, Path work) throws Exception {
    DecodedFrameClock.Frames frames = DecodedFrameClock.watch(name);
    LivePublisher first = LivePublisher.start(clip, node.rtmpPort(), key, work.resolve(name + "-0.log"));
    LivePublisher accepted = null;
    try {
      frames.awaitAfter(first.startedNanos, 30);
      Thread.sleep(STEADY_SECONDS * 1000L);
      JsonObject before = node.stream(name);
      first.freeze();
      long dropNanos = System.nanoTime();
      List<Attempt> attempts = new ArrayList<>();
      for (int i = 0; i < OBS_RETRY_SECONDS.length && accepted == null; i++) {
        sleepUntil(dropNanos + seconds(OBS_RETRY_SECONDS[i]));
        double until = i + 1 < OBS_RETRY_SECONDS.length ? OBS_RETRY_SECONDS[i + 1]
            : OBS_RETRY_SECONDS[i] + LAST_RETRY_WAIT_SECONDS;
        LivePublisher retry = LivePublisher.start(clip, node.rtmpPort(), key, work.resolve(name + "-" + (i + 1) + ".log"));
        Attempt attempt = attempt(retry, frames, OBS_RETRY_SECONDS[i], dropNanos + seconds(until));
        attempts.add(attempt);
        if (attempt.accepted()) {
          accepted = retry;
        } else {
          retry.kill();
        }
      }
      Thread.sleep(2000);
      JsonObject after = node.stream(name);
      return result(name, attempts, accepted, frames, dropNanos, before, after);
    } finally {
      first.thawAndKill();
      node.endStream(name);
      if (accepted != null) {
        accepted.kill();
      }
      DecodedFrameClock.unwatch(name);
    }
  }

  /** Waits until the retry shows a decoded frame (accepted), exits (refused), or the deadline passes. */
  private static Attempt attempt(LivePublisher retry, DecodedFrameClock.Frames frames, double at, long deadline)
      throws InterruptedException {
    while (System.nanoTime() < deadline) {
      if (frames.countAfter(retry.startedNanos) > 0) {
        return new Attempt(at, true, "accepted");
      }
      if (!retry.alive()) {
        return new Attempt(at, false, "refused (ffmpeg exit " + retry.exitValue() + ": " + retry.failure() + ")");
      }
      Thread.sleep(20);
    }
    return new Attempt(at, false, "no frame decoded and no exit before the next retry");
  }

  private static Result result(String name, List<Attempt> attempts, LivePublisher accepted,
      DecodedFrameClock.Frames frames, long dropNanos, JsonObject before, JsonObject after) {
    int acceptedAttempt = accepted == null ? 0 : attempts.size();
    FrameGaps.Resume resume = accepted == null ? null : FrameGaps.resume(frames.snapshot(), dropNanos, Long.MAX_VALUE);
    long publishesBefore = before == null ? -1 : before.getLong("publishes", -1L);
    long publishesAfter = after == null ? -1 : after.getLong("publishes", -1L);
    boolean sameId = before != null && after != null && before.getString("id").equals(after.getString("id"));
    String state = after == null ? "gone (404)" : after.getString("state");
    if (resume == null) {
      return new Result(name, attempts, acceptedAttempt, Double.NaN, Double.NaN, Double.NaN, -1, 0, sameId,
          publishesBefore, publishesAfter, state);
    }
    return new Result(name, attempts, acceptedAttempt, resume.offAirSeconds(),
        (resume.lastBefore().nanos() - dropNanos) / 1e9, (resume.firstNew().nanos() - accepted.startedNanos) / 1e9,
        resume.ptsJumpMs(), resume.heldBack(), sameId, publishesBefore, publishesAfter, state);
  }

  static void print(int repetition, Result r) {
    for (Attempt a : r.attempts()) {
      if (!a.accepted()) {
        System.out.printf("    retry at %4.1f s: %s%n", a.atSeconds(), a.outcome());
      }
    }
    if (r.acceptedAttempt() == 0) {
      System.out.printf("  rep %2d %s: NO retry accepted; state %s%n", repetition, r.name(), r.stateAfter());
      return;
    }
    System.out.printf("  rep %2d %s: retry %d (at %.1f s) accepted; off air %.2f s (last frame %+.2f s after the"
            + " freeze, first new frame %.2f s after the retry started); pts jump %d ms, %d old frames released by the resume; id %s,"
            + " publishes %d -> %d, %s%n",
        repetition, r.name(), r.acceptedAttempt(), OBS_RETRY_SECONDS[r.acceptedAttempt() - 1], r.offAirSeconds(),
        r.lastFrameAfterDropSeconds(), r.firstFrameAfterRetrySeconds(), r.ptsJumpMs(), r.heldBack(), r.sameId() ? "kept" : "CHANGED",
        r.publishesBefore(), r.publishesAfter(), r.stateAfter());
  }

  private static long seconds(double seconds) {
    return (long) (seconds * 1e9);
  }

  static void sleepUntil(long nanos) throws InterruptedException {
    long wait = nanos - System.nanoTime();
    if (wait > 0) {
      Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
    }
  }
}
