package io.inlet.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.inlet.bus.Addresses;
import io.inlet.bus.BusCodecs;
import io.inlet.bus.DecoderReport;
import io.inlet.decode.verticle.DecodeOptions;
import io.inlet.ingest.server.IngestOptions;
import io.inlet.ingest.server.IngestVerticle;
import io.inlet.node.webhook.EventWebhookOptions;
import io.inlet.node.webhook.EventWebhookVerticle;
import io.inlet.node.webhook.WebhookReceiver;
import io.inlet.testkit.Await;
import io.inlet.testkit.Ffmpeg;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Behind a load balancer a publisher's reconnect may land on another ingest node. Three clustered
 * Vert.x instances on loopback: two ingest nodes and one decode node; real FFmpeg publishers. A stream
 * whose publisher reconnects to the other ingest node goes on as the same stream there: same id, the
 * next publishes number, the same decoder, its events numbered on, whether its first session's
 * connection had ended (interrupted) or hung silent (taken over). Every node runs the event webhook:
 * the backend gets each event once and in order across the move, even while the old node's requests fail.
 */
class CrossNodeContinuityTest {

  private static final LoopbackCluster CLUSTER = new LoopbackCluster(15721, 3);

  @TempDir
  static Path dir;
  private static Path clip;
  private static Vertx nodeA;
  private static Vertx nodeB;
  private static Vertx nodeC;
  private static IngestVerticle ingestA;
  private static IngestVerticle ingestB;
  /** stream name -> video frames decoded, from the decoder's reports. */
  private static final Map<String, Long> decoded = new ConcurrentHashMap<>();
  private static final List<JsonObject> events = new CopyOnWriteArrayList<>();
  /** While set, the backend answers 503 to every request ingest-a sends (its way to the backend fails). */
  private static final AtomicBoolean failIngestA = new AtomicBoolean();
  private static Vertx backendVertx;
  private static WebhookReceiver backend;

  @BeforeAll
  static void startCluster() throws Exception {
    nodeA = CLUSTER.member(0);
    nodeB = CLUSTER.member(1);
    nodeC = CLUSTER.member(2);
    LoopbackCluster.acceptKeys(nodeC);
    BusCodecs.register(nodeC);
    nodeC.eventBus().<DecoderReport>consumer(Addresses.DECODE_STATS, message ->
        message.body().streams().forEach(stream -> decoded.put(stream.name(), stream.stats().videoFramesDecoded())));
    nodeC.eventBus().<JsonObject>consumer(Addresses.STREAM_EVENTS, message -> events.add(message.body()));
    ingestA = deployIngest(nodeA, "ingest-a");
    ingestB = deployIngest(nodeB, "ingest-b");
    LoopbackCluster.deployDecoder(nodeC, "decode-c", DecodeOptions.WORKER_POOL);
    backendVertx = Vertx.vertx();
    backend = new WebhookReceiver(backendVertx,
        (n, body) -> failIngestA.get() && "ingest-a".equals(body.getString("ingestNode")) ? 503 : 200).start();
    EventWebhookOptions webhook = EventWebhookOptions.of(List.of(backend.url()), null, 2_000).withRetries(200, 1_000, 60_000);
    Map.of(nodeA, "ingest-a", nodeB, "ingest-b", nodeC, "decode-c").forEach((vertx, node) ->
        vertx.deployVerticle(new EventWebhookVerticle(node, webhook, new SimpleMeterRegistry())).await());
    clip = dir.resolve("clip.flv");
    Ffmpeg.run(dir.resolve("encode.log"), "-f", "lavfi", "-i", "testsrc2=size=320x240:rate=25", "-f", "lavfi",
        "-i", "sine=frequency=440:sample_rate=48000", "-t", "4", "-c:v", "libx264", "-preset", "ultrafast", "-g", "25",
        "-bf", "0", "-c:a", "aac", "-f", "flv", clip.toString());
  }


