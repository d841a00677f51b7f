package io.inlet.auth.webhook;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.TimeUnit;

/**
 * The meters of one kind of webhook ({@code auth} or {@code event}): requests by outcome,
 * {@code inlet_webhook_requests_total{kind,outcome}}, and their latency,
 * {@code inlet_webhook_request_seconds{kind}}. Outcomes are a fixed set, never backend-chosen text.
 */
public final class WebhookRequestMetrics {

  /** How one request ended; the label value is the name in lower case. */
  public enum Outcome { ALLOW, DENY, ERROR, TIMEOUT }

  private final MeterRegistry registry;
  private final String kind;
  private final Timer latency;

  public WebhookRequestMetrics(MeterRegistry registry, String kind) {
    this.registry = registry;
    this.kind = kind;
    // Prometheus names: the registry adds "_seconds" to a timer and "_total" to a counter.
    this.latency = Timer.builder("inlet_webhook_request")
        .description("How long a webhook request took, answer or failure")
        .tag("kind", kind)
        // Configured as the event webhook's timer is: one metric name, one shape, whichever registers first.
        .publishPercentileHistogram()
        .maximumExpectedValue(java.time.Duration.ofSeconds(30))
        .register(registry);
  }

  public void record(Outcome outcome, long elapsedNanos) {
    registry.counter("inlet_webhook_requests", "kind", kind, "outcome", outcome.name().toLowerCase()).increment();
    latency.record(elapsedNanos, TimeUnit.NANOSECONDS);
  }
}
