package io.inlet.node.http;

import io.inlet.bus.Addresses;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * This node's view of every live stream in the cluster, fed by the ingest nodes' once-a-second
 * stats and by stream events, so any node answers {@code /api/streams} for the whole cluster. A stream
 * whose ingest node stops reporting (the node died) is dropped after {@link #STALE_AFTER_MS}; an
 * ended stream shows as {@code ended} for {@link #ENDED_SHOWN_MS} and then disappears.
 */
public final class StreamDirectory {

  static final long STALE_AFTER_MS = 4_000;
  static final long ENDED_SHOWN_MS = 3_000;
  /** More entries than any node could ingest: protects this map from a flood of bogus reports. */
  static final int MAX_STREAMS = 10_000;

  private record Entry(JsonObject stream, long updatedAtMillis) {}

  private final Map<String, Entry> streams = new LinkedHashMap<>();

  public StreamDirectory(Vertx vertx) {
    vertx.eventBus().<JsonObject>consumer(Addresses.STREAM_STATS, message -> onStats(message.body()));
    vertx.eventBus().<JsonObject>consumer(Addresses.STREAM_EVENTS, message -> onEvent(message.body()));
    vertx.setPeriodic(1_000, id -> expire());
  }

  void mount(Router router) {
    router.get("/api/streams").handler(this::list);
    router.get("/api/streams/:name").handler(this::one);
  }

  private void onStats(JsonObject report) {
    JsonArray reported = report.getJsonArray("streams", new JsonArray());
    long now = System.currentTimeMillis();
    for (int i = 0; i < reported.size(); i++) {
      JsonObject stream = reported.getJsonObject(i);
      Entry previous = streams.get(stream.getString("name"));
      if (previous != null && "ended".equals(previous.stream().getString("state"))) {
        continue;
      }
      put(stream.put("state", "live"), now);
    }
  }

  private void onEvent(JsonObject event) {
    String type = event.getString("type");
    JsonObject stream = event.copy();
    stream.remove("type");
    stream.remove("reason");
    if ("started".equals(type)) {
      put(stream.put("state", "live"), System.currentTimeMillis());
    } else if ("ended".equals(type)) {
      put(stream.put("state", "ended"), System.currentTimeMillis());
    }
  }

  private void put(JsonObject stream, long now) {
    String name = stream.getString("name");
    if (name == null || (!streams.containsKey(name) && streams.size() >= MAX_STREAMS)) {
      return;
    }
    streams.put(name, new Entry(complete(stream), now));
  }

  private void expire() {
    long now = System.currentTimeMillis();
    streams.values().removeIf(entry -> {
      long age = now - entry.updatedAtMillis();
      return "ended".equals(entry.stream().getString("state")) ? age > ENDED_SHOWN_MS : age > STALE_AFTER_MS;
    });
  }

  private void list(RoutingContext ctx) {
    JsonArray list = new JsonArray();
    streams.values().stream()
        .map(Entry::stream)
        .sorted(Comparator.comparing(s -> s.getString("name")))
        .forEach(list::add);
    KeysApi.json(ctx, 200, new JsonObject().put("streams", list));
  }

  private void one(RoutingContext ctx) {
    Entry entry = streams.get(ctx.pathParam("name"));
    if (entry == null) {
      HttpErrors.send(ctx, 404, "No stream named '" + ctx.pathParam("name") + "' is live.");
    } else {
      KeysApi.json(ctx, 200, entry.stream());
    }
  }

  /** Fills the Stream JSON's fields this view cannot know yet with the contract's neutral values. */
  private static JsonObject complete(JsonObject stream) {
    stream.put("decodeNode", stream.getValue("decodeNode"));
    JsonObject stats = stream.getJsonObject("stats", new JsonObject());
    for (String counter : new String[] {"bytesIn", "bitrateKbps", "videoFramesIn", "videoFramesDecoded",
        "audioFramesIn", "audioFramesDecoded", "framesDropped", "avDriftMs"}) {
      stats.put(counter, stats.getValue(counter, 0));
    }
    stats.put("decodeLatencyMs", stats.getValue("decodeLatencyMs", new JsonObject().put("p50", 0).put("p99", 0)));
    stream.put("stats", stats);
    if (stream.getValue("video") instanceof JsonObject video) {
      video.put("decodable", video.getValue("decodable", false));
    }
    if (stream.getValue("audio") instanceof JsonObject audio) {
      audio.put("decodable", audio.getValue("decodable", false));
    }
    return stream;
  }
}
