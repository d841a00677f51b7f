package io.inlet.node.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import io.inlet.auth.webhook.WebhookSignature;
import io.inlet.bus.Addresses;
import io.inlet.bus.WebhookProgress;
import io.inlet.node.webhook.WebhookReceiver.Received;
import io.inlet.testkit.Await;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The event webhook against a real HTTP receiver, with events published on a local event bus as an
 * ingest node publishes them: order through failures and a 20 s outage, signature, expiry, reorder,
 * duplicates and events of other nodes.
 */
class EventDeliveryTest {

  private static final String NODE = "local";
  private static final String SECRET = "a webhook secret";
  private static final List<String> TYPES = List.of("started", "interrupted", "resumed", "ended");

  private Vertx vertx;
  private PrometheusMeterRegistry registry;

  @BeforeEach
  void start() {
    vertx = Vertx.vertx();
    registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  }

  @AfterEach
  void stop() {
    vertx.close().await();
  }

  private void deploy(EventWebhookOptions options) {
    vertx.deployVerticle(new EventWebhookVerticle(NODE, options, registry)).await();
  }

  private static EventWebhookOptions fastRetries(String url, long retryForMs) {
    return EventWebhookOptions.of(List.of(url), SECRET, 1_000).withRetries(100, 1_000, retryForMs);
  }

  static JsonObject event(String id, long seq, String type, String ingestNode) {
    return new JsonObject().put("id", id).put("name", "cam-" + id).put("app", "live").put("ingestNode", ingestNode)
        .put("type", type).put("seq", seq).put("at", Instant.now().toString());
  }

  private void publish(JsonObject event) {
    vertx.eventBus().publish(Addresses.STREAM_EVENTS, event);
  }

  private static Map<String, List<Long>> seqsByStream(List<Received> received) {
    return received.stream().collect(Collectors.groupingBy(Received::id, Collectors.mapping(Received::seq, Collectors.toList())));
  }

  @Test
  void failuresAndATwentySecondOutageKeepEveryStreamInSeqOrder() throws Exception {
    WebhookReceiver receiver = new WebhookReceiver(vertx, n -> n <= 3 ? 500 : 200).start();
    deploy(fastRetries(receiver.url(), 120_000));
    for (String id : List.of("s1", "s2", "s3")) {
      publish(event(id, 1, "started", NODE));
      publish(event(id, 2, "interrupted", NODE));
    }
    Await.until("the first three requests answered 500", Duration.ofSeconds(10), () -> receiver.requests() >= 3);
    receiver.stop();
    long downAt = System.nanoTime();
    int requestsBeforeOutage = receiver.requests();
    for (String id : List.of("s1", "s2", "s3")) {
      publish(event(id, 3, "resumed", NODE));
      publish(event(id, 4, "ended", NODE));
    }
    Thread.sleep(20_000);
    int requestsWhileDown = receiver.requests();
    receiver.start();
    assertThat(Duration.ofNanos(System.nanoTime() - downAt)).isGreaterThanOrEqualTo(Duration.ofSeconds(20));

    Await.until("every event delivered", Duration.ofSeconds(15), () -> receiver.accepted().size() >= 12);
    Thread.sleep(300);
    List<Received> accepted = receiver.accepted();
    assertThat(seqsByStream(accepted)).containsOnlyKeys("s1", "s2", "s3")
        .allSatisfy((id, seqs) -> assertThat(seqs).as("stream %s", id).containsExactly(1L, 2L, 3L, 4L));
    for (Received request : accepted) {
      assertThat(request.signature()).isEqualTo(WebhookSignature.of(SECRET, Buffer.buffer(request.rawBody())));
      assertThat(request.body().getString("type")).isEqualTo(TYPES.get((int) request.seq() - 1));
    }
    assertThat(requestsWhileDown).as("nothing reached the receiver while it was down").isEqualTo(requestsBeforeOutage);
    String metrics = registry.scrape();
    assertThat(metrics).contains("inlet_webhook_requests_total{kind=\"event\",outcome=\"delivered\"} 12.0")
        .contains("inlet_webhook_queue_depth 0.0")
        .contains("inlet_webhook_request_seconds_bucket{kind=\"event\"");
    assertThat(sample(metrics, "inlet_webhook_requests_total{kind=\"event\",outcome=\"retried\"}")).isGreaterThanOrEqualTo(3);
    assertThat(sample(metrics, "inlet_webhook_events_dropped_total{reason=\"expired\"}")).isZero();
  }

