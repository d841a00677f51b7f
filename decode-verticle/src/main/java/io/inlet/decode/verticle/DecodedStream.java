package io.inlet.decode.verticle;

import io.inlet.bus.Addresses;
import io.inlet.bus.MediaPacket;
import io.inlet.bus.PacketBatch;
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
  private final MessageConsumer<Object> snapshotRequests;
  private boolean closed;

  DecodedStream(String name, StreamDecoder decoder, SnapshotSink snapshots, EventBus bus) {
    this.name = name;
    this.decoder = decoder;
    this.snapshots = snapshots;
    this.packets = bus.consumer(Addresses.streamPackets(name), message -> onPacket(message.body()));
    this.snapshotRequests = bus.consumer(Addresses.streamSnapshot(name), request -> {
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
