package io.inlet.ingest.stream;

import io.inlet.bus.AssignRequest;
import io.inlet.bus.HandedOver;
import io.inlet.bus.PacketKind;
import io.inlet.bus.StreamLease;
import io.inlet.bus.TrackKind;
import io.inlet.ingest.placement.DecoderDirectory;
import io.inlet.ingest.placement.DecoderLink;
import io.inlet.ingest.session.DemuxedPacket;
import io.inlet.ingest.session.PublishedStream;
import io.vertx.core.Vertx;
import java.time.Instant;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One stream on the ingest side, from its first publish to its end, across its publisher sessions.
 * Its packets go one way, through the {@link PacketPipeline} (timeline, numbering, keyframe cache,
 * flow control) to the {@link DecoderLink}; placement and failover live in the link, the lifecycle
 * events in {@link StreamEvents}, the figures in {@link StreamInfo}.
 *
 * <p>Each session feeds it through its own {@link Publisher} handle. When a session's connection ends
 * without an unpublish, the stream becomes interrupted and waits {@code graceMs} for a resume (same
 * id, decoder and sinks); a resume or a takeover gives the new session the next handle, and the older
 * handles go stale: what they send is ignored. Event-loop confined.
 */
public final class IngestStream {

  private static final Logger LOG = LoggerFactory.getLogger(IngestStream.class);

  private final Vertx vertx;
  private final StreamInfo info;
  private final StreamEvents events;
  private final DecoderLink link;
  private final PacketPipeline pipeline;
  private final long graceMs;
  private final StreamMetrics metrics;
  private final LongSupplier nanos;
  /** Runs once when the stream stops on this node: it ended, or another node took it over. */
  private final Consumer<IngestStream> onEnded;
  private final KeyframeCache cache;
  private StreamLease lease;
  private Publisher current;
  private boolean ended;
  private long lastMediaNanos;
  private long lastTakeoverNanos;
  private boolean takenOver;
  private long graceTimer = -1;

  IngestStream(StreamInfo info, StreamLease lease, Vertx vertx, DecoderDirectory decoders, StreamSettings settings,
      CacheBudget cacheBudget, StreamMetrics metrics, LongSupplier nanos, Consumer<IngestStream> onEnded) {
    this.vertx = vertx;
    this.info = info;
    this.lease = lease;
    this.graceMs = settings.reconnectGraceMs();
    this.metrics = metrics;
    this.nanos = nanos;
    this.onEnded = onEnded;
    this.events = new StreamEvents(vertx.eventBus(), info);
    this.cache = new KeyframeCache(settings.cacheMaxPackets(), settings.cacheMaxBytes(), cacheBudget);
    this.link = new DecoderLink(vertx, decoders, () -> new AssignRequest(info.name(), info.id(), info.publishes()),
        () -> cache.handOver(info.name()), events::attached, nanos);
    this.pipeline = new PacketPipeline(info, cache, new FlowControl(settings.maxInFlight()), link);
    this.lastMediaNanos = nanos.getAsLong();
    this.current = new Publisher();
  }

  /**
   * Publishes the started event and asks for a decoder. Called as soon as the name is claimed, before
   * the session answers the publisher (StreamBegin, NetStream.Publish.Start), so the event and the
   * placement come before any media. Returns the first session's handle.
   */
  Publisher start() {
    events.started();
    link.place();
    return current;
  }

  /**
   * Continues, as this node's stream, one that another node handed over: same id, events numbered on,
   * timeline on from its last packet there, and first offered to the decoder that had it. Returns the
   * new session's handle.
   */
  Publisher continueFrom(HandedOver from, String remoteAddress) {
    info.continuedFrom(from.publishes(), from.counters());
    info.decodeNode(from.decodeNode()); // it is offered to that decoder first, which keeps its decoder and sinks
    events.continueAt(from.nextSeq());
    if (from.lastDts() != Long.MIN_VALUE) {
      pipeline.continueAfter(from.lastDts());
    }
    // A duration from the other node, placed on this node's clock: the gap goes on from there.
    this.lastMediaNanos = nanos.getAsLong() - from.idleMs() * 1_000_000;
    Publisher publisher = continueWith(lease, remoteAddress, false);
    link.place(from.decoderId());
    return publisher;
  }

  /**
   * Lets another node take the stream over (its publisher reconnected there): a live session is
   * interrupted and disconnected, the stream stops here without an ended event and without freeing its
   * decoder, and what the other node needs to continue it is returned. {@code reason} says why, for
   * the interrupted event of a live session.
   */
  public HandedOver handOver(String reason) {
    Publisher old = current;
    if (old != null) {
      markInterrupted(reason);
      old.endedExternally.accept("was " + reason);
    }
    long idleMs = (nanos.getAsLong() - lastMediaNanos) / 1_000_000;
    HandedOver state = new HandedOver(info.id(), info.app(), info.startedAt(), info.publishes(), events.nextSeq(),
        pipeline.lastDts(), idleMs, link.decoderId(), info.decodeNode(), info.counters());
    ended = true;
    current = null;
    vertx.cancelTimer(graceTimer);
    link.close(() -> LOG.info("stream '{}' handed over to another ingest node after {} ms without media", info.name(), idleMs));
    cache.close();
    onEnded.accept(this);
    return state;
  }

  /** The stream as the publish policy sees it, now. */
  public HeldStream held() {
    long now = nanos.getAsLong();
    long sinceTakeover = takenOver ? (now - lastTakeoverNanos) / 1_000_000 : Long.MAX_VALUE;
    return new HeldStream(info.isInterrupted(), (now - lastMediaNanos) / 1_000_000, sinceTakeover);
  }

