package io.inlet.node.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import io.inlet.auth.webhook.WebhookRequestMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;

/** A node with both webhooks exports both kinds under the same names, in one Prometheus registry. */
class WebhookMetricsTest {

  @Test
  void theAuthAndTheEventWebhookShareTheirMetricNames() {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    new WebhookRequestMetrics(registry, "auth").record(WebhookRequestMetrics.Outcome.ALLOW, 2_000_000);
    new WebhookMetrics(registry, () -> 0).delivered(3_000_000);

    String scrape = registry.scrape();
    assertThat(scrape).contains("inlet_webhook_requests_total{kind=\"auth\",outcome=\"allow\"} 1.0")
        .contains("inlet_webhook_requests_total{kind=\"event\",outcome=\"delivered\"} 1.0")
        .contains("inlet_webhook_request_seconds_count{kind=\"auth\"} 1")
        .contains("inlet_webhook_request_seconds_count{kind=\"event\"} 1");
  }
}
