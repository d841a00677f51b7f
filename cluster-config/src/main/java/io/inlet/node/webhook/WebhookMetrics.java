package io.inlet.node.webhook;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.function.IntSupplier;

/**
 * The event webhook's meters: {@code inlet_webhook_requests_total{kind="event",outcome}} (each request
 * ends delivered, retried or failed: given up), {@code inlet_webhook_request_seconds{kind="event"}},
 * {@code inlet_webhook_queue_depth} and {@code inlet_webhook_events_dropped_total{reason}} (expired:
 * undelivered after the retry window; overflow: beyond the queue bound).
 */
final class WebhookMetrics {

  private static final String KIND = "event";

  private final Counter delivered;
  private final Counter retried;
  private final Counter failed;
  private final Counter droppedExpired;
  private final Counter droppedOverflow;
  private final Timer latency;

  WebhookMetrics(MeterRegistry registry, IntSupplier queueDepth) {
    delivered = requests(registry, "delivered");
    retried = requests(registry, "retried");
    failed = requests(registry, "failed");
    droppedExpired = dropped(registry, "expired");
    droppedOverflow = dropped(registry, "overflow");
    latency = Timer.builder("inlet_webhook_request").description("One webhook request, sent to answered or failed")
        .tag("kind", KIND).publishPercentileHistogram().maximumExpectedValue(Duration.ofSeconds(30)).register(registry);
    Gauge.builder("inlet_webhook_queue_depth", queueDepth::getAsInt)
        .description("Events waiting for the event webhook or in flight, on this node").register(registry);
  }

  private static Counter requests(MeterRegistry registry, String outcome) {
    return Counter.builder("inlet_webhook_requests").description("Webhook requests by how they ended")
        .tag("kind", KIND).tag("outcome", outcome).register(registry);
  }

  private static Counter dropped(MeterRegistry registry, String reason) {
    return Counter.builder("inlet_webhook_events_dropped").description("Stream events the event webhook never delivered")
        .tag("reason", reason).register(registry);
  }

  void delivered(long nanos) {
    latency.record(Duration.ofNanos(nanos));
    delivered.increment();
  }

  void retried(long nanos) {
    latency.record(Duration.ofNanos(nanos));
    retried.increment();
  }

  /** The last attempt failed and the event is given up. */
  void failed(long nanos) {
    latency.record(Duration.ofNanos(nanos));
    failed.increment();
    droppedExpired.increment();
  }

  void overflow() {
    droppedOverflow.increment();
  }
}
