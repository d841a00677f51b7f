package io.inlet.bench;

import io.inlet.testkit.Ffmpeg;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * {@code bin/bench soak [minutes]}: an embedded node (every role) while publishers come and go (6 slots,
 * each publishing 20-60 s then leaving, alternately with SIGTERM and SIGKILL, and starting again under
 * the slot's other key); every 30 s heap used after GC, RSS, threads and open fds of this JVM. Fails when,
 * after the first third (warm-up), one of them grows beyond its bound over the first sample after it.
 */
final class SoakRun {

  private static final int SLOTS = 6;
  private static final int SAMPLE_SECONDS = 30;
  /** Bounds over the post-warm-up baseline: heap MB, RSS MB, threads, fds. */
  private static final long[] BOUNDS = {50, 100, 10, 20};
  private static final String[] NAMES = {"heap after GC MB", "RSS MB", "threads", "open fds"};

  private record Sample(int second, long[] values, long live, long listed, int publishes) {}

  private SoakRun() {}

  /** Returns whether every figure stayed within its bound. */
  static boolean run(int minutes) throws Exception {
    Path clip = Media.CLIP_10S.path();
    int total = minutes * 60;
    System.out.printf("== soak: %d min, embedded node (all roles), %d publishers at a time (ffmpeg -re -stream_loop -1"
        + " -i %s -c copy), each 20-60 s then gone (SIGTERM or SIGKILL, alternately); a sample every %d s;"
        + " warm-up %d s%n", minutes, SLOTS, clip.getFileName(), SAMPLE_SECONDS, total / 3);
    Path work = Files.createTempDirectory("inlet-bench-soak");
    Random random = new Random(42);
    List<Sample> samples = new ArrayList<>();
    Process[] running = new Process[SLOTS];
    long[] endAt = new long[SLOTS];
    int publishes = 0;
    try (EmbeddedNode node = EmbeddedNode.start(work.resolve("data"))) {
      String[] keys = new String[2 * SLOTS];
      for (int i = 0; i < keys.length; i++) {
        keys[i] = node.createKey(String.format("soak%02d", i));
      }
      long start = System.nanoTime();
      samples.add(sample(0, node, publishes));
      for (int second = 1; second <= total; second++) {
        Thread.sleep(Math.max(0, start + second * 1_000_000_000L - System.nanoTime()) / 1_000_000);
        for (int slot = 0; slot < SLOTS; slot++) {
          if (second < 1 + 3 * slot || running[slot] != null && running[slot].isAlive() && second < endAt[slot]) {
            continue; // staggered start, or still publishing
          }
          stop(running[slot], publishes % 2 == 0);
          String key = keys[2 * slot + publishes % 2];
          running[slot] = Ffmpeg.start(work.resolve("publisher-" + slot + ".log"), "-loglevel", "warning", "-nostats",
              "-re", "-stream_loop", "-1", "-i", clip.toString(), "-c", "copy", "-f", "flv",
              "rtmp://127.0.0.1:" + node.rtmpPort() + "/live/" + key);
          endAt[slot] = second + 20 + random.nextInt(41);
          publishes++;
        }
        if (second % SAMPLE_SECONDS == 0) {
          samples.add(sample(second, node, publishes));
          Sample s = samples.get(samples.size() - 1);
          System.out.printf("  t=%4d s  heap %4d MB  RSS %4d MB  threads %3d  fds %3d  live %d  listed %d  publishes %d"
              + "  (load %s)%n", second, s.values()[0], s.values()[1], s.values()[2], s.values()[3], s.live(), s.listed(),
              s.publishes(), Machine.loadAverage());
        }
      }
      for (Process p : running) {
        stop(p, false);
      }
    }
    return verdict(samples, total / 3);
  }

  private static void stop(Process process, boolean kill) throws InterruptedException {
    if (process == null) {
      return;
    }
    if (kill) {
      process.destroyForcibly();
    } else {
      process.destroy();
    }
    if (!process.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
  }

  private static Sample sample(int second, EmbeddedNode node, int publishes) throws Exception {
    System.gc();
    Thread.sleep(200);
    long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / 1_000_000;
    long pid = ProcessHandle.current().pid();
    long[] values = {heap, Machine.rssBytes(pid) / 1_000_000, Machine.threads(pid), Machine.openFds(pid)};
    var streams = node.streams();
    long live = streams.stream().filter(s -> "live".equals(s.getString("state"))).count();
    return new Sample(second, values, live, streams.size(), publishes);
  }

  private static boolean verdict(List<Sample> samples, int warmUp) {
    Sample base = samples.stream().filter(s -> s.second() >= warmUp).findFirst().orElse(samples.get(samples.size() - 1));
    System.out.printf("%n== soak verdict: baseline t=%d s (first sample after the %d s warm-up); bounds heap +%d MB,"
        + " RSS +%d MB, threads +%d, fds +%d%n", base.second(), warmUp, BOUNDS[0], BOUNDS[1], BOUNDS[2], BOUNDS[3]);
    boolean ok = true;
    for (int i = 0; i < NAMES.length; i++) {
      StringBuilder series = new StringBuilder();
      long maxGrowth = Long.MIN_VALUE;
      for (Sample s : samples) {
        series.append(series.length() == 0 ? "" : ", ").append(s.values()[i]);
        if (s.second() > base.second()) {
          maxGrowth = Math.max(maxGrowth, s.values()[i] - base.values()[i]);
        }
      }
      boolean within = maxGrowth <= BOUNDS[i];
      ok &= within;
      System.out.printf("  %-17s %s: largest growth over baseline %s (bound +%d)  series: %s%n", NAMES[i],
          within ? "ok  " : "FAIL", maxGrowth == Long.MIN_VALUE ? "n/a" : String.format("%+d", maxGrowth), BOUNDS[i], series);
    }
    Sample last = samples.get(samples.size() - 1);
    System.out.printf("  %d publishes in all; streams listed by GET /api/streams at the end: %d (live %d)%n",
        last.publishes(), last.listed(), last.live());
    System.out.println(ok ? "soak: PASS" : "soak: FAIL (a figure grew beyond its bound after the warm-up)");
    return ok;
  }
}
