package io.inlet.ingest.server;

import io.inlet.ingest.ProtocolException;
import io.inlet.ingest.publish.PublishMetrics;
import io.inlet.ingest.stream.StreamMetrics;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * The ingest side's meters. Closure reasons are counted by a small fixed set of causes, never by the
 * free-text reason (which could carry peer-chosen text and would grow the label set without bound).
 */
public final class IngestMetrics implements PublishMetrics, StreamMetrics {

  /**
   * Why a connection was closed by the server; the label value is the name in lower case. A protocol
   * violation after the handshake counts by its {@link ProtocolException.Kind} (malformed,
   * unsupported, limit_exceeded, out_of_order), one in the handshake as handshake_failed.
   */
  public enum Cause {
    HANDSHAKE_TIMEOUT, HANDSHAKE_FAILED, IDLE_TIMEOUT,
    MALFORMED, UNSUPPORTED, LIMIT_EXCEEDED, OUT_OF_ORDER,
    /** The socket itself failed (a reset, a TLS error): nothing the peer said was wrong. */
    SOCKET_ERROR,
    CONNECTION_LIMIT, PUBLISH_REFUSED, ENDED_BY_SERVER;

    /** The cause that counts a protocol violation of this kind. */
    public static Cause of(ProtocolException.Kind kind) {
      return switch (kind) {
        case MALFORMED -> MALFORMED;
        case UNSUPPORTED -> UNSUPPORTED;
        case LIMIT_EXCEEDED -> LIMIT_EXCEEDED;
        case OUT_OF_ORDER -> OUT_OF_ORDER;
      };
    }
  }

  private final MeterRegistry registry;
  private final AtomicInteger openConnections = new AtomicInteger();
  private final AtomicInteger liveStreams = new AtomicInteger();
  private final Counter connectionsAccepted;
  private final Counter handshakesCompleted;
  private final Counter bytesIn;
  private final Counter takeovers;
  private final DistributionSummary gaps;

  public IngestMetrics(MeterRegistry registry) {
    this.registry = registry;
    registry.gauge("inlet_rtmp_connections_open", openConnections);
    registry.gauge("inlet_rtmp_streams_live", liveStreams);
    connectionsAccepted = registry.counter("inlet_rtmp_connections_accepted");
    handshakesCompleted = registry.counter("inlet_rtmp_handshakes_completed");
    bytesIn = registry.counter("inlet_rtmp_bytes_in");
    takeovers = registry.counter("inlet_stream_takeovers");
    gaps = DistributionSummary.builder("inlet_stream_resume_gap_seconds")
        .description("How long a resumed stream went without media, from its last packet to the resume")
        .serviceLevelObjectives(1, 2, 3, 5, 10, 30)
        .register(registry);
  }

  void connectionOpened() {
    connectionsAccepted.increment();
    openConnections.incrementAndGet();
  }

  void connectionClosed() {
    openConnections.decrementAndGet();
  }

  int openConnections() {
    return openConnections.get();
  }

  void handshakeCompleted() {
    handshakesCompleted.increment();
  }

  void bytesIn(int count) {
    bytesIn.increment(count);
  }

  @Override
  public void streamStarted() {
    liveStreams.incrementAndGet();
  }

  @Override
  public void streamEnded() {
    liveStreams.decrementAndGet();
  }

  /** Counts a publish refused by the auth check, by reason (bad_key, rate_limited, unavailable). */
  /** Counts how an interruption ended: resumed, expired or ended. */
  @Override
  public void interruptionEnded(String outcome) {
    registry.counter("inlet_stream_interruptions", "outcome", outcome).increment();
  }

  @Override
  public void resumed(long gapMs, boolean takeover) {
    gaps.record(gapMs / 1000.0);
    if (takeover) {
      takeovers.increment();
    }
  }

  @Override
  public void authRefused(String reason) {
    registry.counter("inlet_auth_refusals", "reason", reason).increment();
  }

  /** Exposes the packets this node's streams have in flight to their decoders (the event-bus lag). */
  void inFlight(Supplier<Number> packets) {
    Gauge.builder("inlet_eventbus_packets_in_flight", packets)
        .description("packets sent to decoders that they have not reported processing yet")
        .register(registry);
  }

  /** The keyframe caches' size: payload bytes held (what --cache-max-node-bytes bounds) and direct memory taken. */
  void keyframeCaches(Supplier<Number> bytes, Supplier<Number> memory) {
    Gauge.builder("inlet_keyframe_cache_bytes", bytes)
        .description("payload bytes the keyframe caches of this node's streams hold (bounded by --cache-max-node-bytes)")
        .register(registry);
    Gauge.builder("inlet_keyframe_cache_memory_bytes", memory)
        .description("direct memory the keyframe caches' pool has taken from the OS, its slack included")
        .register(registry);
  }

  /** Counts a connection the server closed, by cause. */
  public void closed(Cause cause) {
    registry.counter("inlet_rtmp_connections_closed", "cause", cause.name().toLowerCase()).increment();
  }

  public double closedCount(Cause cause) {
    Counter counter = registry.find("inlet_rtmp_connections_closed").tag("cause", cause.name().toLowerCase()).counter();
    return counter == null ? 0 : counter.count();
  }
}
