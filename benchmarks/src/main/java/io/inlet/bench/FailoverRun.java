package io.inlet.bench;

import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code bin/bench failover [N] [repetitions]}: a decode node's loss. Three child JVMs as bin/inlet runs
 * them, clustered over Hazelcast TCP on 127.0.0.1: an ingest node (ingest,auth) and two decode nodes.
 * N real-time FFmpeg publishers. Each repetition SIGKILLs the decode node that holds the most streams
 * and measures, per stream it held, the time until the stream decodes again: its {@code decodeNode}
 * in {@code GET /api/streams} is another node and its {@code videoFramesDecoded} rises there. The
 * killed node is then started again (same cluster port, once the cluster dropped it) before the next
 * repetition. Publishers that disconnected are counted.
 *
 * <p>The API view lags the decoders by up to one report period (decoders report twice a second), and
 * the poll runs every 100 ms: a figure here is the decoder's own recovery plus up to ~0.6 s.
 */
final class FailoverRun {

  private static final String[] MEMBERS = {"127.0.0.1:15801", "127.0.0.1:15802", "127.0.0.1:15803"};
  private static final long POLL_MS = 100;
  private static final long RECOVERY_LIMIT_MS = 30_000;
  /** Hazelcast drops a member after 5 s without heartbeats; a restart on the same address waits that out. */
  private static final long REJOIN_WAIT_MS = 7_000;

  private FailoverRun() {}

