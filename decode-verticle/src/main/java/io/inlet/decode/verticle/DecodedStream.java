package io.inlet.decode.verticle;

import io.inlet.bus.Addresses;
import io.inlet.bus.MediaPacket;
import io.inlet.bus.PacketBatch;
import io.inlet.bus.ReleaseStream;
import io.inlet.bus.SnapshotRequest;
import io.inlet.decode.sink.SnapshotSink;
import io.inlet.decode.stream.StreamDecoder;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.MessageConsumer;

/**
 * One stream taken by this decode verticle: attached to the decoder's packet address, where the
 * ingest side sends the cached packets as one batch and then each live packet, and subscribed to its
 * snapshot address.
 */
final class DecodedStream {

  private final String id;
  private final String name;
  private final StreamDecoder decoder;
  private final SnapshotSink snapshots;
  private final EventBus bus;
  private final MessageConsumer<SnapshotRequest> snapshotRequests;
  private final Runnable onReleaseRequest;
  private final Runnable onCaughtUp;
  private final PacketRouter router;
  private boolean closed;

  /**
   * The number the ingest side tags this stream's messages with: a newer publisher session gets a new
   * one, so the older session's packets still on their way are never decoded. 0 until attached.
   */
  private long attachment;
  private int publishes;
  private long attachedAtNanos = System.nanoTime();
  private long ingestSeenAtNanos = System.nanoTime();

  DecodedStream(String id, String name, int publishes, StreamDecoder decoder, SnapshotSink snapshots,
      EventBus bus, PacketRouter router, Runnable onReleaseRequest, Runnable onCaughtUp) {
    this.id = id;
    this.router = router;
    this.onCaughtUp = onCaughtUp;
    this.onReleaseRequest = onReleaseRequest;
    this.name = name;
    this.publishes = publishes;
    this.decoder = decoder;
    this.snapshots = snapshots;
    this.bus = bus;
    this.snapshotRequests = bus.<SnapshotRequest>consumer(Addresses.streamSnapshot(name), request -> {
      byte[] jpeg = closed ? null : snapshots.snapshot();
      if (jpeg == null) {
        request.fail(404, "No frame of stream '" + name + "' was decoded yet.");
      } else {
        request.reply(Buffer.buffer(jpeg));
      }
    });
  }

  /**
   * Takes the messages of a new attachment to the decoder's packet address, known cluster-wide since
   * the decoder started: the stream may be sent here at once. (The snapshot subscription completes on
   * its own; a snapshot asked before finds no handler, which the API answers as no frame yet.)
   */
  void attach() {
    attachment = router.attach(this::onPacket);
  }

  String name() {
    return name;
  }

  String id() {
    return id;
  }

  /** The number of the publisher session whose packets this stream takes. */
  int publishes() {
    return publishes;
  }

  /**
   * A newer publisher session (a resume on another ingest node) continues the stream: from now on
   * only messages of a new attachment are taken; the decoder and sinks stay.
   */
  void newPublisherSession(int newPublishes) {
    router.detach(attachment);
    publishes = newPublishes;
    attachedAtNanos = System.nanoTime();
    decoder.newPublisherSession();
    attach();
  }

  /** How long since this attachment was made. */
  long attachedMillis(long nowNanos) {
    return (nowNanos - attachedAtNanos) / 1_000_000;
  }

  /** The attachment's number, which the ingest side tags the stream's messages with. */
  long attachment() {
    return attachment;
  }

  /** The ingest side still reports the stream (live or interrupted). */
  void ingestSeen(long nowNanos) {
    ingestSeenAtNanos = nowNanos;
  }

  /** How long since the ingest side last reported the stream (or since it was taken). */
  long ingestSilentMillis(long nowNanos) {
    return (nowNanos - Math.max(ingestSeenAtNanos, attachedAtNanos)) / 1_000_000;
  }

  StreamDecoder decoder() {
    return decoder;
  }

  private void onPacket(Object body) {
    if (closed) {
      return;
    }
    if (body instanceof MediaPacket packet) {
      decoder.onPacket(packet);
    } else if (body instanceof PacketBatch batch) {
      decoder.onReplay(batch);
      onCaughtUp.run();
    } else if (body instanceof ReleaseStream) {
      // The ingest side moved the stream to another decoder (rebalancing): this one lets go.
      onReleaseRequest.run();
    }
  }

  /** Unsubscribes, drains the decoder into the sinks and frees everything. */
  void close() {
    if (closed) {
      return;
    }
    closed = true;
    router.detach(attachment);
    snapshotRequests.unregister();
    decoder.close();
    snapshots.close();
  }
}
