package io.inlet.decode.verticle;

import io.inlet.bus.Assignment;
import io.inlet.bus.LinkProbe;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import java.util.HashMap;
import java.util.Map;

/**
 * This decoder's one packet address ({@link io.inlet.bus.Addresses#decoderPackets}), subscribed once
 * at start, and the streams attached to it. Every stream taken (and every newer publisher session of
 * one) gets an attachment number never given before; the ingest side tags each message of the stream
 * with it, and a message is handed to the stream whose attachment it names, or dropped: packets of
 * an older session or of a stream let go are never decoded.
 *
 * <p>Why one address and not one per stream: subscribing is a write to the cluster's subscription
 * map, and the ingest side's first send to an address looks it up there; both wait while the map
 * entry's owner is an unreachable member (a network partition, until the cluster drops that member,
 * seconds later). With one address per decoder, subscribed and looked up long before, a decoder takes
 * the streams of a partitioned one at once. Confined to the decode verticle's context.
 */
final class PacketRouter {

  private final String address;
  private final MessageConsumer<Object> consumer;
  private final Map<Long, Handler<Object>> attachments = new HashMap<>();
  private long lastAttachment;

  PacketRouter(EventBus bus, String address) {
    this.address = address;
    this.consumer = bus.consumer(address, this::route);
  }

  String address() {
    return address;
  }

  /** Completes once the subscription is known cluster-wide. */
  Future<Void> registered() {
    return consumer.completion();
  }

  /** A new attachment whose messages go to {@code target}; its number. */
  long attach(Handler<Object> target) {
    long attachment = ++lastAttachment;
    attachments.put(attachment, target);
    return attachment;
  }

  /** The attachment's later messages are dropped. */
  void detach(long attachment) {
    attachments.remove(attachment);
  }

  /** Completes once the address is unsubscribed cluster-wide. */
  Future<Void> close() {
    attachments.clear();
    return consumer.unregister();
  }

  private void route(Message<Object> message) {
    if (message.body() instanceof LinkProbe) {
      // Answered here, after the media queued before it: the ingest node reads the link's lag from it.
      message.reply(message.body());
      return;
    }
    Handler<Object> target = attachments.get(Assignment.attachmentOf(message.headers()));
    if (target != null) {
      target.handle(message.body());
    }
  }
}
