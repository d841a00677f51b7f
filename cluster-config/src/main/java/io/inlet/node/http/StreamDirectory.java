package io.inlet.node.http;

import io.inlet.bus.Addresses;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * This node's view of every stream in the cluster, so any node answers {@code /api/streams} for the
 * whole cluster. Fed by the ingest nodes' and decode nodes' once-a-second reports and by stream
 * events. A stream whose ingest node stops reporting (the node died) is dropped after
 * {@link #STALE_AFTER_MS}; an ended stream shows as {@code ended} for {@link #ENDED_SHOWN_MS}.
 */
public final class StreamDirectory {

  static final long STALE_AFTER_MS = 4_000;
  static final long ENDED_SHOWN_MS = 3_000;
  /** More entries than any cluster ingests: protects the map from a flood of bogus reports. */
  static final int MAX_STREAMS = 10_000;
  private static final DeliveryOptions SNAPSHOT_TIMEOUT = new DeliveryOptions().setSendTimeout(3_000);

  /** What the ingest side and the decode side last said of a stream. */
  private static final class Entry {
    JsonObject ingest;
    JsonObject decode = new JsonObject();
    boolean ended;
    long updatedAtMillis;
    long decodeUpdatedAtMillis;
  }

  private final Vertx vertx;
  private final Map<String, Entry> streams = new LinkedHashMap<>();

  public StreamDirectory(Vertx vertx) {
    this.vertx = vertx;
    vertx.eventBus().<JsonObject>consumer(Addresses.STREAM_STATS, message -> onIngestReport(message.body()));
    vertx.eventBus().<JsonObject>consumer(Addresses.DECODE_STATS, message -> onDecodeReport(message.body()));
    vertx.eventBus().<JsonObject>consumer(Addresses.STREAM_EVENTS, message -> onEvent(message.body()));
    vertx.setPeriodic(1_000, id -> expire());
  }

  void mount(Router router) {
    router.get("/api/streams").handler(this::list);
    router.get("/api/streams/:name").handler(this::one);
    router.get("/api/streams/:name/snapshot.jpg").handler(this::snapshot);
  }

  private void onIngestReport(JsonObject report) {
    JsonArray reported = report.getJsonArray("streams", new JsonArray());
    for (int i = 0; i < reported.size(); i++) {
      JsonObject stream = reported.getJsonObject(i);
      Entry entry = entry(stream.getString("name"));
      if (entry != null && !entry.ended) {
        entry.ingest = stream;
        entry.updatedAtMillis = System.currentTimeMillis();
      }
    }
  }

  private void onDecodeReport(JsonObject report) {
    JsonArray reported = report.getJsonArray("streams", new JsonArray());
    for (int i = 0; i < reported.size(); i++) {
      JsonObject stream = reported.getJsonObject(i);
      Entry entry = streams.get(stream.getString("name"));
      if (entry != null) {
        entry.decode = stream;
        entry.decodeUpdatedAtMillis = System.currentTimeMillis();
      }
    }
  }

  private void onEvent(JsonObject event) {
    String type = event.getString("type");
    Entry entry = entry(event.getString("name"));
    if (entry == null) {
      return;
    }
    JsonObject stream = event.copy();
    stream.remove("type");
    stream.remove("reason");
    if ("started".equals(type)) {
      entry.ingest = stream;
      entry.decode = new JsonObject();
      entry.ended = false;
      entry.updatedAtMillis = System.currentTimeMillis();
    } else if ("ended".equals(type)) {
      entry.ingest = stream;
      entry.ended = true;
      entry.updatedAtMillis = System.currentTimeMillis();
    }
  }

  private Entry entry(String name) {
    if (name == null) {
      return null;
    }
    Entry entry = streams.get(name);
    if (entry == null && streams.size() < MAX_STREAMS) {
      entry = new Entry();
      streams.put(name, entry);
    }
    return entry;
  }

  private void expire() {
    long now = System.currentTimeMillis();
    streams.values().removeIf(entry -> entry.ingest == null
        || now - entry.updatedAtMillis > (entry.ended ? ENDED_SHOWN_MS : STALE_AFTER_MS));
  }

  private void list(RoutingContext ctx) {
    JsonArray list = new JsonArray();
    streams.entrySet().stream()
        .filter(e -> e.getValue().ingest != null)
        .sorted(Map.Entry.comparingByKey(Comparator.naturalOrder()))
        .forEach(e -> list.add(view(e.getValue())));
    KeysApi.json(ctx, 200, new JsonObject().put("streams", list));
  }

  private void one(RoutingContext ctx) {
    Entry entry = streams.get(ctx.pathParam("name"));
    if (entry == null || entry.ingest == null) {
      HttpErrors.send(ctx, 404, "There is no stream named '" + ctx.pathParam("name") + "'.");
    } else {
      KeysApi.json(ctx, 200, view(entry));
    }
  }

  private void snapshot(RoutingContext ctx) {
    String name = ctx.pathParam("name");
    vertx.eventBus().<Buffer>request(Addresses.streamSnapshot(name), new JsonObject(), SNAPSHOT_TIMEOUT)
        .onSuccess(reply -> ctx.response()
            .putHeader("Content-Type", "image/jpeg")
            .putHeader("Cache-Control", "no-store")
            .end(reply.body()))
        .onFailure(cause -> HttpErrors.send(ctx, 404, "No decoded frame of stream '" + name + "' is available."));
  }

  /** The contract's Stream JSON: the ingest side's report, the decode side's figures merged in. */
  static JsonObject view(Entry entry) {
    JsonObject stream = entry.ingest.copy();
    JsonObject decode = entry.decode;
    stream.put("state", entry.ended ? "ended" : "live");
    stream.put("decodeNode", decode.getString("decodeNode", stream.getString("decodeNode")));
    stream.put("video", track(stream.getValue("video"), decode.getJsonObject("video"), "width", "height", "frameRate"));
    stream.put("audio", track(stream.getValue("audio"), decode.getJsonObject("audio"), "sampleRate", "channels"));
    JsonObject stats = stream.getJsonObject("stats", new JsonObject());
    JsonObject decodeStats = decode.getJsonObject("stats", new JsonObject());
    JsonObject merged = new JsonObject()
        .put("bytesIn", stats.getValue("bytesIn", 0))
        .put("bitrateKbps", stats.getValue("bitrateKbps", 0))
        .put("videoFramesIn", stats.getValue("videoFramesIn", 0))
        .put("videoFramesDecoded", decodeStats.getValue("videoFramesDecoded", 0))
        .put("audioFramesIn", stats.getValue("audioFramesIn", 0))
        .put("audioFramesDecoded", decodeStats.getValue("audioFramesDecoded", 0))
        // Frames dropped by the decoder's lag rule plus those held back at the ingest side (flow control).
        .put("framesDropped", decodeStats.getLong("framesDropped", 0L) + stats.getLong("framesDroppedAtIngest", 0L))
        .put("decodeLatencyMs", decodeStats.getValue("decodeLatencyMs", new JsonObject().put("p50", 0).put("p99", 0)))
        .put("avDriftMs", decodeStats.getValue("avDriftMs", 0));
    stream.put("stats", merged);
    return stream;
  }

  private static JsonObject track(Object ingestTrack, JsonObject decodeTrack, String... fields) {
    if (!(ingestTrack instanceof JsonObject ingest)) {
      return decodeTrack == null ? null : decodeTrack.copy();
    }
    JsonObject track = ingest.copy();
    if (decodeTrack != null) {
      for (String field : fields) {
        Object value = decodeTrack.getValue(field);
        if (value != null && !(value instanceof Number n && n.doubleValue() == 0)) {
          track.put(field, value);
        }
      }
      track.put("decodable", decodeTrack.getBoolean("decodable", false));
    } else {
      track.put("decodable", false);
    }
    return track;
  }
}
