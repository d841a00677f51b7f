package io.inlet.bench;

import io.inlet.ingest.testing.load.LoadGenerator;
import io.inlet.ingest.testing.load.LoadStats;
import io.inlet.ingest.testing.load.ReplayClip;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeoutException;

/**
 * N publishers from the in-process load generator (one thread, real sockets, the clip's FLV tags
 * replayed in real time and looped), instead of N ffmpeg processes: 400 of them fit on two cores.
 */
final class GeneratedPublishers implements PublisherFleet {

  /** What FFmpeg's RTMP client announces and uses; the generator's messages are chunked once for it. */
  static final int CHUNK_SIZE = 4096;

  private final LoadGenerator generator;

  private GeneratedPublishers(LoadGenerator generator) {
    this.generator = generator;
  }

  static GeneratedPublishers start(Path clip, int rtmpPort, List<String> keys) throws Exception {
    ReplayClip replay = ReplayClip.of(clip, CHUNK_SIZE);
    return new GeneratedPublishers(LoadGenerator.start(new InetSocketAddress("127.0.0.1", rtmpPort), "live", keys,
        replay, LoadGenerator.Settings.FOREVER));
  }

  /** Waits until every publisher streams (past Publish.Start), or prints how far it got. */
  void awaitStreaming(int n) throws InterruptedException {
    try {
      generator.await(s -> s.streaming() == n, Duration.ofSeconds(30L + n / 10));
    } catch (TimeoutException e) {
      System.out.printf("  (warning: %s; measuring anyway)%n", e.getMessage());
    }
  }

  @Override
  public long ticks() {
    return Math.round(generator.cpuNanos() / 1e9 * Machine.TICKS_PER_SECOND);
  }

  @Override
  public long alive() {
    return generator.stats().streaming();
  }

  @Override
  public String report() {
    LoadStats stats = generator.stats();
    return "load generator: " + stats;
  }

  @Override
  public void close() throws InterruptedException {
    generator.close();
  }
}