  static void run(int n, int repetitions) throws Exception {
    Path clip = Media.CLIP_NO_BFRAMES.path();
    Path work = Files.createTempDirectory("inlet-bench-failover");
    System.out.printf("== failover: ingest node + 2 decode nodes (child JVMs, Hazelcast TCP on 127.0.0.1), %d real-time"
        + " FFmpeg publishers of %s; %d repetitions of SIGKILL to the decode node holding the most streams;"
        + " machine load %s%n", n, clip.getFileName(), repetitions, Machine.loadAverage());
    List<String> cluster = List.of("--cluster", "tcp", "--cluster-host", "127.0.0.1", "--members", String.join(",", MEMBERS));
    try (NodeProcess ingest = NodeProcess.start("ingest", "ingest,auth", work, with(cluster, MEMBERS[0]))) {
      // A node's id is its cluster address, which is what decodeNode shows.
      Map<String, NodeProcess> decoders = new HashMap<>();
      for (String member : List.of(MEMBERS[1], MEMBERS[2])) {
        decoders.put(member, NodeProcess.start(name(member), "decode", work, decodeArgs(cluster, member)));
      }
      List<String> keys = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        keys.add(ingest.createKey(String.format("fo%02d", i)));
      }
      List<Double> worst = new ArrayList<>();
      List<Double> all = new ArrayList<>();
      try (Publishers publishers = Publishers.start(clip, ingest.rtmpPort(), keys, PeersRun.logs(work, "failover"))) {
        PeersRun.awaitLive(ingest, n);
        StreamLoad.awaitDecoding(ingest::streams, n, 30 + n);
        for (int rep = 1; rep <= repetitions; rep++) {
          Thread.sleep(3_000); // reports settle: every stream's decoder is known
          Map<String, JsonObject> before = byName(ingest.streams());
          String victim = mostLoaded(before);
          List<String> held = before.values().stream().filter(s -> victim.equals(s.getString("decodeNode")))
              .map(s -> s.getString("name")).toList();
          long killedAt = System.nanoTime();
          decoders.get(victim).kill();
          Map<String, Double> recovered = awaitRecovery(ingest, held, victim, killedAt);
          double repWorst = recovered.values().stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
          worst.add(repWorst);
          all.addAll(recovered.values());
          System.out.printf("  %2d: killed %s holding %d streams; every one decoding elsewhere after %.2f s (each: %s);"
                  + " %d of %d publishers connected; load %s%n", rep, victim, held.size(), repWorst / 1000,
              format(recovered), publishers.alive(), n, Machine.loadAverage());
          Thread.sleep(REJOIN_WAIT_MS);
          decoders.put(victim, NodeProcess.start(name(victim), "decode", work, decodeArgs(cluster, victim)));
        }
        System.out.printf("failover: worst stream per repetition %s s; over all %d streams moved: p50 %.2f s, max %.2f s;"
                + " %d of %d publishers still connected at the end%n", formatSeconds(worst), all.size(),
            percentile(all, 0.5) / 1000, percentile(all, 1.0) / 1000, publishers.alive(), n);
      } finally {
        for (NodeProcess decoder : decoders.values()) {
          decoder.close();
        }
      }
    }
  }

  private static List<String> with(List<String> cluster, String member) {
    List<String> args = new ArrayList<>(cluster);
    args.addAll(List.of("--cluster-port", member.substring(member.lastIndexOf(':') + 1)));
    return args;
  }

  private static List<String> decodeArgs(List<String> cluster, String member) {
    List<String> args = with(cluster, member);
    args.addAll(List.of("--decode-threads", "1"));
    return args;
  }

  /** A log name for the node at {@code member}. */
  private static String name(String member) {
    return "decode-" + member.substring(member.lastIndexOf(':') + 1);
  }

  private static Map<String, JsonObject> byName(List<JsonObject> streams) {
    Map<String, JsonObject> map = new HashMap<>();
    streams.forEach(stream -> map.put(stream.getString("name"), stream));
    return map;
  }

  private static String mostLoaded(Map<String, JsonObject> streams) {
    Map<String, Integer> counts = new HashMap<>();
    streams.values().forEach(stream -> counts.merge(String.valueOf(stream.getString("decodeNode")), 1, Integer::sum));
    return counts.entrySet().stream().filter(e -> !e.getKey().equals(MEMBERS[0]) && !e.getKey().equals("null"))
        .max(Map.Entry.comparingByValue()).orElseThrow(() -> new IllegalStateException("no stream is decoded")).getKey();
  }

  /**
   * Polls the API until each of {@code names} is decoded by another node than {@code victim} with its
   * frame counter rising between two polls; ms after the kill per stream.
   */
  private static Map<String, Double> awaitRecovery(NodeProcess ingest, List<String> names, String victim, long killedAt)
      throws Exception {
    Map<String, Double> recovered = new HashMap<>();
    Map<String, Long> lastFrames = new HashMap<>();
    while (recovered.size() < names.size() && System.nanoTime() - killedAt < RECOVERY_LIMIT_MS * 1_000_000) {
      Map<String, JsonObject> now = byName(ingest.streams());
      double elapsedMs = (System.nanoTime() - killedAt) / 1e6;
      for (String name : names) {
        JsonObject stream = now.get(name);
        if (recovered.containsKey(name) || stream == null) {
          continue;
        }
        String node = stream.getString("decodeNode");
        long frames = stream.getJsonObject("stats", new JsonObject()).getLong("videoFramesDecoded", 0L);
        if (node == null || node.equals(victim)) {
          lastFrames.remove(name);
          continue;
        }
        Long previous = lastFrames.put(name, frames);
        if (previous != null && frames > previous) {
          recovered.put(name, elapsedMs);
        }
      }
      Thread.sleep(POLL_MS);
    }
    for (String name : names) {
      recovered.putIfAbsent(name, Double.POSITIVE_INFINITY);
    }
    return recovered;
  }

  private static String format(Map<String, Double> recovered) {
    StringBuilder out = new StringBuilder();
    recovered.entrySet().stream().sorted(Map.Entry.comparingByKey())
        .forEach(e -> out.append(out.length() == 0 ? "" : " ").append(String.format("%.2f", e.getValue() / 1000)));
    return out.toString();
  }

  private static String formatSeconds(List<Double> millis) {
    StringBuilder out = new StringBuilder();
    millis.forEach(ms -> out.append(out.length() == 0 ? "" : " ").append(String.format("%.2f", ms / 1000)));
    return out.toString();
  }

  private static double percentile(List<Double> values, double p) {
    List<Double> sorted = values.stream().sorted().toList();
    return sorted.isEmpty() ? Double.NaN : sorted.get(Math.min(sorted.size() - 1, Math.max(0, (int) Math.ceil(p * sorted.size()) - 1)));
  }
}