  /** The interrupted stream's publisher is back: the new session continues it. */
  public PublishedStream resume(StreamLease next, String remoteAddress) {
    return continueWith(next, remoteAddress, false);
  }

  /**
   * A new session takes the stream from its live one (which sent no media for a while: its publisher
   * is already reconnecting): the old connection is closed, the new session continues the stream.
   */
  public PublishedStream takeOver(StreamLease next, String remoteAddress) {
    Publisher old = current;
    long idleMs = (nanos.getAsLong() - lastMediaNanos) / 1_000_000;
    markInterrupted("taken over by a new publish after " + idleMs + " ms without media");
    old.endedExternally.accept("was taken over by a new publish"); // stale already: its close changes nothing here
    lastTakeoverNanos = nanos.getAsLong();
    takenOver = true;
    return continueWith(next, remoteAddress, true);
  }

  private Publisher continueWith(StreamLease next, String remoteAddress, boolean takeover) {
    vertx.cancelTimer(graceTimer);
    long now = nanos.getAsLong();
    long gapMs = (now - lastMediaNanos) / 1_000_000;
    lease = next;
    current = new Publisher();
    info.resumed(remoteAddress);
    pipeline.resumed(lastMediaNanos);
    metrics.interruptionEnded("resumed");
    metrics.resumed(gapMs, takeover);
    events.resumed(gapMs);
    LOG.info("stream '{}' resumed by a new publisher session (#{}) after {} ms without media{}", info.name(),
        info.publishes(), gapMs, takeover ? ", taking it over from the silent one" : "");
    return current;
  }

  private void interrupt(Publisher from, String reason) {
    if (ended || from != current) {
      return;
    }
    markInterrupted(reason);
    if (graceMs == 0) {
      end("its publisher left (" + reason + ") and resuming is off");
      return;
    }
    LOG.info("stream '{}' interrupted ({}); waiting {} ms for its publisher", info.name(), reason, graceMs);
    graceTimer = vertx.setTimer(graceMs, id -> {
      metrics.interruptionEnded("expired");
      end("its publisher did not come back within " + graceMs + " ms (" + reason + ")");
    });
  }

  private void markInterrupted(String reason) {
    current = null; // no session owns the stream until one resumes it
    info.interrupted(Instant.now());
    events.interrupted(reason);
  }

  /**
   * Ends the stream from the server side (key revoked, an operator's DELETE, the grace window
   * closed): its publisher, if any, is disconnected; no grace.
   */
  public void endExternally(String reason) {
    Publisher publisher = current;
    if (info.isInterrupted()) {
      metrics.interruptionEnded("ended");
    }
    end(reason);
    if (publisher != null) {
      publisher.endedExternally.accept("was ended by the server: " + reason);
    }
  }

  private void end(String reason) {
    if (ended) {
      return;
    }
    ended = true;
    current = null;
    vertx.cancelTimer(graceTimer);
    // The ended event goes out once the decoder link is settled, so it follows the stream's last packet.
    link.close(() -> {
      events.ended(reason);
      LOG.info("stream '{}' ended: {} ({} bytes, {} video and {} audio frames in, {} publisher sessions)",
          info.name(), reason, info.bytesIn(), info.videoFramesIn(), info.audioFramesIn(), info.publishes());
    });
    cache.close();
    onEnded.accept(this);
  }

  /** Packets sent to the decoder not yet reported processed, as of the last packet. */
  public long inFlight() {
    return pipeline.inFlight();
  }

  /** The link to this stream's decoder (placement, failover, rebalancing). */
  public DecoderLink decoderLink() {
    return link;
  }

  /** Called a few times a second by the verticle: moves the stream if its decoder was lost. */
  public void checkDecoder() {
    link.check();
  }

  public StreamInfo info() {
    return info;
  }

  public String name() {
    return info.name();
  }

  /** The lease of the stream's current (or last) publisher session. */
  public StreamLease lease() {
    return lease;
  }

  /**
   * One publisher session's handle on the stream, what its RTMP session feeds. Once another session
   * owns the stream (a resume or a takeover) or the stream ended, whatever it sends is ignored.
   */
  final class Publisher implements PublishedStream {

    private Consumer<String> endedExternally = reason -> {};

    private boolean owns() {
      return current == this && !ended;
    }

    @Override
    public String name() {
      return info.name();
    }

    @Override
    public void onMediaBytes(int payloadBytes) {
      if (owns()) {
        lastMediaNanos = nanos.getAsLong();
        info.countBytes(payloadBytes);
      }
    }

    @Override
    public void onPacket(DemuxedPacket packet) {
      if (!owns()) {
        return;
      }
      TrackKind track = packet.tag().track();
      if (track == TrackKind.VIDEO) {
        info.videoCodec(packet.tag().codec());
      } else {
        info.audioCodec(packet.tag().codec());
      }
      if (packet.kind() == PacketKind.FRAME) {
        if (track == TrackKind.VIDEO) {
          info.countVideoFrame();
        } else {
          info.countAudioFrame();
        }
      }
      pipeline.accept(packet, packet.receivedAtNanos()); // stamped by the session on the same monotonic clock
    }

    @Override
    public void onMetadata(Map<String, Object> metadata) {
      if (owns()) {
        info.metadata(metadata);
      }
    }

    @Override
    public void end(String reason) {
      if (owns()) {
        IngestStream.this.end(reason);
      }
    }

    @Override
    public void interrupt(String reason) {
      IngestStream.this.interrupt(this, reason);
    }

    @Override
    public void onEndedExternally(Consumer<String> action) {
      endedExternally = action;
    }
  }
}
