package io.inlet.ingest.stream;

import io.inlet.bus.Addresses;
import io.inlet.bus.StreamEvent;
import io.vertx.core.eventbus.EventBus;

/**
 * One stream's lifecycle as the cluster sees it on {@link Addresses#STREAM_EVENTS}: started, moved to
 * another decoder, ended. The decode side frees a stream's decoder on its ended event.
 */
final class StreamEvents {

  private final EventBus bus;
  private final StreamInfo info;

  StreamEvents(EventBus bus, StreamInfo info) {
    this.bus = bus;
    this.info = info;
  }

  void started() {
    bus.publish(Addresses.STREAM_EVENTS, StreamEvent.started(info.toMessage()).toJson());
  }

  /** A decoder took the stream: recorded on the stream, and told when it moved from another one. */
  void attached(String decodeNode, String previousDecodeNode, boolean moved) {
    info.decodeNode(decodeNode);
    if (moved) {
      bus.publish(Addresses.STREAM_EVENTS, StreamEvent.moved(info.toMessage(), previousDecodeNode).toJson());
    }
  }

  void ended(String reason) {
    bus.publish(Addresses.STREAM_EVENTS, StreamEvent.ended(info.toMessage(), reason).toJson());
  }
}
