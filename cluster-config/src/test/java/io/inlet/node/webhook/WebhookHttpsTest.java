package io.inlet.node.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import io.inlet.bus.Addresses;
import io.inlet.testkit.Await;
import io.inlet.testkit.SelfSignedCertificate;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.PemKeyCertOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The event webhook over HTTPS against a real TLS server with a certificate of the test's own: the
 * certificate is verified (against --webhook-ca, or the JVM's default CAs when it is unset), host
 * name included; a request that fails verification is retried, never sent in the clear.
 */
class WebhookHttpsTest {

  @TempDir
  Path dir;
  private Vertx vertx;
  private PrometheusMeterRegistry registry;
  private final List<JsonObject> received = new CopyOnWriteArrayList<>();

  @BeforeEach
  void start() {
    vertx = Vertx.vertx();
    registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  }

  @AfterEach
  void stop() {
    vertx.close().await();
  }

  /** An HTTPS receiver presenting {@code certificate}; its URL. */
  private String receiver(SelfSignedCertificate certificate) {
    HttpServer server = vertx.createHttpServer(new HttpServerOptions().setSsl(true).setKeyCertOptions(
            new PemKeyCertOptions().setCertPath(certificate.certificate().toString()).setKeyPath(certificate.key().toString())))
        .requestHandler(request -> request.body().onSuccess(body -> {
          received.add(body.toJsonObject());
          request.response().end();
        }))
        .listen(0, "127.0.0.1").await();
    return "https://127.0.0.1:" + server.actualPort() + "/events";
  }

  private void deliver(String url, String trustedCa) {
    EventWebhookOptions options = EventWebhookOptions.of(List.of(url), "secret", 1_000).withRetries(100, 500, 60_000)
        .withTrustedCa(trustedCa);
    vertx.deployVerticle(new EventWebhookVerticle("local", options, registry)).await();
    vertx.eventBus().publish(Addresses.STREAM_EVENTS, EventDeliveryTest.event("s1", 1, "started", "local"));
  }

  private double retried() {
    return EventDeliveryTest.sample(registry.scrape(), "inlet_webhook_requests_total{kind=\"event\",outcome=\"retried\"}");
  }

  @Test
  void aCertificateOfTheTrustedCaIsVerifiedAndTheEventDelivered() throws Exception {
    SelfSignedCertificate backend = SelfSignedCertificate.create(dir, "backend", "IP:127.0.0.1");
    deliver(receiver(backend), backend.certificate().toString());
    Await.until("the event delivered over HTTPS", Duration.ofSeconds(10), () -> received.size() == 1);
    assertThat(received.get(0).getString("type")).isEqualTo("started");
  }

  @Test
  void withoutTheCaTheJvmsDefaultCasRefuseASelfSignedCertificate() throws Exception {
    SelfSignedCertificate backend = SelfSignedCertificate.create(dir, "backend", "IP:127.0.0.1");
    deliver(receiver(backend), null);
    Await.until("three refused attempts", Duration.ofSeconds(10), () -> retried() >= 3);
    assertThat(received).isEmpty();
  }

  @Test
  void aTrustedCertificateForAnotherHostIsRefused() throws Exception {
    SelfSignedCertificate elsewhere = SelfSignedCertificate.create(dir, "elsewhere", "DNS:backend.example");
    deliver(receiver(elsewhere), elsewhere.certificate().toString());
    Await.until("three refused attempts", Duration.ofSeconds(10), () -> retried() >= 3);
    assertThat(received).isEmpty();
  }
}
