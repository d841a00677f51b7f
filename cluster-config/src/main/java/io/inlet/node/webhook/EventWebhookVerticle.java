package io.inlet.node.webhook;

import io.inlet.auth.webhook.WebhookPoster;
import io.inlet.bus.Addresses;
import io.inlet.bus.BusCodecs;
import io.inlet.bus.WebhookProgress;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;

/**
 * The event webhook on an ingest node: listens on {@link Addresses#STREAM_EVENTS} and hands the
 * events this node produced to {@link EventDelivery}. Thin: the rules live in the plain classes.
 */
public final class EventWebhookVerticle extends VerticleBase {

  private static final long SWEEP_EVERY_MS = 60_000;

  private final String nodeId;
  private final EventWebhookOptions options;
  private final MeterRegistry registry;
  private WebhookPoster poster;
  private EventDelivery delivery;

  /** @param nodeId this node's id, as ingest writes it in each event's {@code ingestNode} */
  public EventWebhookVerticle(String nodeId, EventWebhookOptions options, MeterRegistry registry) {
    this.nodeId = nodeId;
    this.options = options;
    this.registry = registry;
  }

  @Override
  public Future<?> start() {
    BusCodecs.register(vertx);
    poster = new WebhookPoster(vertx, options.secret(), options.timeoutMs(), options.trustedCaPem());
    DeliveryQueues queues = new DeliveryQueues(options.maxQueued());
    delivery = new EventDelivery(vertx, nodeId, options, poster, queues, new WebhookMetrics(registry, queues::depth));
    vertx.setPeriodic(SWEEP_EVERY_MS, id -> delivery.sweep());
    MessageConsumer<JsonObject> consumer = vertx.eventBus().consumer(Addresses.STREAM_EVENTS,
        message -> delivery.accept(message.body()));
    MessageConsumer<WebhookProgress> progress = vertx.eventBus().consumer(Addresses.WEBHOOK_PROGRESS,
        message -> delivery.progress(message.body()));
    return Future.all(consumer.completion(), progress.completion());
  }

  @Override
  public Future<?> stop() {
    delivery.close();
    poster.close();
    return Future.succeededFuture();
  }
}
