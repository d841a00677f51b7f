package io.inlet.ingest.testing.load;

import java.util.List;

/**
 * The load generator at one instant.
 *
 * @param streaming connections past Publish.Start, sending media
 * @param starting connections still connecting, in the handshake or waiting for Publish.Start
 * @param finished connections that played their loops and unpublished
 * @param failed connections that failed (refused, closed by the server, connection errors)
 * @param behindMillis how far behind its clock the slowest streaming connection is now
 * @param worstBehindMillis the most any connection was behind since the start
 * @param failures the first few failures' reasons
 */
public record LoadStats(int streaming, int starting, int finished, int failed, long bytesSent, long mediaMessagesSent,
    long behindMillis, long worstBehindMillis, List<String> failures) {

  static final LoadStats NONE = new LoadStats(0, 0, 0, 0, 0, 0, 0, 0, List.of());

  @Override
  public String toString() {
    return String.format("%d streaming, %d starting, %d finished, %d failed%s; %.1f MB sent, %d media messages;"
            + " slowest stream %d ms behind its clock (worst %d ms)", streaming, starting, finished, failed,
        failures.isEmpty() ? "" : " " + failures, bytesSent / 1e6, mediaMessagesSent, behindMillis, worstBehindMillis);
  }
}