  @Test
  void aStreamMovedFromAnotherNodeSendsItsNextEventOnlyAfterThatNodeFinishedTheEarlierOnes() throws Exception {
    WebhookReceiver receiver = WebhookReceiver.alwaysOk(vertx).start();
    deploy(EventWebhookOptions.of(List.of(receiver.url()), null, 1_000));
    String before = "10.0.0.9:5701";
    publish(event("s1", 1, "started", before));
    publish(event("s1", 2, "interrupted", before));
    publish(event("s1", 3, "resumed", NODE));
    Thread.sleep(3_000); // past the 2 s reorder wait: the hold is the other node's, not a missing seq's
    assertThat(receiver.requests()).as("held while the node before still owes seq 1 and 2").isZero();

    vertx.eventBus().publish(Addresses.WEBHOOK_PROGRESS, new WebhookProgress("s1", receiver.url(), before, 1, true));
    vertx.eventBus().publish(Addresses.WEBHOOK_PROGRESS, new WebhookProgress("s1", receiver.url(), before, 2, false));
    Thread.sleep(500);
    assertThat(receiver.requests()).as("seq 2 is being retried there").isZero();
    vertx.eventBus().publish(Addresses.WEBHOOK_PROGRESS, new WebhookProgress("s1", receiver.url(), before, 2, true));
    Await.until("seq 3 delivered", Duration.ofSeconds(5), () -> receiver.accepted().size() == 1);
    assertThat(receiver.accepted().get(0).seq()).isEqualTo(3);
  }

  @Test
  void aStreamMovedFromANodeThatFellSilentGoesOnAfterTheSilenceBound() throws Exception {
    WebhookReceiver receiver = WebhookReceiver.alwaysOk(vertx).start();
    deploy(fastRetries(receiver.url(), 60_000)); // silent after 1 s backoff + 2 x 1 s timeout
    publish(event("s1", 1, "started", "10.0.0.9:5701"));
    long movedAt = System.nanoTime();
    publish(event("s1", 2, "resumed", NODE));
    Await.until("seq 2 delivered", Duration.ofSeconds(10), () -> receiver.accepted().size() == 1);
    assertThat(Duration.ofNanos(System.nanoTime() - movedAt)).isGreaterThanOrEqualTo(Duration.ofMillis(2_900));
    assertThat(receiver.accepted().get(0).seq()).isEqualTo(2);
  }

  @Test
  void anEventStillUndeliveredAfterTheWindowIsDroppedCountedAndTheNextOneGoes() throws Exception {
    AtomicBoolean failing = new AtomicBoolean(true);
    WebhookReceiver receiver = new WebhookReceiver(vertx, n -> failing.get() ? 500 : 200).start();
    deploy(fastRetries(receiver.url(), 1_000));
    publish(event("s1", 1, "started", NODE));
    Await.until("seq 1 given up", Duration.ofSeconds(10),
        () -> sample(registry.scrape(), "inlet_webhook_events_dropped_total{reason=\"expired\"}") == 1);
    failing.set(false);
    publish(event("s1", 2, "ended", NODE));
    Await.until("seq 2 delivered", Duration.ofSeconds(5), () -> receiver.accepted().size() == 1);
    assertThat(receiver.accepted().get(0).seq()).isEqualTo(2);
    assertThat(sample(registry.scrape(), "inlet_webhook_requests_total{kind=\"event\",outcome=\"failed\"}")).isEqualTo(1);
  }

  @Test
  void eventsCrossedOnTheBusGoInOrderDuplicatesAndOtherNodesEventsDoNot() throws Exception {
    WebhookReceiver receiver = WebhookReceiver.alwaysOk(vertx).start();
    // A timeout no busy machine reaches: a timed-out request is retried (at least once), which would
    // be a duplicate this test does not mean.
    deploy(EventWebhookOptions.of(List.of(receiver.url()), null, 10_000));
    publish(event("s1", 2, "interrupted", NODE));
    publish(event("other", 1, "started", "10.0.0.9:5701"));
    Thread.sleep(300);
    publish(event("s1", 1, "started", NODE));
    Await.until("both events delivered", Duration.ofSeconds(5), () -> receiver.accepted().size() >= 2);
    publish(event("s1", 1, "started", NODE));
    publish(event("s1", 3, "ended", NODE));
    Await.until("seq 3 delivered", Duration.ofSeconds(5), () -> receiver.accepted().size() >= 3);
    Thread.sleep(300);
    assertThat(seqsByStream(receiver.accepted())).containsOnlyKeys("s1").containsEntry("s1", List.of(1L, 2L, 3L));
    assertThat(receiver.accepted()).allSatisfy(request -> assertThat(request.signature()).isNull());
  }

  @Test
  void beyondTheQueueBoundEventsAreDroppedAndCounted() throws Exception {
    WebhookReceiver receiver = new WebhookReceiver(vertx, n -> 500).start();
    deploy(fastRetries(receiver.url(), 60_000).withMaxQueued(2));
    for (int seq = 1; seq <= 5; seq++) {
      publish(event("s1", seq, TYPES.get(Math.min(seq, 3) - 1), NODE));
    }
    Await.until("three dropped", Duration.ofSeconds(5),
        () -> sample(registry.scrape(), "inlet_webhook_events_dropped_total{reason=\"overflow\"}") == 3);
    assertThat(sample(registry.scrape(), "inlet_webhook_queue_depth")).isEqualTo(2);
  }

  static double sample(String metrics, String series) {
    return metrics.lines().filter(line -> line.startsWith(series + " "))
        .mapToDouble(line -> Double.parseDouble(line.substring(series.length() + 1))).findFirst().orElse(-1);
  }
}
