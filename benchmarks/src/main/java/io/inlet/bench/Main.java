package io.inlet.bench;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * {@code bin/bench parse | decode | streams [N] | latency | peers [N[,N...]] | eventbus [N] | soak [minutes]
 * | continuity [repetitions] | webhook [publishes] | firstframe [publishes] | failover [N [repetitions]] | keyframes [N]}:
 * runs one benchmark and prints its figures.
 */
public final class Main {

  private static final String USAGE = "usage: bin/bench parse | decode | streams [N] | latency | peers [N[,N...]] | eventbus [N] | soak [minutes]"
      + " | continuity [repetitions] | webhook [publishes] | firstframe [publishes] | failover [N [repetitions]] | keyframes [N]\n"
      + "  environment: BENCH_SECONDS (measured seconds for streams/latency, default 60),\n"
      + "  BENCH_BUDGET_SECONDS (streams search budget, default 600), BENCH_MEDIA (clip cache directory)";

  private Main() {}

  public static void main(String[] args) throws Exception {
    if (args.length == 0) {
      System.err.println(USAGE);
      System.exit(2);
    }
    System.out.println(Machine.describe());
    int seconds = intEnv("BENCH_SECONDS", 60);
    switch (args[0]) {
      case "parse" -> ParseRun.run();
      case "decode" -> DecodeRun.run();
      case "streams" -> StreamsRun.run(args.length > 1 ? Integer.valueOf(args[1]) : null, seconds,
          intEnv("BENCH_BUDGET_SECONDS", 600));
      case "latency" -> latency(seconds);
      case "peers" -> PeersRun.run(args.length > 1 ? Arrays.stream(args[1].split(",")).map(Integer::valueOf).toList()
          : List.of(20), seconds);
      case "eventbus" -> EventBusRun.run(args.length > 1 ? Integer.parseInt(args[1]) : 20, seconds);
      case "continuity" -> ContinuityRun.run(args.length > 1 ? Integer.parseInt(args[1]) : 10);
      case "webhook" -> WebhookRun.run(args.length > 1 ? Integer.parseInt(args[1]) : 500);
      case "firstframe" -> FirstFrameRun.run(args.length > 1 ? Integer.parseInt(args[1]) : 50);
      case "failover" -> FailoverRun.run(args.length > 1 ? Integer.parseInt(args[1]) : 6, args.length > 2 ? Integer.parseInt(args[2]) : 10);
      case "keyframes" -> KeyframesRun.run(args.length > 1 ? Integer.parseInt(args[1]) : 150, Math.min(seconds, 30));
      case "soak" -> {
        if (!SoakRun.run(args.length > 1 ? Integer.parseInt(args[1]) : 30)) {
          System.out.println("load average at the end: " + Machine.loadAverage());
          System.exit(1);
        }
      }
      default -> {
        System.err.println(USAGE);
        System.exit(2);
      }
    }
    System.out.println("load average at the end: " + Machine.loadAverage());
    System.exit(0); // Vert.x and JMH leave non-daemon threads behind
  }

  /** One real-time publisher without B-frames: decodeLatencyMs is then Inlet's own share. */
  private static void latency(int seconds) throws Exception {
    Path clip = Media.CLIP_NO_BFRAMES.path();
    System.out.printf("== latency: one publisher, ffmpeg -re -stream_loop -1 -i %s (-bf 0) -c copy -f flv;"
        + " decodeLatencyMs from GET /api/streams (last byte of a message on the socket -> decoded frame at the sinks;"
        + " p50/p99 over the last 1024 frames, read every 10 s)%n", clip.getFileName());
    StreamLoad.Result result = StreamLoad.measure(clip, 1, seconds);
    StreamLoad.print(result);
    StreamLoad.StreamResult stream = result.streams().isEmpty() ? null : result.streams().get(0);
    if (stream != null) {
      System.out.printf("latency: p50 %.1f ms, p99 %.1f ms at the end (worst p99 of the 10 s readings %.1f ms); goal p99 < 30 ms%n",
          stream.p50(), stream.p99(), stream.maxP99());
    }
  }

  private static int intEnv(String name, int fallback) {
    String value = System.getenv(name);
    return value == null || value.isBlank() ? fallback : Integer.parseInt(value.trim());
  }
}
