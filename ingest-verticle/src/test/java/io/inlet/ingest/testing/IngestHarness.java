package io.inlet.ingest.testing;

import io.inlet.bus.Addresses;
import io.inlet.bus.AssignRequest;
import io.inlet.bus.Assignment;
import io.inlet.bus.DecoderReport;
import io.inlet.bus.StreamDecodeReport;
import io.inlet.bus.ValidateRequest;
import io.inlet.bus.ValidatedKey;
import io.inlet.bus.MediaPacket;
import io.inlet.bus.PacketBatch;
import io.inlet.bus.ReplyCodes;
import io.inlet.ingest.server.IngestOptions;
import io.inlet.ingest.server.IngestVerticle;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * A real ingest verticle on a free port, with a stand-in for the auth role that knows a fixed set of
 * keys, and collectors for the packets and events it puts on the event bus.
 */
public final class IngestHarness implements AutoCloseable {

  private final Vertx vertx;
  private final IngestVerticle verticle;
  private final Map<String, List<MediaPacket>> packets = new ConcurrentHashMap<>();
  private final List<JsonObject> events = new CopyOnWriteArrayList<>();
  private final Map<String, Promise<JsonObject>> ended = new ConcurrentHashMap<>();
  private final java.util.Set<String> taken = ConcurrentHashMap.newKeySet();
  private static final String DECODER_ID = "test-decoder";
  private volatile boolean decoderStuck;

  /** @param keys stream key to stream name */
  public IngestHarness(Vertx vertx, Map<String, String> keys, IngestOptions options) {
    this.vertx = vertx;
    // Every stand-in consumer on one context: messages the ingest side sends in order (a stream's
    // packets, then its ended event) are then seen in that order.
    java.util.concurrent.CompletableFuture<Void> registered = new java.util.concurrent.CompletableFuture<>();
    vertx.getOrCreateContext().runOnContext(ignored -> {
      registerStandIns(keys);
      registered.complete(null);
    });
    registered.join();
    verticle = new IngestVerticle(new SimpleMeterRegistry());
    vertx.deployVerticle(verticle, new DeploymentOptions().setConfig(options.host("127.0.0.1").port(0).toJson())).await();
  }

  private void registerStandIns(Map<String, String> keys) {
      vertx.eventBus().<JsonObject>consumer(Addresses.AUTH_VALIDATE, message -> {
        String name = keys.get(ValidateRequest.fromJson(message.body()).key());
        if (name == null) {
          message.fail(ReplyCodes.FORBIDDEN, "Unknown or revoked stream key.");
        } else {
          message.reply(new ValidatedKey(name).toJson());
        }
      });
      vertx.eventBus().<JsonObject>consumer(Addresses.STREAM_EVENTS, message -> {
        events.add(message.body());
        if ("ended".equals(message.body().getString("type"))) {
          endedPromise(message.body().getString("name")).tryComplete(message.body());
        }
      });
      for (String name : keys.values()) {
        List<MediaPacket> received = packets.computeIfAbsent(name, n -> new CopyOnWriteArrayList<>());
        vertx.eventBus().<Object>consumer(Addresses.streamPackets(name), message -> {
          if (message.body() instanceof PacketBatch batch) {
            received.addAll(batch.packets());
          } else {
            received.add((MediaPacket) message.body());
          }
        });
      }
      // Stands in for a decode node: takes every stream (so the ingest side sends its packets) and
      // reports twice a second, like a real decoder, its streams and how far it processed them.
      Handler<Message<AssignRequest>> assign = message -> {
        taken.add(message.body().stream());
        message.reply(new Assignment("test-node", DECODER_ID, Addresses.streamPackets(message.body().stream())));
      };
      vertx.eventBus().consumer(Addresses.DECODE_ASSIGN, assign);
      vertx.eventBus().consumer(Addresses.decoderAssign(DECODER_ID), assign);
      vertx.setPeriodic(200, id -> {
        List<StreamDecodeReport> streams = new ArrayList<>();
        for (String name : taken) {
          List<MediaPacket> received = packets.getOrDefault(name, List.of());
          long progress = decoderStuck ? -1 : received.isEmpty() ? -1 : received.get(received.size() - 1).sequence();
          streams.add(new StreamDecodeReport(name, "test-node", progress, null, null, StreamDecodeReport.Counters.NONE));
        }
        vertx.eventBus().publish(Addresses.DECODE_STATS,
            new DecoderReport("test-node", DECODER_ID, Addresses.decoderAssign(DECODER_ID), 100, streams));
      });
  }

  /** From now on the stand-in decoder reports no progress, as a stuck decoder would. */
  public void decoderStuck() {
    decoderStuck = true;
  }

  public int port() {
    return verticle.actualPort();
  }

  public String url(String key) {
    return "rtmp://127.0.0.1:" + port() + "/live/" + key;
  }

  public IngestVerticle verticle() {
    return verticle;
  }

  public List<MediaPacket> packets(String name) {
    return packets.get(name);
  }

  public List<JsonObject> events() {
    return events;
  }

  /** Waits for an event of {@code type} of the stream; returns the first. */
  public JsonObject awaitEvent(String name, String type, long timeoutMs) throws Exception {
    io.inlet.testkit.Await.until("a " + type + " event of stream '" + name + "'", java.time.Duration.ofMillis(timeoutMs),
        () -> events.stream().anyMatch(e -> name.equals(e.getString("name")) && type.equals(e.getString("type"))));
    return events.stream().filter(e -> name.equals(e.getString("name")) && type.equals(e.getString("type"))).findFirst()
        .orElseThrow();
  }

  /** Waits for the stream's ended event. */
  public JsonObject awaitEnded(String name, long timeoutMs) throws Exception {
    return endedPromise(name).future().toCompletionStage().toCompletableFuture().get(timeoutMs, TimeUnit.MILLISECONDS);
  }

  private Promise<JsonObject> endedPromise(String name) {
    return ended.computeIfAbsent(name, n -> Promise.promise());
  }

  @Override
  public void close() {
    vertx.close().await();
  }
}
