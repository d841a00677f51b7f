package io.inlet.decode.verticle;

import io.inlet.bus.Addresses;
import io.inlet.bus.MediaPacket;
import io.inlet.bus.PacketBatch;
import io.inlet.bus.ReleaseStream;
import io.inlet.bus.SnapshotRequest;
import io.inlet.decode.sink.SnapshotSink;
import io.inlet.decode.stream.StreamDecoder;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.MessageConsumer;

/**
 * One stream taken by this decode verticle: subscribed to its packet address, where the ingest side
 * sends the cached packets as one batch and then each live packet, and to its snapshot address.
 */
final class DecodedStream {

  private final String id;
  private final String name;
  private final StreamDecoder decoder;
  private final SnapshotSink snapshots;
  private final EventBus bus;
  private final MessageConsumer<SnapshotRequest> snapshotRequests;
  private final Runnable onReleaseRequest;
  private boolean closed;

  /**
   * This attachment's own packet address: after a move, a lost decoder's stale subscription (still
   * listed until the cluster drops the node) can never share it; a newer publisher session gets a new
   * one, so the older session's packets still on their way are never decoded.
   */
  private String address;
  private MessageConsumer<Object> packets;
  private int publishes;
  private long attachedAtNanos = System.nanoTime();
  private long ingestSeenAtNanos = System.nanoTime();

  DecodedStream(String id, String name, int publishes, String address, StreamDecoder decoder, SnapshotSink snapshots,
      EventBus bus, Runnable onReleaseRequest) {
    this.id = id;
    this.onReleaseRequest = onReleaseRequest;
    this.name = name;
    this.publishes = publishes;
    this.address = address;
    this.decoder = decoder;
    this.snapshots = snapshots;
    this.bus = bus;
    this.packets = bus.consumer(address, message -> onPacket(message.body()));
    this.snapshotRequests = bus.<SnapshotRequest>consumer(Addresses.streamSnapshot(name), request -> {
      byte[] jpeg = closed ? null : snapshots.snapshot();
      if (jpeg == null) {
        request.fail(404, "No frame of stream '" + name + "' was decoded yet.");
      } else {
        request.reply(Buffer.buffer(jpeg));
      }
    });
  }

  /** Completes once the subscriptions are registered (cluster-wide): then the stream may be sent here. */
  Future<Void> ready() {
    return Future.all(packets.completion(), snapshotRequests.completion()).mapEmpty();
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
   * packets come to {@code newAddress}; the old subscription goes, the decoder and sinks stay.
   * Completes once the new subscription is registered.
   */
  Future<Void> newPublisherSession(int newPublishes, String newAddress) {
    packets.unregister();
    publishes = newPublishes;
    address = newAddress;
    attachedAtNanos = System.nanoTime();
    decoder.newPublisherSession();
    packets = bus.consumer(newAddress, message -> onPacket(message.body()));
    return packets.completion();
  }

  /** How long since this attachment was made. */
  long attachedMillis(long nowNanos) {
    return (nowNanos - attachedAtNanos) / 1_000_000;
  }

  String address() {
    return address;
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
    packets.unregister();
    snapshotRequests.unregister();
    decoder.close();
    snapshots.close();
  }
}
