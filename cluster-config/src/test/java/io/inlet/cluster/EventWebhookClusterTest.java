package io.inlet.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.inlet.bus.Addresses;
import io.inlet.node.webhook.EventWebhookOptions;
import io.inlet.node.webhook.EventWebhookVerticle;
import io.inlet.node.webhook.WebhookReceiver;
import io.inlet.testkit.Await;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Three clustered nodes, each with the event webhook on: every node receives every stream event on
 * the clustered bus, and only the one that produced it ({@code ingestNode}) sends it, so a receiver
 * that always answers 200 gets each (id, seq) exactly once.
 */
class EventWebhookClusterTest {

  private static final LoopbackCluster CLUSTER = new LoopbackCluster(15741, 3);
  private static final List<Vertx> MEMBERS = new ArrayList<>();
  private static Vertx receiverVertx;
  private static WebhookReceiver receiver;

  @BeforeAll
  static void start() {
    receiverVertx = Vertx.vertx();
    receiver = WebhookReceiver.alwaysOk(receiverVertx).start();
    for (int i = 0; i < 3; i++) {
      Vertx member = CLUSTER.member(i);
      MEMBERS.add(member);
      member.deployVerticle(new EventWebhookVerticle(nodeId(i), EventWebhookOptions.of(List.of(receiver.url()), null, 3_000),
          new SimpleMeterRegistry())).await();
    }
  }

  @AfterAll
  static void stop() {
    MEMBERS.forEach(member -> member.close().await());
    receiverVertx.close().await();
  }

  private static String nodeId(int index) {
    return "127.0.0.1:" + (15741 + index);
  }

  @Test
  void eachEventIsDeliveredOnceByTheNodeThatProducedIt() throws Exception {
    List<String> types = List.of("started", "interrupted", "resumed", "moved", "ended");
    int expected = 0;
    for (int node = 0; node < 3; node++) {
      for (int stream = 0; stream < 4; stream++) {
        String id = "n" + node + "-s" + stream;
        for (int seq = 1; seq <= types.size(); seq++) {
          MEMBERS.get(node).eventBus().publish(Addresses.STREAM_EVENTS, new JsonObject().put("id", id).put("name", id)
              .put("ingestNode", nodeId(node)).put("type", types.get(seq - 1)).put("seq", seq).put("at", Instant.now().toString()));
          expected++;
        }
      }
    }
    int total = expected;
    Await.until(total + " events delivered", Duration.ofSeconds(20), () -> receiver.accepted().size() >= total);
    Thread.sleep(1_000);

    Map<String, Long> perEvent = receiver.accepted().stream()
        .collect(Collectors.groupingBy(r -> r.id() + "#" + r.seq(), Collectors.counting()));
    assertThat(perEvent).hasSize(total).allSatisfy((event, count) -> assertThat(count).as(event).isEqualTo(1));
    Map<String, List<Long>> seqs = receiver.accepted().stream().collect(Collectors.groupingBy(WebhookReceiver.Received::id,
        Collectors.mapping(WebhookReceiver.Received::seq, Collectors.toList())));
    assertThat(seqs).hasSize(12).allSatisfy((id, list) -> assertThat(list).containsExactly(1L, 2L, 3L, 4L, 5L));
    assertThat(receiver.accepted()).extracting(r -> r.body().getString("ingestNode"))
        .containsOnly(nodeId(0), nodeId(1), nodeId(2));
  }
}
