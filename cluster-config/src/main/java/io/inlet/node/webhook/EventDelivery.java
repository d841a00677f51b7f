package io.inlet.node.webhook;

import io.inlet.auth.webhook.WebhookPoster;
import io.inlet.bus.Addresses;
import io.inlet.bus.WebhookProgress;
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
 *
 * <p>A stream that moved to another ingest node (its publisher reconnected there) is delivered on by
 * that node. Each node tells the others how far its delivery got ({@link WebhookProgress}), and
 * {@link PeerDeliveries} holds a moved stream's next events until the node before finished the
 * earlier ones, so no later event overtakes an earlier one across nodes either.
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
  private final PeerDeliveries peers;
  private boolean closed;

  EventDelivery(Vertx vertx, String nodeId, EventWebhookOptions options, WebhookPoster poster, DeliveryQueues queues,
      WebhookMetrics metrics) {
    this.vertx = vertx;
    this.nodeId = nodeId;
    this.options = options;
    this.poster = poster;
    this.queues = queues;
    this.metrics = metrics;
    // A node retrying sends a notice at least every longest backoff plus one request's time (twice: slack).
    this.peers = new PeerDeliveries(options.maxBackoffMs() + 2 * options.timeoutMs(), options.maxQueued());
  }

  /**
   * One event as published on the bus: queued for each URL when this node produced it; when another
   * node did, remembered as owed by that node.
   */
  void accept(JsonObject event) {
    if (closed) {
      return;
    }
    Object id = event.getValue("id");
    Object seq = event.getValue("seq");
    Object producer = event.getValue("ingestNode");
    if (!(id instanceof String streamId) || !(seq instanceof Number number) || number.longValue() <= 0
        || !(producer instanceof String node)) {
      LOG.warn("event webhook: ignored a stream event without id, seq or ingestNode: {}", event.getValue("type"));
      return;
    }
    long now = now();
    if (!nodeId.equals(node)) {
      for (String url : options.urls()) {
        Key key = new Key(url, streamId);
        peers.produced(key, node, number.longValue(), now);
        if (queues.queue(key) != null) {
          pump(key); // an event of ours may now have to wait for it
        }
      }
      return;
    }
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

  /** Another node's delivery progress: a moved stream's events held here may go once it finished. */
  void progress(WebhookProgress notice) {
    if (closed || nodeId.equals(notice.node()) || !options.urls().contains(notice.url())) {
      return;
    }
    Key key = new Key(notice.url(), notice.stream());
    if (peers.progress(key, notice.node(), notice.seq(), notice.finished(), now())) {
      pump(key);
    }
  }

  /** Forgets idle queues; called now and then. */
  void sweep() {
    queues.sweep(now(), FORGET_IDLE_MS);
    peers.sweep(now(), FORGET_IDLE_MS);
  }

  /**
   * Stops delivering. What this node still owed is given up (lost with the node, as README says), and
   * it says so: a node a stream moved to would otherwise hold that stream's next events until this
   * node counted as silent (a rolling restart is often why the publisher moved).
   */
  void close() {
    queues.forEach((key, queue) -> vertx.eventBus().publish(Addresses.WEBHOOK_PROGRESS,
        new WebhookProgress(key.streamId(), key.url(), nodeId, queue.highestSeq(), true)));
    closed = true;
  }

  /** Sends the queue's next event if it may go now, or wakes up when a held one may. */
  private void pump(Key key) {
    StreamQueue queue = queues.queue(key);
    if (closed || queue == null) {
      return;
    }
    long now = now();
    long head = queue.firstWaiting();
    if (head > 0) {
      if (peers.mustWait(key, head, now)) {
        wakeUp(key, queue, peers.silentAfter(key), now);
        return;
      }
      queue.skipTo(peers.handledElsewhereBefore(key, head));
    }
    Pending next = queue.take(now, options.reorderWaitMs());
    if (next != null) {
      attempt(key, next, now, options.firstBackoffMs());
      return;
    }
    long heldUntil = queue.heldUntil(options.reorderWaitMs());
    if (heldUntil >= 0) {
      wakeUp(key, queue, heldUntil, now);
    } else {
      queues.forgetIfDone(key, now);
    }
  }

  /** Pumps {@code key} again at {@code atMs}; one timer per queue. */
  private void wakeUp(Key key, StreamQueue queue, long atMs, long now) {
    if (queue.setWakeUp()) {
      vertx.setTimer(Math.max(1, atMs - now), id -> {
        queue.wokeUp();
        pump(key);
      });
    }
  }

  private void attempt(Key key, Pending pending, long firstAttemptMs, long backoffMs) {
    long started = System.nanoTime();
    poster.post(key.url(), pending.event()).onComplete(answer -> {
      long nanos = System.nanoTime() - started;
      if (answer.succeeded() && answer.result().statusCode() / 100 == 2) {
        metrics.delivered(nanos);
        tellPeers(key, pending, true);
        next(key);
        return;
      }
      String why = answer.succeeded() ? "HTTP " + answer.result().statusCode() : String.valueOf(answer.cause().getMessage());
      if (closed || now() + backoffMs - firstAttemptMs > options.retryForMs()) {
        metrics.failed(nanos);
        LOG.warn("event webhook: gave up on {} seq {} of stream {} after {} ms ({})", pending.event().getValue("type"),
            pending.seq(), key.streamId(), now() - firstAttemptMs, why);
        tellPeers(key, pending, true);
        next(key);
        return;
      }
      metrics.retried(nanos);
      tellPeers(key, pending, false);
      LOG.debug("event webhook: seq {} of stream {} failed ({}), retry in {} ms", pending.seq(), key.streamId(), why, backoffMs);
      vertx.setTimer(backoffMs, id -> attempt(key, pending, firstAttemptMs,
          Math.min(backoffMs * 2, options.maxBackoffMs())));
    });
  }

  /** Publishes how far this node got with {@code pending}, for the node its stream may move to. */
  private void tellPeers(Key key, Pending pending, boolean finished) {
    if (!closed) {
      vertx.eventBus().publish(Addresses.WEBHOOK_PROGRESS,
          new WebhookProgress(key.streamId(), key.url(), nodeId, pending.seq(), finished));
    }
  }

  private void next(Key key) {
    queues.finished(key, now());
    pump(key);
  }

  private static long now() {
    return System.nanoTime() / 1_000_000;
  }
}
