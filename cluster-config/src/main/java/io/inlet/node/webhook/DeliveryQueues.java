package io.inlet.node.webhook;

import io.vertx.core.json.JsonObject;
import java.util.HashMap;
import java.util.Map;

/**
 * Every (URL, stream) queue of this node, and the node-wide bound: at most {@code maxQueued} events
 * waiting or in flight, URLs together; a new event beyond it is refused (the caller drops and counts
 * it). Not thread-safe: one Vert.x context owns it.
 */
final class DeliveryQueues {

  /** One queue's identity: events of one stream to one URL. */
  record Key(String url, String streamId) {}

  enum Offer { QUEUED, DUPLICATE, FULL }

  private final int maxQueued;
  private final Map<Key, StreamQueue> queues = new HashMap<>();
  private int queued;

  DeliveryQueues(int maxQueued) {
    this.maxQueued = maxQueued;
  }

  Offer offer(Key key, long seq, JsonObject event, long nowMs) {
    if (queued >= maxQueued) {
      return Offer.FULL;
    }
    if (!queues.computeIfAbsent(key, k -> new StreamQueue()).offer(event, seq, nowMs)) {
      return Offer.DUPLICATE;
    }
    queued++;
    return Offer.QUEUED;
  }

  /** The queue of {@code key}, or null when it has none. */
  StreamQueue queue(Key key) {
    return queues.get(key);
  }

  /** The event in flight on {@code key} was delivered or given up: it no longer counts against the bound. */
  void finished(Key key, long nowMs) {
    StreamQueue queue = queues.get(key);
    if (queue != null) {
      queue.finished(nowMs);
      queued--;
    }
  }

  /** Forgets {@code key}'s queue when it holds nothing and its stream ended. */
  void forgetIfDone(Key key, long nowMs) {
    StreamQueue queue = queues.get(key);
    if (queue != null && queue.forgettable(nowMs, Long.MAX_VALUE)) {
      queues.remove(key);
    }
  }

  /** Forgets the empty queues of streams that sent no event for {@code idleMs} (a stream that left this node). */
  void sweep(long nowMs, long idleMs) {
    queues.values().removeIf(queue -> queue.forgettable(nowMs, idleMs));
  }

  /** Every queue, with its key. */
  void forEach(java.util.function.BiConsumer<Key, StreamQueue> action) {
    queues.forEach(action);
  }

  /** Events waiting or in flight. */
  int depth() {
    return queued;
  }

  int streams() {
    return queues.size();
  }
}
