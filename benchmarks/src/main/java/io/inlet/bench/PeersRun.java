package io.inlet.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code bin/bench peers [N[,N...]]}: N real-time 720p30 publishers (stream copy) against an ingest-only
 * Inlet node (roles ingest,auth, no decode role: streams stay up undecoded, ingest still demuxes and
 * caches) in a child JVM, then against nginx-rtmp, in the same run; CPU and RSS per stream, and the ratio.
 */
final class PeersRun {

  /** Both servers measured under the same N. */
  private record Comparison(ServerLoad inlet, ServerLoad nginx) {}

  /** Long enough for the JIT to settle: at 10 s the compiler threads still took a tenth of Inlet's CPU. */
  static final int SETTLE_SECONDS = 30;

  private PeersRun() {}

  /**
   * Runs both servers at each N; with more than one N, also writes the figures as
   * {@code benchmarks/target/peers.csv} and a plot, {@code benchmarks/target/peers.png}.
   */
  static void run(List<Integer> ns, int seconds) throws Exception {
    Path clip = Media.CLIP_10S.path();
    List<Comparison> results = new ArrayList<>();
    for (int n : ns) {
      System.out.printf("== peers: %d publishers (%s) of %s; %d s settling, %d s measured per server%n", n,
          generated() ? "the load generator: one thread, FLV tags replayed in real time, looped"
              : "ffmpeg -re -stream_loop -1 -i CLIP -c copy -f flv", clip.getFileName(), SETTLE_SECONDS, seconds);
      Path work = Files.createTempDirectory("inlet-bench-peers");
      ServerLoad inlet = inlet(clip, n, seconds, work);
      inlet.print();
      if ("inlet".equals(System.getenv("BENCH_PEERS_ONLY"))) {
        continue; // tuning Inlet's memory: nginx's figures do not change between runs
      }
      ServerLoad nginx = nginx(clip, n, seconds, work);
      nginx.print();
      printRatio(inlet, nginx);
      results.add(new Comparison(inlet, nginx));
    }
    if (results.size() > 1) {
      writeResults(results, Path.of("benchmarks", "target"));
    }
  }

  private static void writeResults(List<Comparison> results, Path dir) throws Exception {
    Files.createDirectories(dir);
    StringBuilder csv = new StringBuilder("server,n,cpu_percent_of_core_per_stream,user_percent,system_percent,"
        + "rss_mb,idle_rss_mb,rss_above_idle_mb_per_stream,publisher_percent_each\n");
    List<double[]> inletCpu = new ArrayList<>();
    List<double[]> nginxCpu = new ArrayList<>();
    List<double[]> inletRss = new ArrayList<>();
    List<double[]> nginxRss = new ArrayList<>();
    for (Comparison pair : results) {
      for (ServerLoad load : List.of(pair.inlet(), pair.nginx())) {
        csv.append(String.format(Locale.ROOT, "\"%s\",%d,%.3f,%.3f,%.3f,%.1f,%.1f,%.3f,%.3f%n", load.server(),
            load.n(), load.cpuPerStream(), 100 * load.userCores() / load.n(), 100 * load.systemCores() / load.n(),
            load.rss() / 1e6, load.idleRss() / 1e6, load.addedRssPerStreamMb(), 100 * load.publisherCores() / load.n()));
      }
      inletCpu.add(new double[] {pair.inlet().n(), pair.inlet().cpuPerStream()});
      nginxCpu.add(new double[] {pair.nginx().n(), pair.nginx().cpuPerStream()});
      inletRss.add(new double[] {pair.inlet().n(), pair.inlet().addedRssPerStreamMb()});
      nginxRss.add(new double[] {pair.nginx().n(), pair.nginx().addedRssPerStreamMb()});
    }
    Files.writeString(dir.resolve("peers.csv"), csv);
    String inletName = "Inlet (ingest,auth)";
    String nginxName = "nginx-rtmp (1 worker)";
    LineChart.write(dir.resolve("peers.png"), "bin/bench peers: real-time 720p30 3.3 Mbit/s publishers, "
        + Machine.describeShort(), List.of(
        new LineChart.Panel("Server CPU per stream", "publishers (N)", "% of one core per stream",
            List.of(new LineChart.Series(inletName, inletCpu), new LineChart.Series(nginxName, nginxCpu))),
        new LineChart.Panel("RSS above idle per stream", "publishers (N)", "MB per stream",
            List.of(new LineChart.Series(inletName, inletRss), new LineChart.Series(nginxName, nginxRss)))));
    System.out.println("peers: wrote " + dir.resolve("peers.csv") + " and " + dir.resolve("peers.png"));
  }

