package io.inlet.ingest.server;

import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;

/**
 * Keeps "closing connection" log lines to {@link #LINES_PER_SECOND} a second: one line per closed
 * connection is what an operator wants, until an attack opens thousands; then the rest of each second
 * is summed up in one line (the metrics still count every one). Event-loop confined.
 */
final class CloseLog {

  static final int LINES_PER_SECOND = 20;

  private final Logger log;
  private long windowStartNanos = System.nanoTime();
  private int logged;
  private int suppressed;

  CloseLog(Logger log) {
    this.log = log;
  }

  /** Whether a closing line may be logged now; counts it as suppressed otherwise. */
  boolean allow() {
    long now = System.nanoTime();
    if (now - windowStartNanos >= TimeUnit.SECONDS.toNanos(1)) {
      flush();
      windowStartNanos = now;
      logged = 0;
    }
    if (logged < LINES_PER_SECOND) {
      logged++;
      return true;
    }
    suppressed++;
    return false;
  }

  /** Logs the summary of what was suppressed, if anything. Called about once a second. */
  void flush() {
    if (suppressed > 0) {
      log.warn("{} more connections were closed in the last second without a line each (see inlet_rtmp_connections_closed_total)",
          suppressed);
      suppressed = 0;
    }
  }
}
