package io.inlet.cluster.faults;

import io.inlet.node.webhook.WebhookReceiver;
import io.inlet.testkit.Await;
import io.inlet.testkit.netlab.Host;
import io.inlet.testkit.netlab.InletNode;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Two more ingest nodes joining a {@link LabCluster}, each on a host of its own ({@code ingest-2},
 * {@code ingest-3}), both sending every stream event to one event webhook: a receiver in the test
 * JVM, on its lab address. (The event webhook is the contract's way to watch events from outside the
 * cluster; an operator gives every ingest node the same one, so the events of a stream that moves
 * between the two come in order.) Closing stops both nodes gracefully, one after the other, so the
 * cluster's data they held migrates back and the shared cluster goes on as before.
 */
final class WebhookIngestNodes implements AutoCloseable {

  final Host firstHost;
  final Host secondHost;
  final InletNode first;
  final InletNode second;
  private final Vertx vertx;
  private final WebhookReceiver receiver;

  private WebhookIngestNodes(Host firstHost, Host secondHost, InletNode first, InletNode second, Vertx vertx,
      WebhookReceiver receiver) {
    this.firstHost = firstHost;
    this.secondHost = secondHost;
    this.first = first;
    this.second = second;
    this.vertx = vertx;
    this.receiver = receiver;
  }

  static WebhookIngestNodes start(LabCluster cluster, Path dir) throws IOException, InterruptedException {
    Vertx vertx = Vertx.vertx();
    List<InletNode> started = new ArrayList<>();
    try {
      WebhookReceiver receiver = WebhookReceiver.alwaysOk(vertx).start(cluster.lab.rootAddress());
      Host firstHost = cluster.lab.addHost("ingest-2");
      Host secondHost = cluster.lab.addHost("ingest-3");
      List<Host> members = List.of(cluster.ingestHost, cluster.decodeAHost, cluster.decodeBHost, firstHost, secondHost);
      for (Host host : List.of(firstHost, secondHost)) {
        started.add(InletNode.on(host).roles("ingest").members(members).flag("--event-webhook", receiver.url()).start(dir));
      }
      for (InletNode node : started) {
        Await.until(node.host() + " ready", Duration.ofSeconds(90), () -> node.api().ready());
      }
      return new WebhookIngestNodes(firstHost, secondHost, started.get(0), started.get(1), vertx, receiver);
    } catch (IOException | InterruptedException | RuntimeException | Error e) {
      for (InletNode node : started) {
        node.kill();
      }
      vertx.close().await();
      throw e;
    }
  }

  /** The events of stream {@code name} the webhook received, in the order they came. */
  List<JsonObject> events(String name) {
    return receiver.accepted().stream().map(WebhookReceiver.Received::body).filter(e -> name.equals(e.getString("name"))).toList();
  }

  /** Waits for the first event of {@code type} of stream {@code name}. */
  JsonObject awaitEvent(String name, String type, Duration timeout) throws InterruptedException {
    Await.until("a " + type + " event of '" + name + "'", timeout, () -> event(name, type) != null);
    return event(name, type);
  }

  /** The first event of {@code type} of stream {@code name} received, or null. */
  JsonObject event(String name, String type) {
    return events(name).stream().filter(e -> type.equals(e.getString("type"))).findFirst().orElse(null);
  }

  @Override
  public void close() throws InterruptedException {
    second.stop();
    first.stop();
    vertx.close().await();
  }
}
