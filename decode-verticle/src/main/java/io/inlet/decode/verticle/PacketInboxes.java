package io.inlet.decode.verticle;

import io.inlet.bus.Addresses;
import io.vertx.core.Future;
import io.vertx.core.eventbus.EventBus;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.UUID;

/**
 * Packet addresses registered ahead of need. Registering a subscription is a write to the cluster's
 * shared map, and while a cluster member is unreachable (a network partition, until the cluster
 * drops it after its heartbeat timeout, 5 s) such writes wait: a decoder that registered on demand
 * could not take the streams of a partitioned decoder for those seconds. With a few addresses ready,
 * it takes them at once and registers replacements in the background. Confined to the decode
 * verticle's context.
 */
final class PacketInboxes {

  private final EventBus bus;
  private final String prefix;
  private final int spares;
  private final Deque<PacketInbox> ready = new ArrayDeque<>();
  private int registering;
  private boolean closed;

  /** Keeps {@code spares} addresses ready for decoder {@code decoderId}. */
  PacketInboxes(EventBus bus, String decoderId, int spares) {
    this.bus = bus;
    // One namespace per decoder, one address per attachment: never shared with a stale subscription.
    this.prefix = Addresses.streamPackets("decoder-" + decoderId) + ".";
    this.spares = spares;
    refill();
  }

  /**
   * A packet address for a stream: a ready one at once, else one registered now (the future completes
   * once it is known cluster-wide).
   */
  Future<PacketInbox> take() {
    PacketInbox inbox = ready.poll();
    refill();
    if (inbox != null) {
      return Future.succeededFuture(inbox);
    }
    PacketInbox fresh = new PacketInbox(bus, prefix + UUID.randomUUID());
    return fresh.registered().map(fresh);
  }

  private void refill() {
    while (!closed && ready.size() + registering < spares) {
      registering++;
      PacketInbox inbox = new PacketInbox(bus, prefix + UUID.randomUUID());
      inbox.registered().onComplete(done -> {
        registering--;
        if (done.succeeded() && !closed) {
          ready.add(inbox);
        } else {
          inbox.close();
        }
      });
    }
  }

  void close() {
    closed = true;
    ready.forEach(PacketInbox::close);
    ready.clear();
  }
}