  static ServerLoad inlet(Path clip, int n, int seconds, Path work) throws Exception {
    try (NodeProcess node = NodeProcess.start("inlet-ingest", "ingest,auth", work, List.of())) {
      List<String> keys = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        keys.add(node.createKey(String.format("peer%02d", i)));
      }
      Thread.sleep(2000);
      long idleRss = Machine.rssBytes(node.pid());
      try (PublisherFleet publishers = publishers(clip, node.rtmpPort(), keys, logs(work, "inlet"))) {
        awaitLive(node, n);
        Thread.sleep(SETTLE_SECONDS * 1000L);
        ServerLoad load = ServerLoad.measure("Inlet (ingest,auth; no decode)", n, seconds, idleRss,
            () -> Machine.jvmThreadTicks(node.pid()), () -> Machine.rssBytes(node.pid()), publishers);
        System.out.printf("  Inlet: %d of %d streams live at the end (GET /api/streams); %s%n", node.liveStreams(), n,
            publishers.report());
        System.out.printf("  keyframe caches: %.1f MB of payload in %.1f MB of direct memory%n",
            node.metric("inlet_keyframe_cache_bytes") / 1e6, node.metric("inlet_keyframe_cache_memory_bytes") / 1e6);
        JvmMemory.print(node.pid());
        return load;
      }
    }
  }

  private static ServerLoad nginx(Path clip, int n, int seconds, Path work) throws Exception {
    try (NginxRtmp nginx = NginxRtmp.start(work)) {
      List<String> names = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        names.add(String.format("peer%02d", i));
      }
      Thread.sleep(1000);
      long idleRss = nginx.rssBytes();
      try (PublisherFleet publishers = publishers(clip, nginx.port(), names, logs(work, "nginx"))) {
        if (publishers instanceof GeneratedPublishers generator) {
          generator.awaitStreaming(n);
        }
        Thread.sleep((SETTLE_SECONDS + 2) * 1000L);
        ServerLoad load = ServerLoad.measure("nginx-rtmp (1 worker, live on, record off)", n, seconds, idleRss,
            () -> Map.of("master + worker", nginx.ticks()), nginx::rssBytes, publishers);
        System.out.printf("  nginx: %s%n", publishers.report());
        return load;
      }
    }
  }

  /** The load generator unless {@code BENCH_PUBLISHERS=ffmpeg}: one ffmpeg process per publisher. */
  static boolean generated() {
    return !"ffmpeg".equals(System.getenv("BENCH_PUBLISHERS"));
  }

  static PublisherFleet publishers(Path clip, int port, List<String> keys, Path logs) throws Exception {
    return generated() ? GeneratedPublishers.start(clip, port, keys) : Publishers.start(clip, port, keys, logs);
  }

  static void awaitLive(NodeProcess node, int n) throws Exception {
    long deadline = System.nanoTime() + (30L + n) * 1_000_000_000L;
    while (node.liveStreams() < n && System.nanoTime() < deadline) {
      Thread.sleep(500);
    }
    if (node.liveStreams() < n) {
      System.out.printf("  (warning: only %d of %d streams live; measuring anyway)%n", node.liveStreams(), n);
    }
  }

  static Path logs(Path work, String name) throws Exception {
    return Files.createDirectories(work.resolve(name + "-publishers"));
  }

  private static void printRatio(ServerLoad inlet, ServerLoad nginx) {
    System.out.println();
    System.out.println("== peers summary (per stream; ratio Inlet / nginx, CPU goal <= 1.0)");
    System.out.println("  server                                  CPU % of a core  RSS MB   RSS MB above idle  publishers % each");
    for (ServerLoad s : List.of(inlet, nginx)) {
      System.out.printf("  %-40s %15.2f  %7.2f  %17.2f  %17.2f%n", s.server(), s.cpuPerStream(), s.rssPerStreamMb(),
          s.addedRssPerStreamMb(), 100 * s.publisherCores() / s.n());
    }
    System.out.printf("  ratio Inlet/nginx: CPU %.2f (%s), RSS %.1f (above idle %.1f)%n",
        inlet.cpuPerStream() / nginx.cpuPerStream(), inlet.cpuPerStream() <= nginx.cpuPerStream() ? "meets" : "misses",
        inlet.rssPerStreamMb() / nginx.rssPerStreamMb(), inlet.addedRssPerStreamMb() / nginx.addedRssPerStreamMb());
  }
}
