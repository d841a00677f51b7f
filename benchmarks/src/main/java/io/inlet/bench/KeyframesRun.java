package io.inlet.bench;

import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code bin/bench keyframes [N]}: what {@code --decode-frames keyframes} saves. One node with every role
 * (child JVM, bin/inlet's flags), the load generator publishing the 720p30 clip (a keyframe every 2 s):
 * first {@value #COMPARED} streams with {@code all}, then the same {@value #COMPARED} with
 * {@code keyframes} (node CPU per stream, and the ratio), then N streams with {@code keyframes} (default
 * 150, with {@code --decode-max-streams N}), each checked to decode every keyframe that arrived in the
 * window with no frame dropped.
 */
final class KeyframesRun {

  /** Streams in the all-against-keyframes comparison: well inside what a 2-core node decodes whole (18). */
  static final int COMPARED = 8;
  private static final int SETTLE_SECONDS = 20;
  /** The clip's GOP: -g 60 at 30 fps. */
  private static final double KEYFRAMES_PER_SECOND = 0.5;
  private static final double FRAMES_PER_SECOND = 30;

  private record Phase(String mode, ServerLoad load, int onTime, long dropped) {}

  private KeyframesRun() {}

  static void run(int monitored, int seconds) throws Exception {
    Path clip = Media.CLIP_10S.path();
    Path work = Files.createTempDirectory("inlet-bench-keyframes");
    System.out.printf("== keyframes: one node (ingest,auth,decode), the load generator publishing %s; %d s settling,"
        + " %d s measured per phase%n", clip.getFileName(), SETTLE_SECONDS, seconds);
    Phase all = phase(clip, COMPARED, "all", seconds, work);
    Phase keyframes = phase(clip, COMPARED, "keyframes", seconds, work);
    Phase many = phase(clip, monitored, "keyframes", seconds, work);
    System.out.println();
    System.out.println("== keyframes summary");
    for (Phase phase : List.of(all, keyframes, many)) {
      System.out.printf("  --decode-frames %-9s N=%-4d node %.2f %% of a core per stream (%.2f cores); %d of %d"
              + " streams decoded every %s in the window; %d frames dropped; RSS %.0f MB%n", phase.mode(),
          phase.load().n(), phase.load().cpuPerStream(), phase.load().serverCores(), phase.onTime(), phase.load().n(),
          "all".equals(phase.mode()) ? "frame" : "keyframe", phase.dropped(), phase.load().rss() / 1e6);
    }
    double ratio = keyframes.load().cpuPerStream() / all.load().cpuPerStream();
    System.out.printf("  CPU per stream, keyframes / all at N=%d: %.3f (goal <= 0.2: %s)%n", COMPARED, ratio,
        ratio <= 0.2 ? "meets" : "misses");
    boolean monitoredAll = many.onTime() == monitored && many.dropped() == 0;
    System.out.printf("  %d streams monitored on one node: %s (goal >= 150)%n", monitored,
        monitoredAll ? "every one decoded every keyframe" : "NOT every stream kept up");
  }

  private static Phase phase(Path clip, int n, String mode, int seconds, Path work) throws Exception {
    System.out.printf("-- %d streams, --decode-frames %s%n", n, mode);
    Path dir = Files.createDirectories(work.resolve(mode + n));
    try (NodeProcess node = NodeProcess.start("inlet-" + mode + "-" + n, "ingest,auth,decode", dir,
        List.of("--decode-frames", mode, "--decode-max-streams", String.valueOf(Math.max(64, n))))) {
      List<String> keys = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        keys.add(node.createKey(String.format("cam%03d", i)));
      }
      Thread.sleep(2000);
      long idleRss = Machine.rssBytes(node.pid());
      try (GeneratedPublishers publishers = GeneratedPublishers.start(clip, node.rtmpPort(), keys)) {
        PeersRun.awaitLive(node, n);
        Thread.sleep(SETTLE_SECONDS * 1000L);
        Map<String, long[]> before = counters(node);
        ServerLoad load = ServerLoad.measure("Inlet (all roles, --decode-frames " + mode + ")", n, seconds, idleRss,
            () -> Machine.jvmThreadTicks(node.pid()), () -> Machine.rssBytes(node.pid()), publishers);
        Map<String, long[]> after = counters(node);
        load.print();
        double rate = "all".equals(mode) ? FRAMES_PER_SECOND : KEYFRAMES_PER_SECOND;
        double expected = load.seconds() * rate;
        // Slack of one GOP and one report interval (the API's counters move every 0.5 s): the window's edges
        // fall anywhere in a GOP. A stream that cannot keep up falls behind by far more in 30 s.
        double slack = 2.5 * rate;
        int onTime = 0;
        long dropped = 0;
        long slowest = Long.MAX_VALUE;
        for (Map.Entry<String, long[]> stream : after.entrySet()) {
          long[] start = before.getOrDefault(stream.getKey(), new long[2]);
          long decoded = stream.getValue()[0] - start[0];
          dropped += stream.getValue()[1] - start[1];
          slowest = Math.min(slowest, decoded);
          if (decoded >= expected - slack) {
            onTime++;
          }
        }
        System.out.printf("  decoded in the window: %d of %d streams kept up (expected ~%.0f video frames each, the"
            + " slowest decoded %d); %d frames dropped; %s%n", onTime, n, expected, slowest, dropped, publishers.report());
        return new Phase(mode, load, onTime, dropped);
      }
    }
  }

  /** Per stream name: videoFramesDecoded and framesDropped, from GET /api/streams. */
  private static Map<String, long[]> counters(NodeProcess node) throws Exception {
    Map<String, long[]> counters = new HashMap<>();
    for (JsonObject stream : node.streams()) {
      JsonObject stats = stream.getJsonObject("stats", new JsonObject());
      counters.put(stream.getString("name"), new long[] {stats.getLong("videoFramesDecoded", 0L),
          stats.getLong("framesDropped", 0L)});
    }
    return counters;
  }
}
