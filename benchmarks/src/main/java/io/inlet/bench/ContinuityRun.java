package io.inlet.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code bin/bench continuity [repetitions]}: an embedded node with bin/inlet's continuity defaults and
 * real ffmpeg publishers. Part 1: off air after a half-open drop while a new publisher retries on OBS's
 * schedule ({@link HalfOpenDrop}), with takeover (the default) and, for comparison, without
 * ({@code --publisher-takeover never}). Part 2: A/V drift and the timeline across 20 resumes
 * ({@link ResumeDrift}).
 */
final class ContinuityRun {

  private static final int WITHOUT_TAKEOVER_REPETITIONS = 3;
  private static final int RESUMES = 20;

  private ContinuityRun() {}

  static void run(int repetitions) throws Exception {
    Path clip = Media.CLIP_10S.path();
    Path work = Files.createTempDirectory("inlet-bench-continuity");
    Path hashDir = work.resolve("frame-hashes");
    System.out.printf("== continuity: embedded node (all roles, 127.0.0.1) with --idle-timeout-ms 10000"
        + " --takeover-idle-ms 1000 --reconnect-grace-ms 30000 --frame-hash-dir; publishers ffmpeg -re -stream_loop -1"
        + " -i %s -c copy -f flv; decoded-frame instants from a frame sink in the node's JVM (System.nanoTime at each"
        + " video frame handed to the sinks; frames every 33 ms); publisher logs and frame-hash files in %s%n",
        clip.getFileName(), work);

    System.out.printf("%n== part 1a: half-open drop (SIGSTOP), retries at %s s after it, --publisher-takeover idle,"
        + " %d repetitions, a fresh key each (load average %s)%n", retrySchedule(), repetitions, Machine.loadAverage());
    List<HalfOpenDrop.Result> idle;
    try (EmbeddedNode node = EmbeddedNode.start(work.resolve("data"), options("idle", hashDir))) {
      idle = drops(node, clip, "drop", repetitions, work);
      System.out.printf("%n== part 2: %d resumes of one stream (SIGKILL, new publisher with the same key at once,"
          + " %d s later GET /api/streams/NAME) (load average %s)%n", RESUMES, 3, Machine.loadAverage());
      printDrift(ResumeDrift.run(node, clip, "drift", node.createKey("drift"), RESUMES, hashDir, work));
    }

    System.out.printf("%n== part 1b: the same drop with --publisher-takeover never (only the idle timeout frees the"
        + " session), %d repetitions (load average %s)%n", WITHOUT_TAKEOVER_REPETITIONS, Machine.loadAverage());
    List<HalfOpenDrop.Result> never;
    try (EmbeddedNode node = EmbeddedNode.start(work.resolve("data-never"), options("never", hashDir))) {
      never = drops(node, clip, "never", WITHOUT_TAKEOVER_REPETITIONS, work);
    }
    System.out.println();
    summarize("takeover idle (default)", idle);
    summarize("takeover never", never);
  }

  private static String[] options(String takeover, Path hashDir) {
    return new String[] {"--idle-timeout-ms", "10000", "--takeover-idle-ms", "1000", "--publisher-takeover", takeover,
        "--reconnect-grace-ms", "30000", "--frame-hash-dir", hashDir.toString()};
  }

  private static List<HalfOpenDrop.Result> drops(EmbeddedNode node, Path clip, String prefix, int repetitions, Path work)
      throws Exception {
    List<HalfOpenDrop.Result> results = new ArrayList<>();
    for (int i = 1; i <= repetitions; i++) {
      String name = String.format("%s%02d", prefix, i);
      HalfOpenDrop.Result result = HalfOpenDrop.run(node, clip, name, node.createKey(name), work);
      HalfOpenDrop.print(i, result);
      results.add(result);
    }
    return results;
  }

  private static void summarize(String label, List<HalfOpenDrop.Result> results) {
    List<Double> offAir = results.stream().filter(r -> r.acceptedAttempt() > 0).map(HalfOpenDrop.Result::offAirSeconds)
        .toList();
    long firstRetry = results.stream().filter(r -> r.acceptedAttempt() == 1).count();
    long kept = results.stream().filter(r -> r.sameId() && r.publishesAfter() == 2 && "live".equals(r.stateAfter()))
        .count();
    StringBuilder attempts = new StringBuilder();
    results.forEach(r -> attempts.append(attempts.length() == 0 ? "" : ",").append(r.acceptedAttempt()));
    List<Double> ptsJump = results.stream().filter(r -> r.acceptedAttempt() > 0).map(r -> (double) r.ptsJumpMs()).toList();
    System.out.printf("continuity, %s: first retry (2 s) accepted in %d of %d; accepted retry per repetition %s;"
            + " off air median %.2f s, max %.2f s, min %.2f s; timeline jump median %.0f ms; same id, publishes 2, live"
            + " in %d of %d%n",
        label, firstRetry, results.size(), attempts, FrameGaps.median(offAir),
        offAir.stream().mapToDouble(d -> d).max().orElse(Double.NaN),
        offAir.stream().mapToDouble(d -> d).min().orElse(Double.NaN), FrameGaps.median(ptsJump), kept, results.size());
  }

  private static void printDrift(ResumeDrift.Result result) {
    List<ResumeDrift.Reading> resumed = result.readings().subList(1, result.readings().size());
    ResumeDrift.print(result.readings().get(0));
    List<Double> drift = resumed.stream().map(r -> (double) r.avDriftMs()).toList();
    List<Double> offAir = resumed.stream().map(ResumeDrift.Reading::offAirSeconds).toList();
    String firstId = result.readings().get(0).id();
    boolean sameId = result.readings().stream().allMatch(r -> firstId != null && firstId.equals(r.id()));
    ResumeDrift.Reading last = resumed.get(resumed.size() - 1);
    ResumeDrift.Timeline t = result.timeline();
    System.out.printf("continuity, resumes: avDriftMs after each of %d resumes min %.0f, median %.0f, max %.0f"
            + " (before the first %d); off air per resume median %.2f s, max %.2f s; publishes at the end %d, id %s%n",
        resumed.size(), drift.stream().mapToDouble(d -> d).min().orElse(Double.NaN), FrameGaps.median(drift),
        drift.stream().mapToDouble(d -> d).max().orElse(Double.NaN), result.readings().get(0).avDriftMs(),
        FrameGaps.median(offAir), offAir.stream().mapToDouble(d -> d).max().orElse(Double.NaN), last.publishes(),
        sameId ? "the same throughout" : "CHANGED");
    System.out.printf("continuity, timeline: frame-hash file %d lines (%d frames seen by the sinks), pts %s%n",
        t.lines(), t.decodedFrames(), t.notIncreasing() == 0 ? "strictly increasing across all resumes"
            : "NOT strictly increasing at " + t.notIncreasing() + " lines, e.g. " + t.examples());
  }

  private static String retrySchedule() {
    StringBuilder s = new StringBuilder();
    for (double at : HalfOpenDrop.OBS_RETRY_SECONDS) {
      s.append(s.length() == 0 ? "" : ", ").append(at == Math.rint(at) ? String.valueOf((int) at) : String.valueOf(at));
    }
    return s.toString();
  }
}
