package io.inlet.decode.verticle;

import io.inlet.bus.Addresses;
import io.inlet.bus.MediaPacket;
import io.inlet.bus.PacketBatch;
import io.inlet.decode.sink.SnapshotSink;
import io.inlet.decode.stream.StreamDecoder;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import java.util.ArrayDeque;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One stream taken by this decode verticle: subscribes to its packets, asks the ingest side for the
 * replay (sequence headers and packets since the last keyframe), then decodes live packets. Packets
 * that arrive while the replay is on its way wait in a bounded queue.
 */
final class DecodedStream {

  private static final Logger LOG = LoggerFactory.getLogger(DecodedStream.class);
  /** Live packets held while the replay is on its way: beyond this, the oldest are dropped. */
  static final int MAX_PENDING = 4_096;
  private static final DeliveryOptions REPLAY_TIMEOUT = new DeliveryOptions().setSendTimeout(3_000);

  private final String name;
  private final StreamDecoder decoder;
  private final SnapshotSink snapshots;
  private final MessageConsumer<MediaPacket> packets;
  private final MessageConsumer<Object> snapshotRequests;
  private final ArrayDeque<MediaPacket> pending = new ArrayDeque<>();
  private boolean replayed;
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

  /** Starts pulling: once the packet subscription is registered, asks for the replay. */
  Future<Void> start(EventBus bus) {
    return packets.completion()
        .compose(v -> bus.<PacketBatch>request(Addresses.streamReplay(name), new JsonObject(), REPLAY_TIMEOUT))
        .onSuccess(reply -> onReplay(reply.body()))
        .onFailure(cause -> {
          LOG.warn("stream '{}': no replay from the ingest side ({}); decoding starts at the next keyframe", name, cause.getMessage());
          onReplay(new PacketBatch(name, -1, java.util.List.of()));
        })
        .mapEmpty();
  }

  String name() {
    return name;
  }

  StreamDecoder decoder() {
    return decoder;
  }

  private void onReplay(PacketBatch batch) {
    if (closed || replayed) {
      return;
    }
    replayed = true;
    decoder.onReplay(batch);
    while (!pending.isEmpty()) {
      decoder.onPacket(pending.poll());
    }
  }

  private void onPacket(MediaPacket packet) {
    if (closed) {
      return;
    }
    if (!replayed) {
      if (pending.size() >= MAX_PENDING) {
        pending.poll();
      }
      pending.add(packet);
      return;
    }
    decoder.onPacket(packet);
  }

  /** Unsubscribes, drains the decoder into the sinks and frees everything. */
  void close() {
    if (closed) {
      return;
    }
    closed = true;
    packets.unregister();
    snapshotRequests.unregister();
    pending.clear();
    decoder.close();
    snapshots.close();
  }
}
