package io.inlet.ingest.testing.load;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

/**
 * Publishes many RTMP streams from one thread: one connection per key, each replaying the same
 * {@link ReplayClip} in real time over a real socket. One selector loop does everything: opens the
 * connections (spaced out, so a few hundred do not hit the server's accept queue at once), drives
 * their handshakes and commands, and every tick sends each stream the messages that came due. Memory
 * is the clip once plus a few KiB per connection.
 */
public final class LoadGenerator implements AutoCloseable {

  /**
   * @param loops how many times each connection plays the clip before it unpublishes; 0 = until closed
   * @param connectSpacing between two connections' starts
   */
  public record Settings(int loops, Duration connectSpacing) {
    public static final Settings FOREVER = new Settings(0, Duration.ofMillis(20));
  }

  /** How often the loop looks for messages that came due: the pacing's resolution. */
  private static final long TICK_NANOS = 5_000_000;
  private static final long STATS_NANOS = 200_000_000;

  private final Selector selector;
  private final List<PublisherConnection> connections;
  private final Settings settings;
  private final Thread thread;
  private volatile boolean running = true;
  private volatile LoadStats stats = LoadStats.NONE;
  private long worstBehindMillis;

  private LoadGenerator(Selector selector, List<PublisherConnection> connections, Settings settings) {
    this.selector = selector;
    this.connections = connections;
    this.settings = settings;
    this.thread = new Thread(this::run, "inlet-load-generator");
    thread.setDaemon(true);
  }

  /** Starts publishing {@code rtmp://server/app/KEY} for every key. */
  public static LoadGenerator start(InetSocketAddress server, String app, List<String> keys, ReplayClip clip,
      Settings settings) throws IOException {
    List<PublisherConnection> connections = new ArrayList<>();
    for (String key : keys) {
      connections.add(new PublisherConnection(server, app, key, clip, settings.loops()));
    }
    LoadGenerator generator = new LoadGenerator(Selector.open(), connections, settings);
    generator.thread.start();
    return generator;
  }

  /** The latest snapshot (refreshed every 200 ms). */
  public LoadStats stats() {
    return stats;
  }

  /** CPU time the generator's thread used so far. */
  public long cpuNanos() {
    return ManagementFactory.getThreadMXBean().getThreadCpuTime(thread.getId());
  }

  /** Waits until {@code condition} holds for the stats, or fails with them after {@code timeout}. */
  public LoadStats await(Predicate<LoadStats> condition, Duration timeout) throws InterruptedException, TimeoutException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      LoadStats now = stats;
      if (condition.test(now)) {
        return now;
      }
      Thread.sleep(50);
    }
    throw new TimeoutException("load generator: " + stats);
  }

  private void run() {
    long begin = System.nanoTime();
    long spacing = settings.connectSpacing().toNanos();
    int opened = 0;
    long nextTick = begin;
    long nextStats = begin;
    try {
      while (running) {
        long now = System.nanoTime();
        while (opened < connections.size() && now >= begin + opened * spacing) {
          connections.get(opened++).open(selector);
        }
        selector.select(Math.max(1, (nextTick - now) / 1_000_000));
        now = System.nanoTime();
        for (SelectionKey key : selector.selectedKeys()) {
          ((PublisherConnection) key.attachment()).onReady(now);
        }
        selector.selectedKeys().clear();
        if (now >= nextTick) {
          connections.forEach(c -> c.tick(System.nanoTime()));
          nextTick = now + TICK_NANOS;
        }
        if (now >= nextStats) {
          stats = snapshot(now);
          nextStats = now + STATS_NANOS;
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      connections.forEach(PublisherConnection::close);
      stats = snapshot(System.nanoTime());
      try {
        selector.close();
      } catch (IOException ignored) {
        // stopping anyway
      }
    }
  }

  private LoadStats snapshot(long now) {
    int streaming = 0;
    int starting = 0;
    int finished = 0;
    int failed = 0;
    long bytes = 0;
    long messages = 0;
    long behind = 0;
    List<String> failures = new ArrayList<>();
    for (PublisherConnection connection : connections) {
      switch (connection.state()) {
        case STREAMING -> streaming++;
        case CONNECTING, HANDSHAKING, PUBLISHING -> starting++;
        case CLOSING, FINISHED -> finished++;
        case FAILED -> {
          failed++;
          if (failures.size() < 3) {
            failures.add(connection.failure());
          }
        }
        case WAITING -> { }
      }
      bytes += connection.bytesSent();
      messages += connection.mediaMessagesSent();
      behind = Math.max(behind, connection.behindMillis(now));
    }
    worstBehindMillis = Math.max(worstBehindMillis, behind);
    return new LoadStats(streaming, starting, finished, failed, bytes, messages, behind, worstBehindMillis,
        List.copyOf(failures));
  }

  /** Closes every connection (without unpublishing: the server sees the sockets close) and stops the thread. */
  @Override
  public void close() throws InterruptedException {
    running = false;
    selector.wakeup();
    thread.join(10_000);
  }
}