  private static IngestVerticle deployIngest(Vertx vertx, String node) {
    IngestVerticle verticle = new IngestVerticle(new SimpleMeterRegistry());
    vertx.deployVerticle(verticle, new DeploymentOptions().setConfig(new IngestOptions()
        .host("127.0.0.1").port(0).nodeId(node).reconnectGraceMs(20_000).toJson())).await();
    return verticle;
  }

  @AfterAll
  static void stopCluster() {
    for (Vertx vertx : new Vertx[] {nodeC, nodeB, nodeA, backendVertx}) {
      if (vertx != null) {
        vertx.close().await();
      }
    }
  }

  private static Process publish(IngestVerticle to, String name, String log) throws Exception {
    return Ffmpeg.start(dir.resolve(log), "-re", "-stream_loop", "-1", "-i", clip.toString(), "-c", "copy", "-f", "flv",
        "rtmp://127.0.0.1:" + to.actualPort() + "/live/key-" + name);
  }

  private static List<JsonObject> eventsOf(String name) {
    return events.stream().filter(e -> name.equals(e.getString("name"))).toList();
  }

  private static JsonObject awaitEvent(String name, String type) throws InterruptedException {
    Await.until("a " + type + " event of '" + name + "'", Duration.ofSeconds(15),
        () -> eventsOf(name).stream().anyMatch(e -> type.equals(e.getString("type"))));
    return eventsOf(name).stream().filter(e -> type.equals(e.getString("type"))).findFirst().orElseThrow();
  }

  private static void awaitDecoding(String name, long moreThan) throws InterruptedException {
    Await.until("'" + name + "' decoding past " + moreThan + " frames", Duration.ofSeconds(15),
        () -> decoded.getOrDefault(name, 0L) > moreThan);
  }

