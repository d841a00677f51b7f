package io.inlet.node.webhook;

import io.inlet.auth.webhook.WebhookPoster;
import io.inlet.node.webhook.DeliveryQueues.Key;
import io.inlet.node.webhook.StreamQueue.Pending;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers this node's stream events to the event webhook URLs: per URL and stream one request in
 * flight, in {@code seq} order, retried with doubling backoff until the retry window after the
 * event's first attempt has passed. Streams and URLs never wait for each other. Runs on one Vert.x
 * context (the bus consumer's, the timers' and the web client's), so it needs no locks.
 *
 * <p>Which node sends: the one whose node id is the event's {@code ingestNode}, i.e. the ingest node
 * that produced it. Every node receives every event; the others ignore it, so the cluster sends each
 * event once (more only through retries).
 */
final class EventDelivery {

  private static final Logger LOG = LoggerFactory.getLogger(EventDelivery.class);
  /** An idle (URL, stream) queue is forgotten after this long: its stream has left the node. */
  private static final long FORGET_IDLE_MS = 10 * 60_000;

  private final Vertx vertx;
  private final String nodeId;
  private final EventWebhookOptions options;
  private final WebhookPoster poster;
  private final DeliveryQueues queues;
  private final WebhookMetrics metrics;
  private boolean closed;

  EventDelivery(Vertx vertx, String nodeId, EventWebhookOptions options, WebhookPoster poster, DeliveryQueues queues,
      WebhookMetrics metrics) {
    this.vertx = vertx;
    this.nodeId = nodeId;
    this.options = options;
    this.poster = poster;
    this.queues = queues;
    this.metrics = metrics;
  }

  /** One event as published on the bus: queued for each URL when this node produced it. */
  void accept(JsonObject event) {
    if (closed || !nodeId.equals(event.getValue("ingestNode"))) {
      return;
    }
    Object id = event.getValue("id");
    Object seq = event.getValue("seq");
    if (!(id instanceof String streamId) || !(seq instanceof Number number) || number.longValue() <= 0) {
      LOG.warn("event webhook: ignored a stream event without id or seq: {}", event.getValue("type"));
      return;
    }
    long now = now();
    for (String url : options.urls()) {
      Key key = new Key(url, streamId);
      switch (queues.offer(key, number.longValue(), event, now)) {
        case QUEUED -> pump(key);
        case FULL -> {
          metrics.overflow();
          LOG.warn("event webhook: {} events queued, dropped {} seq {} of stream {}", queues.depth(),
              event.getValue("type"), seq, streamId);
        }
        case DUPLICATE -> { }
      }
    }
  }

  /** Forgets idle queues; called now and then. */
  void sweep() {
    queues.sweep(now(), FORGET_IDLE_MS);
  }

  void close() {
    closed = true;
  }

  /** Sends the queue's next event if it may go now, or wakes up when a held one may. */
  private void pump(Key key) {
    StreamQueue queue = queues.queue(key);
    if (closed || queue == null) {
      return;
    }
    long now = now();
    Pending next = queue.take(now, options.reorderWaitMs());
    if (next != null) {
      attempt(key, next, now, options.firstBackoffMs());
      return;
    }
    long heldUntil = queue.heldUntil(options.reorderWaitMs());
    if (heldUntil >= 0 && queue.setWakeUp()) {
      vertx.setTimer(Math.max(1, heldUntil - now), id -> {
        queue.wokeUp();
        pump(key);
      });
    } else {
      queues.forgetIfDone(key, now);
    }
  }

  private void attempt(Key key, Pending pending, long firstAttemptMs, long backoffMs) {
    long started = System.nanoTime();
    poster.post(key.url(), pending.event()).onComplete(answer -> {
      long nanos = System.nanoTime() - started;
      if (answer.succeeded() && answer.result().statusCode() / 100 == 2) {
        metrics.delivered(nanos);
        next(key);
        return;
      }
      String why = answer.succeeded() ? "HTTP " + answer.result().statusCode() : String.valueOf(answer.cause().getMessage());
      if (closed || now() + backoffMs - firstAttemptMs > options.retryForMs()) {
        metrics.failed(nanos);
        LOG.warn("event webhook: gave up on {} seq {} of stream {} after {} ms ({})", pending.event().getValue("type"),
            pending.seq(), key.streamId(), now() - firstAttemptMs, why);
        next(key);
        return;
      }
      metrics.retried(nanos);
      LOG.debug("event webhook: seq {} of stream {} failed ({}), retry in {} ms", pending.seq(), key.streamId(), why, backoffMs);
      vertx.setTimer(backoffMs, id -> attempt(key, pending, firstAttemptMs,
          Math.min(backoffMs * 2, options.maxBackoffMs())));
    });
  }

  private void next(Key key) {
    queues.finished(key, now());
    pump(key);
  }

  private static long now() {
    return System.nanoTime() / 1_000_000;
  }
}
