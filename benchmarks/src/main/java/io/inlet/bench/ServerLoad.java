package io.inlet.bench;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * A server's CPU and RSS under N publishers over a measured window: CPU from utime/stime deltas of
 * /proc (split into user and system time, and for a JVM by kind of thread), RSS (VmRSS) read every
 * 5 s (the figure is the mean of those readings), the publishers' own CPU and the whole machine's
 * (/proc/stat) over the same window.
 */
record ServerLoad(String server, int n, double seconds, double userCores, double systemCores,
    Map<String, Double> coresByThreads, long idleRss, long rss, long maxRss, double publisherCores, double machineCores,
    long publishersAlive, String loadBefore, String loadAfter) {

  /**
   * @param serverCpu the server's CPU ticks so far, by thread group (a single entry for a server that
   *     is not a JVM)
   */
  static ServerLoad measure(String server, int n, int seconds, long idleRss, Supplier<Map<String, Machine.Ticks>> serverCpu,
      LongSupplier serverRss, PublisherFleet publishers) throws InterruptedException {
    String loadBefore = Machine.loadAverage();
    int cores = Runtime.getRuntime().availableProcessors();
    long t0 = System.nanoTime();
    Map<String, Machine.Ticks> server0 = serverCpu.get();
    long pub0 = publishers.ticks();
    Machine.CpuTicks machine0 = Machine.cpuTicks();
    long rssSum = 0;
    long maxRss = 0;
    int readings = 0;
    for (int elapsed = 0; elapsed < seconds; elapsed += 5) {
      Thread.sleep(Math.min(5, seconds - elapsed) * 1000L);
      long rss = serverRss.getAsLong();
      rssSum += rss;
      maxRss = Math.max(maxRss, rss);
      readings++;
    }
    Map<String, Machine.Ticks> server1 = serverCpu.get();
    double ticks = (System.nanoTime() - t0) / 1e9 * Machine.TICKS_PER_SECOND;
    Machine.Ticks total = Machine.Ticks.ZERO;
    Map<String, Double> byThreads = new LinkedHashMap<>();
    for (Map.Entry<String, Machine.Ticks> group : server1.entrySet()) {
      Machine.Ticks used = group.getValue().minus(server0.getOrDefault(group.getKey(), Machine.Ticks.ZERO));
      total = total.plus(used);
      byThreads.put(group.getKey(), used.total() / ticks);
    }
    return new ServerLoad(server, n, (System.nanoTime() - t0) / 1e9, total.user() / ticks, total.system() / ticks,
        byThreads, idleRss, rssSum / Math.max(1, readings), maxRss, (publishers.ticks() - pub0) / ticks,
        Machine.cpuTicks().busyCoresSince(machine0, cores), publishers.alive(), loadBefore, Machine.loadAverage());
  }

  double serverCores() {
    return userCores + systemCores;
  }

  /** Percent of one core per stream. */
  double cpuPerStream() {
    return 100 * serverCores() / n;
  }

  double rssPerStreamMb() {
    return rss / 1e6 / n;
  }

  /** RSS above the server's idle RSS (before any publisher), per stream. */
  double addedRssPerStreamMb() {
    return (rss - idleRss) / 1e6 / n;
  }

  double others() {
    return Math.max(0, machineCores - serverCores() - publisherCores);
  }

  void print() {
    System.out.printf("%s, N=%d (%d publishers alive at the end), %.0f s: server %.3f cores = %.2f%% of one core per"
            + " stream (user %.2f%%, system %.2f%%); RSS %.1f MB (max %.1f, idle %.1f) = %.2f MB per stream (%.2f MB per"
            + " stream above idle); publishers %.2f cores (%.2f%% each); everything else %.2f of %d cores; load average"
            + " %s -> %s%n",
        server, n, publishersAlive, seconds, serverCores(), cpuPerStream(), 100 * userCores / n, 100 * systemCores / n,
        rss / 1e6, maxRss / 1e6, idleRss / 1e6, rssPerStreamMb(), addedRssPerStreamMb(), publisherCores,
        100 * publisherCores / n, others(), Runtime.getRuntime().availableProcessors(), loadBefore, loadAfter);
    if (coresByThreads.size() > 1) {
      StringBuilder line = new StringBuilder("  by threads, % of one core per stream:");
      coresByThreads.forEach((group, cores) -> line.append(String.format(" %s %.2f;", group, 100 * cores / n)));
      System.out.println(line);
    }
  }
}
