package io.inlet.bench;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.Collection;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.util.Statistics;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/** {@code bin/bench parse}: runs {@link ParseBenchmark} under JMH and reports MB/s. */
final class ParseRun {

  /** 3 Mbit/s in MB/s (10^6 bytes). */
  private static final double STREAM_MBPS = 0.375;

  private ParseRun() {}

  static void run() throws Exception {
    Path flv = Media.CLIP_10S.path();
    ParseBenchmark.Sizes sizes = ParseBenchmark.sizes(flv);
    System.out.printf("input: %s as an RTMP chunk stream (chunk size %d): %,d bytes, %d messages (%.2f Mbit/s over %d s)%n",
        flv.getFileName(), ChunkStreamBytes.CHUNK_SIZE, sizes.chunkStreamBytes(), sizes.messages(),
        sizes.chunkStreamBytes() * 8 / 1e6 / 10, 10);
    Options options = new OptionsBuilder()
        .include(ParseBenchmark.class.getName())
        .param("flv", flv.toAbsolutePath().toString())
        .forks(1)
        .warmupIterations(3).warmupTime(TimeValue.seconds(2))
        .measurementIterations(10).measurementTime(TimeValue.seconds(1))
        .jvmArgsAppend(ManagementFactory.getRuntimeMXBean().getInputArguments().toArray(String[]::new))
        .build();
    Collection<RunResult> results = new Runner(options).run();
    System.out.println();
    System.out.println("== parse: JMH 1.37, 1 fork, 3 x 2 s warm-up, 10 x 1 s measured, one thread, throughput mode");
    for (RunResult run : results) {
      Result<?> score = run.getPrimaryResult();
      String method = run.getParams().getBenchmark().replaceAll(".*\\.", "");
      Statistics stats = score.getStatistics();
      if (method.equals("messageReader")) {
        double perPass = sizes.chunkStreamBytes() / 1e6;
        System.out.printf("MessageReader (64 KiB reads: chunks, tags, AMF): mean %.0f MB/s (+/- %.0f, 99.9%% CI),"
                + " per 1 s iteration min %.0f / max %.0f MB/s (%.1f passes/s on average)%n",
            stats.getMean() * perPass, score.getScoreError() * perPass, stats.getMin() * perPass,
            stats.getMax() * perPass, stats.getMean());
        System.out.printf("  = %.0f streams of 3 Mbit/s parsed by one core (mean MB/s / 0.375; %.0f from the best iteration)%n",
            stats.getMean() * perPass / STREAM_MBPS, stats.getMax() * perPass / STREAM_MBPS);
      } else {
        System.out.printf("Amf0Decoder on @setDataFrame/onMetaData (%d bytes): mean %,.0f ops/s = %.2f us/op = %.0f MB/s"
                + " (iterations min %,.0f / max %,.0f ops/s)%n",
            sizes.metadataBytes(), stats.getMean(), 1e6 / stats.getMean(), stats.getMean() * sizes.metadataBytes() / 1e6,
            stats.getMin(), stats.getMax());
      }
    }
  }
}
