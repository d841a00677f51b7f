package io.inlet.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * {@code bin/bench streams [N]}: N real-time 720p30 publishers on one embedded node; without N,
 * a search for the largest N with no frame dropped in the measured window and every stream decoding
 * at >= 29 fps (drops while the streams start are reported beside it):
 * 4, 8, 12, ... until one fails, then bisection, within a time budget.
 */
final class StreamsRun {

  private StreamsRun() {}

  static void run(Integer n, int seconds, int budgetSeconds) throws Exception {
    Path clip = Media.CLIP_10S.path();
    System.out.printf("== streams: embedded node (all roles, 127.0.0.1), publishers: ffmpeg -re -stream_loop -1 -i %s"
        + " -c copy -f flv rtmp://127.0.0.1:PORT/live/KEY; figures from GET /api/streams and /proc%n", clip.getFileName());
    if (n != null) {
      StreamLoad.print(StreamLoad.measure(clip, n, seconds));
      return;
    }
    long deadline = System.nanoTime() + budgetSeconds * 1_000_000_000L;
    long trialNanos = (seconds + StreamLoad.SETTLE_SECONDS + 15) * 1_000_000_000L;
    TreeMap<Integer, StreamLoad.Result> tried = new TreeMap<>();
    int pass = 0;
    int fail = Integer.MAX_VALUE;
    int next = 4;
    while (next > pass && next < fail && (tried.isEmpty() || System.nanoTime() + trialNanos < deadline)) {
      StreamLoad.Result result = StreamLoad.measure(clip, next, seconds);
      StreamLoad.print(result);
      tried.put(next, result);
      if (result.passes()) {
        pass = next;
      } else {
        fail = next;
      }
      next = fail == Integer.MAX_VALUE ? next + 4 : (pass + fail) / 2;
      if (tried.size() == 1 && !result.passes() && next == 4) {
        next = 2; // even 4 failed: look below
      }
    }
    summary(tried, pass, fail);
  }

  private static void summary(TreeMap<Integer, StreamLoad.Result> tried, int pass, int fail) {
    System.out.println();
    System.out.println("== streams search summary");
    System.out.println("   N  verdict  min fps  dropped (window / start-up)  worst p99 ms  node cores  publisher cores  others' cores");
    for (StreamLoad.Result r : tried.values()) {
      double others = Math.max(0, r.machineCores() - r.nodeCores() - r.publisherCores());
      System.out.printf("  %2d  %-7s  %7.1f  %10d / %-14d  %12.1f  %10.2f  %15.2f  %13.2f%n", r.n(),
          r.passes() ? "pass" : "FAIL", r.minFps(), r.droppedInWindow(), r.droppedAtStart(), r.worstP99(), r.nodeCores(),
          r.publisherCores(), others);
    }
    List<String> verdict = new ArrayList<>();
    verdict.add(pass > 0 ? "largest N without drops in the window: " + pass : "no N passed");
    verdict.add(fail == Integer.MAX_VALUE ? "no N failed within the budget (the limit is higher)" : "smallest failing N: " + fail);
    System.out.println("  " + String.join("; ", verdict));
  }
}
