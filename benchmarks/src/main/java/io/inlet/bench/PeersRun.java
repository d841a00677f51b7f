package io.inlet.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code bin/bench peers [N]}: N real-time 720p30 publishers (stream copy) against an ingest-only
 * Inlet node (roles ingest,auth, no decode role: streams stay up undecoded, ingest still demuxes and
 * caches) in a child JVM, then against nginx-rtmp, in the same run; CPU and RSS per stream, and the ratio.
 */
final class PeersRun {

  static final int SETTLE_SECONDS = 10;

  private PeersRun() {}

  static void run(int n, int seconds) throws Exception {
    Path clip = Media.CLIP_10S.path();
    System.out.printf("== peers: %d publishers ffmpeg -re -stream_loop -1 -i %s -c copy -f flv; %d s settling,"
        + " %d s measured per server%n", n, clip.getFileName(), SETTLE_SECONDS, seconds);
    Path work = Files.createTempDirectory("inlet-bench-peers");
    ServerLoad inlet = inlet(clip, n, seconds, work);
    inlet.print();
    ServerLoad nginx = nginx(clip, n, seconds, work);
    nginx.print();
    printRatio(inlet, nginx);
  }

  static ServerLoad inlet(Path clip, int n, int seconds, Path work) throws Exception {
    try (NodeProcess node = NodeProcess.start("inlet-ingest", "ingest,auth", work, List.of())) {
      List<String> keys = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        keys.add(node.createKey(String.format("peer%02d", i)));
      }
      Thread.sleep(2000);
      long idleRss = Machine.rssBytes(node.pid());
      try (Publishers publishers = Publishers.start(clip, node.rtmpPort(), keys, logs(work, "inlet"))) {
        awaitLive(node, n);
        Thread.sleep(SETTLE_SECONDS * 1000L);
        ServerLoad load = ServerLoad.measure("Inlet (ingest,auth; no decode)", n, seconds, idleRss,
            () -> Machine.processTicks(node.pid()), () -> Machine.rssBytes(node.pid()), publishers);
        System.out.printf("  Inlet: %d of %d streams live at the end (GET /api/streams)%n", node.liveStreams(), n);
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
      try (Publishers publishers = Publishers.start(clip, nginx.port(), names, logs(work, "nginx"))) {
        Thread.sleep((SETTLE_SECONDS + 2) * 1000L);
        return ServerLoad.measure("nginx-rtmp (1 worker, live on, record off)", n, seconds, idleRss, nginx::ticks,
            nginx::rssBytes, publishers);
      }
    }
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
