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

  private final String name;
  private final StreamDecoder decoder;
  private final SnapshotSink snapshots;
  private final MessageConsumer<Object> packets;
  private final MessageConsumer<SnapshotRequest> snapshotRequests;
  private boolean closed;

  private final String address;
  private final long attachedAtNanos = System.nanoTime();
  private long ingestSeenAtNanos = System.nanoTime();
  private long packetAtNanos = System.nanoTime();

  /**
   * @param address this attachment's own packet address: after a move, a lost decoder's stale
   *     subscription (still listed until the cluster drops the node) can never share it
   */
  private final Runnable onReleaseRequest;

  DecodedStream(String name, String address, StreamDecoder decoder, SnapshotSink snapshots, EventBus bus, Runnable onReleaseRequest) {
    this.onReleaseRequest = onReleaseRequest;
    this.name = name;
    this.address = address;
    this.decoder = decoder;
    this.snapshots = snapshots;
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

  String address() {
    return address;
  }

  /** The ingest side still reports the stream live. */
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

  /** How long since the last packet (or since the stream was taken). */
  long packetSilentMillis(long nowNanos) {
    return (nowNanos - packetAtNanos) / 1_000_000;
  }

  private void onPacket(Object body) {
    if (closed) {
      return;
    }
    packetAtNanos = System.nanoTime();
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
