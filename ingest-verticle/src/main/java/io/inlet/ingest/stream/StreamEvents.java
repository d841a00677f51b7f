package io.inlet.ingest.stream;

import io.inlet.bus.Addresses;
import io.inlet.bus.StreamEvent;
import io.vertx.core.eventbus.EventBus;
import java.time.Instant;

/**
 * One stream's lifecycle as the cluster sees it on {@link Addresses#STREAM_EVENTS}: started,
 * interrupted, resumed, moved to another decoder, ended; numbered 1, 2, 3, ... in the order they
 * happen ({@code seq}), so a receiver can put them in order and drop duplicates. The decode side frees
 * a stream's decoder on its ended event.
 */
final class StreamEvents {

  private final EventBus bus;
  private final StreamInfo info;
  private long seq;

  StreamEvents(EventBus bus, StreamInfo info) {
    this.bus = bus;
    this.info = info;
  }

  /** The stream's events so far were numbered on another node; the next one here is {@code nextSeq}. */
  void continueAt(long nextSeq) {
    seq = nextSeq - 1;
  }

  /** The seq the next event will get. */
  long nextSeq() {
    return seq + 1;
  }

  void started() {
    publish(StreamEvent.started(info.toMessage(), ++seq, Instant.now()));
  }

  void interrupted(String reason) {
    publish(StreamEvent.interrupted(info.toMessage(), ++seq, Instant.now(), reason));
  }

  void resumed(long gapMs) {
    publish(StreamEvent.resumed(info.toMessage(), ++seq, Instant.now(), gapMs));
  }

  /** A decoder took the stream: recorded on the stream, and told when it moved from another one. */
  void attached(String decodeNode, String previousDecodeNode, boolean moved) {
    info.decodeNode(decodeNode);
    if (moved) {
      publish(StreamEvent.moved(info.toMessage(), ++seq, Instant.now(), previousDecodeNode));
    }
  }

  void ended(String reason) {
    publish(StreamEvent.ended(info.toMessage(), ++seq, Instant.now(), reason));
  }

  private void publish(StreamEvent event) {
    bus.publish(Addresses.STREAM_EVENTS, event.toJson());
  }
}
