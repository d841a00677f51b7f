package io.inlet.bench;

import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * One measured run: an embedded node, N real-time publishers of a clip, a settle time, then
 * {@code seconds} of measurement between two readings of {@code GET /api/streams} and /proc.
 */
final class StreamLoad {

  static final int SETTLE_SECONDS = 5;
  private static final int POLL_SECONDS = 10;

  /** One stream's figures over the measured window. */
  record StreamResult(String name, double decodedFps, double inFps, long droppedInWindow, long droppedTotal,
      double p50, double p99, double maxP99) {}

  /** The whole run: streams, the node JVM's, the publishers' and everyone else's CPU (in cores). */
  record Result(int n, int seconds, List<StreamResult> streams, int missing, double nodeCores, double publisherCores,
      double machineCores, String loadBefore, String loadAfter) {

    /** Steady state: every stream live, none dropped a frame in the measured window, all decoded >= 29 fps. */
    boolean passes() {
      return missing == 0 && streams.stream().allMatch(s -> s.droppedInWindow() == 0 && s.decodedFps() >= 29);
    }

    double minFps() {
      return streams.stream().mapToDouble(StreamResult::decodedFps).min().orElse(0);
    }

    long droppedInWindow() {
      return streams.stream().mapToLong(StreamResult::droppedInWindow).sum();
    }

    /** Dropped before the window: while the N streams started (and, in a fresh JVM, the natives loaded). */
    long droppedAtStart() {
      return streams.stream().mapToLong(s -> s.droppedTotal() - s.droppedInWindow()).sum();
    }

    double worstP99() {
      return streams.stream().mapToDouble(StreamResult::maxP99).max().orElse(0);
    }
  }

  /** Counters read at one instant. */
  private record Reading(long nanos, Map<String, JsonObject> stats, long nodeTicks, long publisherTicks,
      Machine.CpuTicks machine) {}

  private StreamLoad() {}

  static Result measure(Path clip, int n, int seconds) throws Exception {
    Path work = Files.createTempDirectory("inlet-bench-streams");
    String loadBefore = Machine.loadAverage();
    try (EmbeddedNode node = EmbeddedNode.start(work.resolve("data"))) {
      List<String> keys = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        keys.add(node.createKey(String.format("bench%02d", i)));
      }
      try (Publishers publishers = Publishers.start(clip, node.rtmpPort(), keys, work)) {
        awaitDecoding(node::streams, n, 30 + n);
        Thread.sleep(SETTLE_SECONDS * 1000L);
        Reading start = read(node, publishers);
        Map<String, Double> maxP99 = new HashMap<>();
        Reading end = start;
        for (int elapsed = 0; elapsed < seconds; elapsed += POLL_SECONDS) {
          Thread.sleep(Math.min(POLL_SECONDS, seconds - elapsed) * 1000L);
          end = read(node, publishers);
          end.stats().forEach((name, s) -> maxP99.merge(name, latency(s, "p99"), Math::max));
        }
        return result(n, seconds, start, end, maxP99, loadBefore);
      }
    } finally {
      deleteRecursively(work);
    }
  }

  /** Waits until {@code n} of the streams a node lists ({@code GET /api/streams}) have decoded a frame. */
  static void awaitDecoding(Callable<List<JsonObject>> streams, int n, int timeoutSeconds) throws Exception {
    long deadline = System.nanoTime() + timeoutSeconds * 1_000_000_000L;
    while (System.nanoTime() < deadline) {
      long decoding = streams.call().stream()
          .filter(s -> s.getJsonObject("stats").getLong("videoFramesDecoded", 0L) > 0).count();
      if (decoding >= n) {
        return;
      }
      Thread.sleep(500);
    }
    System.out.printf("  (warning: not all %d streams were decoding after %d s; measuring anyway)%n", n, timeoutSeconds);
  }

  private static Reading read(EmbeddedNode node, Publishers publishers) throws Exception {
    Map<String, JsonObject> stats = new HashMap<>();
    for (JsonObject stream : node.streams()) {
      if ("live".equals(stream.getString("state"))) {
        stats.put(stream.getString("name"), stream.getJsonObject("stats"));
      }
    }
    return new Reading(System.nanoTime(), stats, Machine.selfTicks(), publishers.ticks(), Machine.cpuTicks());
  }

  private static Result result(int n, int seconds, Reading start, Reading end, Map<String, Double> maxP99,
      String loadBefore) {
    double elapsed = (end.nanos() - start.nanos()) / 1e9;
    List<StreamResult> streams = new ArrayList<>();
    end.stats().forEach((name, b) -> {
      JsonObject a = start.stats().getOrDefault(name, new JsonObject());
      streams.add(new StreamResult(name,
          (b.getLong("videoFramesDecoded", 0L) - a.getLong("videoFramesDecoded", 0L)) / elapsed,
          (b.getLong("videoFramesIn", 0L) - a.getLong("videoFramesIn", 0L)) / elapsed,
          b.getLong("framesDropped", 0L) - a.getLong("framesDropped", 0L), b.getLong("framesDropped", 0L),
          latency(b, "p50"), latency(b, "p99"), maxP99.getOrDefault(name, 0.0)));
    });
    streams.sort((x, y) -> x.name().compareTo(y.name()));
    double ticks = elapsed * Machine.TICKS_PER_SECOND;
    int cores = Runtime.getRuntime().availableProcessors();
    return new Result(n, seconds, streams, n - streams.size(), (end.nodeTicks() - start.nodeTicks()) / ticks,
        (end.publisherTicks() - start.publisherTicks()) / ticks, end.machine().busyCoresSince(start.machine(), cores),
        loadBefore, Machine.loadAverage());
  }

  private static double latency(JsonObject stats, String quantile) {
    return stats.getJsonObject("decodeLatencyMs", new JsonObject()).getDouble(quantile, 0.0);
  }

  static void print(Result r) {
    System.out.printf("N=%d, %d s measured after %d s settling: %s%n", r.n(), r.seconds(), SETTLE_SECONDS,
        r.passes() ? "PASS (no drops in the window, all >= 29 fps)" : "FAIL");
    System.out.println("  stream    decoded fps   in fps  dropped(window/total)  latency ms p50 / p99 (max p99 seen)");
    for (StreamResult s : r.streams()) {
      System.out.printf("  %-9s %11.1f %8.1f %10d / %-10d %8.1f / %.1f (%.1f)%n", s.name(), s.decodedFps(), s.inFps(),
          s.droppedInWindow(), s.droppedTotal(), s.p50(), s.p99(), s.maxP99());
    }
    if (r.missing() > 0) {
      System.out.printf("  %d of %d streams were not live at the end%n", r.missing(), r.n());
    }
    double others = Math.max(0, r.machineCores() - r.nodeCores() - r.publisherCores());
    System.out.printf("  CPU (cores, of %d): node JVM %.2f (%.1f%% of one core per stream), publishers %.2f"
            + " (%.1f%% of one core each), everything else on the machine %.2f; load average %s -> %s%n",
        Runtime.getRuntime().availableProcessors(), r.nodeCores(), 100 * r.nodeCores() / r.n(), r.publisherCores(),
        100 * r.publisherCores() / r.n(), others, r.loadBefore(), r.loadAfter());
  }

  private static void deleteRecursively(Path dir) {
    try (var paths = Files.walk(dir)) {
      paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (Exception e) {
      System.out.println("  (could not delete " + dir + ": " + e.getMessage() + ")");
    }
  }
}
