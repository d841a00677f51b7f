package io.inlet.ingest.stream;

import io.inlet.bus.HandedOver;
import io.inlet.bus.StreamLease;
import io.inlet.ingest.placement.DecoderDirectory;
import io.inlet.ingest.session.PublishedStream;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * This node's streams by name, live or interrupted: opens them and finds them again (a resume, a
 * revoked key, the stats, the failover and rebalancing checks). Opened on the ingest verticle's event
 * loop.
 */
public final class LiveStreams {

  private final Vertx vertx;
  private final DecoderDirectory decoders;
  private final StreamSettings settings;
  private final StreamMetrics metrics;
  private final CacheBudget cacheBudget;
  /** Concurrent: the in-flight gauge is read from the metrics scrape's thread. */
  private final Map<String, IngestStream> streams = new ConcurrentHashMap<>();

  public LiveStreams(Vertx vertx, DecoderDirectory decoders, StreamSettings settings, StreamMetrics metrics) {
    this.vertx = vertx;
    this.decoders = decoders;
    this.settings = settings;
    this.metrics = metrics;
    this.cacheBudget = new CacheBudget(settings.cacheMaxNodeBytes());
  }

  /**
   * Opens a new stream whose name {@code lease} holds: publishes its started event and asks for a
   * decoder, before the publisher is answered, so the event and the placement come before any of its
   * media. {@code onEnded} runs once when the stream ends. Returns the first session's handle.
   */
  public PublishedStream open(StreamInfo info, StreamLease lease, Consumer<IngestStream> onEnded) {
    return create(info, lease, onEnded).start();
  }

  /**
   * Continues here a stream another ingest node handed over ({@code from}), under its new session's
   * {@code lease}: same id, its events numbered on, its timeline on. Returns the new session's handle.
   */
  public PublishedStream continueFrom(HandedOver from, StreamInfo info, StreamLease lease, Consumer<IngestStream> onEnded) {
    return create(info, lease, onEnded).continueFrom(from, info.remoteAddress());
  }

  private IngestStream create(StreamInfo info, StreamLease lease, Consumer<IngestStream> onEnded) {
    IngestStream stream = new IngestStream(info, lease, vertx, decoders, settings, cacheBudget, metrics, System::nanoTime,
        ended -> {
      streams.remove(info.name(), ended);
      onEnded.accept(ended);
    });
    streams.put(info.name(), stream);
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

  /** Payload bytes the keyframe caches of every stream hold together. */
  public long cachedBytes() {
    return cacheBudget.usedBytes();
  }

  /** Direct memory the keyframe caches of every stream have taken, their pool's slack included. */
  public long cacheMemoryBytes() {
    return PayloadBlocks.directMemoryBytes();
  }

  public int size() {
    return streams.size();
  }
}