  private static void stop(Process process) throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(5, TimeUnit.SECONDS);
  }

  @Test
  void aPublisherWhoseConnectionDiedResumesTheSameStreamOnTheOtherIngestNode() throws Exception {
    Process first = publish(ingestA, "cam", "cam-a.log");
    Process second = null;
    try {
      JsonObject started = awaitEvent("cam", "started");
      awaitDecoding("cam", 25);
      stop(first); // SIGKILL: the connection ends without an unpublish
      JsonObject interrupted = awaitEvent("cam", "interrupted");
      long decodedBefore = decoded.get("cam");

      second = publish(ingestB, "cam", "cam-b.log");
      JsonObject resumed = awaitEvent("cam", "resumed");
      awaitDecoding("cam", decodedBefore + 25);

      assertThat(started.getString("ingestNode")).isEqualTo("ingest-a");
      assertThat(resumed.getString("ingestNode")).isEqualTo("ingest-b");
      assertThat(resumed.getString("id")).as("one stream").isEqualTo(started.getString("id"));
      assertThat(interrupted.getString("id")).isEqualTo(started.getString("id"));
      assertThat(resumed.getInteger("publishes")).isEqualTo(2);
      assertThat(resumed.getString("decodeNode")).isEqualTo("decode-c");
      assertThat(resumed.getLong("gapMs")).isPositive();
      assertThat(eventsOf("cam")).extracting(e -> e.getString("type")).containsExactly("started", "interrupted", "resumed");
      assertThat(eventsOf("cam")).extracting(e -> e.getLong("seq")).containsExactly(1L, 2L, 3L);
      assertThat(second.isAlive()).as("the resumed publisher is publishing").isTrue();
      System.out.printf("cross-node resume: gap %d ms%n", resumed.getLong("gapMs"));
    } finally {
      stop(first);
      if (second != null) {
        stop(second);
      }
    }
  }

  @Test
  void aSilentPublisherOnOneIngestNodeIsTakenOverByItsReconnectOnTheOther() throws Exception {
    Process first = publish(ingestA, "cam2", "cam2-a.log");
    Process second = null;
    try {
      JsonObject started = awaitEvent("cam2", "started");
      awaitDecoding("cam2", 25);
      // SIGSTOP: the connection stays open and silent, as a half-open TCP connection looks to the server.
      new ProcessBuilder("kill", "-STOP", String.valueOf(first.pid())).start().waitFor(5, TimeUnit.SECONDS);

      // The reconnecting encoder retries until it is let in: refused while the old session might still
      // send (under --takeover-idle-ms), taken over once it is silent for longer.
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
      while (System.nanoTime() < deadline && eventsOf("cam2").stream().noneMatch(e -> "resumed".equals(e.getString("type")))) {
        Process attempt = publish(ingestB, "cam2", "cam2-b.log");
        second = attempt;
        Await.until("the retry is let in or refused", Duration.ofSeconds(10), () -> !isRunningUnresumed("cam2", attempt));
        if (eventsOf("cam2").stream().noneMatch(e -> "resumed".equals(e.getString("type")))) {
          stop(second);
        }
      }
      JsonObject resumed = awaitEvent("cam2", "resumed");
      JsonObject interrupted = awaitEvent("cam2", "interrupted");
      assertThat(interrupted.getString("reason")).contains("taken over by a publish on ingest-b");
      assertThat(resumed.getString("id")).isEqualTo(started.getString("id"));
      assertThat(resumed.getInteger("publishes")).isEqualTo(2);
      assertThat(resumed.getString("ingestNode")).isEqualTo("ingest-b");
      assertThat(resumed.getString("decodeNode")).isEqualTo("decode-c");
      long decodedBefore = decoded.get("cam2");
      awaitDecoding("cam2", decodedBefore + 25);
      assertThat(eventsOf("cam2")).extracting(e -> e.getLong("seq")).containsExactly(1L, 2L, 3L);
    } finally {
      new ProcessBuilder("kill", "-CONT", String.valueOf(first.pid())).start().waitFor(5, TimeUnit.SECONDS);
      stop(first);
      if (second != null) {
        stop(second);
      }
    }
  }

  @Test
  void theBackendGetsAMovedStreamsEventsOnceAndInOrderWhileTheOldNodesRequestsFail() throws Exception {
    failIngestA.set(true);
    Process first = publish(ingestA, "hooked", "hooked-a.log");
    Process second = null;
    try {
      awaitEvent("hooked", "started");
      awaitDecoding("hooked", 25);
      stop(first);
      awaitEvent("hooked", "interrupted");
      second = publish(ingestB, "hooked", "hooked-b.log");
      awaitEvent("hooked", "resumed");
      Thread.sleep(3_000); // past the 2 s an event waits for a predecessor that is not there
      assertThat(delivered("hooked")).as("ingest-b holds seq 3 while ingest-a still owes seq 1 and 2").isEmpty();

      failIngestA.set(false);
      Await.until("the three events delivered", Duration.ofSeconds(10), () -> delivered("hooked").size() >= 3);
      Thread.sleep(1_000);
      List<WebhookReceiver.Received> delivered = delivered("hooked");
      assertThat(delivered).extracting(WebhookReceiver.Received::seq).containsExactly(1L, 2L, 3L);
      assertThat(delivered).extracting(r -> r.body().getString("ingestNode")).containsExactly("ingest-a", "ingest-a", "ingest-b");
      assertThat(delivered).extracting(r -> r.body().getString("type")).containsExactly("started", "interrupted", "resumed");
    } finally {
      failIngestA.set(false);
      stop(first);
      if (second != null) {
        stop(second);
      }
    }
  }

  private static List<WebhookReceiver.Received> delivered(String name) {
    return backend.accepted().stream().filter(r -> name.equals(r.body().getString("name"))).toList();
  }

  /** Whether {@code publisher} still runs without its stream having been resumed (still waiting for an answer). */
  private static boolean isRunningUnresumed(String name, Process publisher) {
    boolean resumed = eventsOf(name).stream().anyMatch(e -> "resumed".equals(e.getString("type")));
    return publisher.isAlive() && !resumed;
  }
}
