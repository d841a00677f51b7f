package io.inlet.cluster.faults;

import io.inlet.testkit.netlab.InletNode;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * One reading of how the cluster decodes, taken from the test: every stream's figures as the API
 * shows them (Stream JSON: frames decoded and dropped, decode latency p50/p99, decode node), and the
 * nodes' Prometheus figures (the ingest node's packets in flight to decoders, the decoders' dropped
 * frames and latency histogram). Two readings make a window: frames per second, drops and mean
 * latency between them.
 */
record DecodeFigures(long atNanos, Map<String, JsonObject> streams, double packetsInFlight, double framesDropped,
    double latencySeconds, double latencyCount) {

  static DecodeFigures read(InletNode ingest, List<InletNode> decoders) {
    Map<String, JsonObject> streams = new TreeMap<>(ingest.api().streams());
    double dropped = 0;
    double latencySum = 0;
    double latencyCount = 0;
    for (InletNode decoder : decoders) {
      dropped += decoder.api().metric("inlet_decode_frames_dropped_total");
      latencySum += decoder.api().metric("inlet_decode_latency_seconds_sum");
      latencyCount += decoder.api().metric("inlet_decode_latency_seconds_count");
    }
    return new DecodeFigures(System.nanoTime(), streams, ingest.api().metric("inlet_eventbus_packets_in_flight"), dropped,
        latencySum, latencyCount);
  }

  /** Video frames of {@code name} decoded per second since {@code before}. */
  double framesPerSecond(DecodeFigures before, String name) {
    return (decoded(name) - before.decoded(name)) / seconds(before);
  }

  /** Frames dropped by the lag rule since {@code before}, the Stream JSON's counters summed. */
  long streamFramesDropped(DecodeFigures before) {
    return streams.keySet().stream().mapToLong(name -> stat(name, "framesDropped") - before.stat(name, "framesDropped")).sum();
  }

  /** Mean socket-to-sink latency of the frames decoded since {@code before} (the decoders' histograms), ms. */
  double meanLatencyMillis(DecodeFigures before) {
    double count = latencyCount - before.latencyCount;
    return count == 0 ? 0 : (latencySeconds - before.latencySeconds) * 1000 / count;
  }

  String decodeNode(String name) {
    JsonObject stream = streams.get(name);
    return stream == null ? null : stream.getString("decodeNode");
  }

  /** A line of figures for the window since {@code before}. */
  String describe(DecodeFigures before) {
    String perStream = streams.keySet().stream().map(name -> String.format(Locale.ROOT, "%s %.1f fps p50/p99 %.0f/%.0f ms",
        name, framesPerSecond(before, name), latency(name, "p50"), latency(name, "p99"))).collect(Collectors.joining(", "));
    return String.format(Locale.ROOT, "%.0f s: %s; frames dropped %d (stream JSON) %.0f (decoders' /metrics);"
        + " mean decode latency %.1f ms (/metrics); ingest packets in flight to decoders %.0f",
        seconds(before), perStream, streamFramesDropped(before), framesDropped - before.framesDropped,
        meanLatencyMillis(before), packetsInFlight);
  }

  private double seconds(DecodeFigures before) {
    return (atNanos - before.atNanos) / 1e9;
  }

  private long decoded(String name) {
    return stat(name, "videoFramesDecoded");
  }

  private long stat(String name, String field) {
    JsonObject stream = streams.get(name);
    return stream == null ? 0 : stream.getJsonObject("stats").getLong(field);
  }

  private double latency(String name, String quantile) {
    JsonObject stream = streams.get(name);
    return stream == null ? 0 : stream.getJsonObject("stats").getJsonObject("decodeLatencyMs").getDouble(quantile);
  }
}
