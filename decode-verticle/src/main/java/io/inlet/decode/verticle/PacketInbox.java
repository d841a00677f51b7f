package io.inlet.decode.verticle;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.MessageConsumer;

/**
 * One packet address of this decoder and its subscription, registered before a stream needs it (see
 * {@link PacketInboxes}); the stream that takes it sets where its messages go.
 */
final class PacketInbox {

  private final String address;
  private final MessageConsumer<Object> consumer;
  private volatile Handler<Object> target = body -> {};

  PacketInbox(EventBus bus, String address) {
    this.address = address;
    this.consumer = bus.consumer(address, message -> target.handle(message.body()));
  }

  String address() {
    return address;
  }

  /** Completes once the subscription is known cluster-wide: then the ingest side can send here. */
  Future<Void> registered() {
    return consumer.completion();
  }

  void deliverTo(Handler<Object> target) {
    this.target = target;
  }

  void close() {
    consumer.unregister();
  }
}
