package io.inlet.ingest.stream;

import io.inlet.ingest.placement.DecoderDirectory;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * This node's live streams by name: opens them and finds them again (a revoked key, the stats, the
 * failover and rebalancing checks). Opened on the ingest verticle's event loop.
 */
public final class LiveStreams {

  private final Vertx vertx;
  private final DecoderDirectory decoders;
  private final int cacheMaxPackets;
  private final long cacheMaxBytes;
  private final long maxInFlight;
  /** Concurrent: the in-flight gauge is read from the metrics scrape's thread. */
  private final Map<String, IngestStream> streams = new ConcurrentHashMap<>();

  public LiveStreams(Vertx vertx, DecoderDirectory decoders, int cacheMaxPackets, long cacheMaxBytes, long maxInFlight) {
    this.vertx = vertx;
    this.decoders = decoders;
    this.cacheMaxPackets = cacheMaxPackets;
    this.cacheMaxBytes = cacheMaxBytes;
    this.maxInFlight = maxInFlight;
  }

  /**
   * Opens a stream whose name was claimed: publishes its started event and asks for a decoder, before
   * the publisher is answered, so the event and the placement come before any of its media.
   * {@code onEnded} runs once when it ends.
   */
  public IngestStream open(StreamInfo info, Runnable onEnded) {
    IngestStream stream = new IngestStream(info, vertx, decoders, cacheMaxPackets, cacheMaxBytes, maxInFlight, ended -> {
      streams.remove(info.name(), ended);
      onEnded.run();
    });
    streams.put(info.name(), stream);
    stream.announceStarted();
    return stream;
  }

  public Optional<IngestStream> get(String name) {
    return Optional.ofNullable(streams.get(name));
  }

  /** A copy: what is iterated may end meanwhile. */
  public List<IngestStream> all() {
    return List.copyOf(streams.values());
  }

  /** Packets sent to decoders and not yet reported decoded, over all streams. */
  public long inFlight() {
    return streams.values().stream().mapToLong(IngestStream::inFlight).sum();
  }

  public int size() {
    return streams.size();
  }
}
