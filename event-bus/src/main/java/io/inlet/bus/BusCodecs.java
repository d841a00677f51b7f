package io.inlet.bus;

import io.vertx.core.Vertx;
import io.vertx.core.eventbus.EventBus;

/** Registers Inlet's event-bus codecs once per Vert.x instance. */
public final class BusCodecs {

  private BusCodecs() {}

  /** Idempotent: verticles of every role call it in their start. */
  public static synchronized void register(Vertx vertx) {
    EventBus bus = vertx.eventBus();
    try {
      bus.registerDefaultCodec(MediaPacket.class, new MediaPacketCodec());
      bus.registerDefaultCodec(PacketBatch.class, new PacketBatchCodec());
    } catch (IllegalStateException alreadyRegistered) {
      // Another verticle of this Vert.x instance registered them first.
    }
  }
}
