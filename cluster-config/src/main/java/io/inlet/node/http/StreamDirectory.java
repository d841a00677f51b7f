package io.inlet.node.http;

import io.inlet.bus.Addresses;
import io.inlet.bus.DecoderReport;
import io.inlet.bus.EndStream;
import io.inlet.bus.IngestStats;
import io.inlet.bus.IngestedStream;
import io.inlet.bus.JsonFields;
import io.inlet.bus.ReplyCodes;
import io.inlet.bus.SnapshotRequest;
import io.inlet.bus.StreamDecodeReport;
import io.inlet.bus.StreamEvent;
import io.inlet.bus.WireFormatException;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.ReplyException;
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
  private static final DeliveryOptions END_TIMEOUT = new DeliveryOptions().setSendTimeout(5_000);

  /** What the ingest side and the decode side last said of a stream. */
  static final class Entry {
    IngestedStream ingest;
    /** Null until a decoder reports the stream. */
    StreamDecodeReport decode;
    boolean ended;
    long updatedAtMillis;
    long decodeUpdatedAtMillis;
  }

  private final Vertx vertx;
  private final Map<String, Entry> streams = new LinkedHashMap<>();

  public StreamDirectory(Vertx vertx) {
    this.vertx = vertx;
    vertx.eventBus().<IngestStats>consumer(Addresses.STREAM_STATS, message -> onIngestReport(message.body()));
    vertx.eventBus().<DecoderReport>consumer(Addresses.DECODE_STATS, message -> onDecodeReport(message.body()));
    vertx.eventBus().<Object>consumer(Addresses.STREAM_EVENTS, message -> onEvent(message.body()));
    vertx.setPeriodic(1_000, id -> expire());
  }

  void mount(Router router) {
    router.get("/api/streams").handler(this::list);
    router.get("/api/streams/:name").handler(this::one);
    router.get("/api/streams/:name/snapshot.jpg").handler(this::snapshot);
    router.delete("/api/streams/:name").handler(this::end);
  }

  private void onIngestReport(IngestStats report) {
    for (IngestedStream stream : report.streams()) {
      Entry entry = entry(stream.name());
      if (entry != null && !entry.ended) {
        entry.ingest = stream;
        entry.updatedAtMillis = System.currentTimeMillis();
      }
    }
  }

  private void onDecodeReport(DecoderReport report) {
    for (StreamDecodeReport stream : report.streams()) {
      Entry entry = streams.get(stream.name());
      if (entry != null && fromItsDecoder(entry, stream)) {
        entry.decode = stream;
        entry.decodeUpdatedAtMillis = System.currentTimeMillis();
      }
    }
  }

  /** Public address: plain JSON from anyone; what is not a stream event is ignored. */
  private void onEvent(Object body) {
    StreamEvent event;
    try {
      event = StreamEvent.fromJson(JsonFields.object(body));
    } catch (WireFormatException notAnEvent) {
      return;
    }
    Entry entry = entry(event.name());
    if (entry == null) {
      return;
    }
    if (event.type() == StreamEvent.Type.STARTED) {
      entry.ingest = event.stream();
      entry.decode = null;
      entry.ended = false;
      entry.updatedAtMillis = System.currentTimeMillis();
      return;
    }
    boolean sameStream = entry.ingest == null || entry.ingest.id() == null || entry.ingest.id().equals(event.stream().id());
    if (!sameStream) {
      return; // a late event of an earlier stream of that name
    }
    if (event.type() == StreamEvent.Type.ENDED) {
      entry.ingest = event.stream();
      entry.ended = true;
      entry.updatedAtMillis = System.currentTimeMillis();
    } else if (event.type() == StreamEvent.Type.INTERRUPTED || event.type() == StreamEvent.Type.RESUMED
        || event.type() == StreamEvent.Type.MOVED) {
      entry.ingest = event.stream();
      entry.updatedAtMillis = System.currentTimeMillis();
    }
  }

  /**
   * Whether a decoder's report of the stream comes from the decoder its ingest node placed it on (or
   * the ingest node named none yet). The ingest node decides where a stream is decoded; another
   * decoder still listing it is one that lost it and has not noticed yet, or whose reports were held
   * up: after a partition heals, the reports a cut-off decoder published while cut off arrive all at
   * once. Its figures would show the stream on the wrong node.
   */
  static boolean fromItsDecoder(Entry entry, StreamDecodeReport decode) {
    String placedOn = entry.ingest == null ? null : entry.ingest.decodeNode();
    return decode != null && (placedOn == null || placedOn.equals(decode.decodeNode()));
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

  /** Admin (the route checks the token first): the stream's ingest node disconnects its publisher and ends it. */
  private void end(RoutingContext ctx) {
    String name = ctx.pathParam("name");
    Entry entry = streams.get(name);
    if (entry == null || entry.ingest == null || entry.ended || entry.ingest.ingestNode() == null) {
      HttpErrors.send(ctx, 404, "There is no stream named '" + name + "'.");
      return;
    }
    vertx.eventBus().request(Addresses.ingestNode(entry.ingest.ingestNode()), new EndStream(name), END_TIMEOUT)
        .onSuccess(reply -> ctx.response().setStatusCode(204).end())
        .onFailure(cause -> {
          if (cause instanceof ReplyException reply && reply.failureCode() == ReplyCodes.NOT_FOUND) {
            HttpErrors.send(ctx, 404, "There is no stream named '" + name + "'.");
          } else {
            HttpErrors.send(ctx, 503, "The node ingesting stream '" + name + "' could not be reached; try again.");
          }
        });
  }

  private void snapshot(RoutingContext ctx) {
    String name = ctx.pathParam("name");
    vertx.eventBus().<Buffer>request(Addresses.streamSnapshot(name), new SnapshotRequest(name), SNAPSHOT_TIMEOUT)
        .onSuccess(reply -> ctx.response()
            .putHeader("Content-Type", "image/jpeg")
            .putHeader("Cache-Control", "no-store")
            .end(reply.body()))
        .onFailure(cause -> HttpErrors.send(ctx, 404, "No decoded frame of stream '" + name + "' is available."));
  }

  /** The contract's Stream JSON: the ingest side's report, the decode side's figures merged in. */
  static JsonObject view(Entry entry) {
    JsonObject stream = entry.ingest.toJson();
    // After a move, the decoder before's last report is no longer the stream's.
    StreamDecodeReport decode = fromItsDecoder(entry, entry.decode) ? entry.decode : null;
    String state = entry.ingest.state() == null ? IngestedStream.LIVE : entry.ingest.state();
    stream.put("state", entry.ended ? "ended" : state);
    stream.put("decodeNode", decode != null ? decode.decodeNode() : entry.ingest.decodeNode());
    StreamDecodeReport.Video video = decode == null ? null : decode.video();
    StreamDecodeReport.Audio audio = decode == null ? null : decode.audio();
    stream.put("video", track(stream.getValue("video"), video == null ? null : video.toJson(), "width", "height", "frameRate",
        "decodeFrames"));
    stream.put("audio", track(stream.getValue("audio"), audio == null ? null : audio.toJson(), "sampleRate", "channels"));
    IngestedStream.Counters stats = entry.ingest.stats();
    StreamDecodeReport.Counters decoded = decode == null ? null : decode.stats();
    JsonObject merged = new JsonObject()
        .put("bytesIn", stats.bytesIn())
        .put("bitrateKbps", stats.bitrateKbps())
        .put("videoFramesIn", stats.videoFramesIn())
        .put("videoFramesDecoded", decoded == null ? 0 : decoded.videoFramesDecoded())
        .put("audioFramesIn", stats.audioFramesIn())
        .put("audioFramesDecoded", decoded == null ? 0 : decoded.audioFramesDecoded())
        // Frames dropped by the decoder's lag rule plus those held back at the ingest side (flow control).
        .put("framesDropped", (decoded == null ? 0 : decoded.framesDropped()) + stats.framesDroppedAtIngest())
        .put("decodeLatencyMs", decoded == null ? new JsonObject().put("p50", 0).put("p99", 0) : decoded.latencyJson())
        .put("avDriftMs", decoded == null ? 0 : decoded.avDriftMs());
    stream.put("stats", merged);
    return stream;
  }

  private static JsonObject track(Object ingestTrack, JsonObject decodeTrack, String... fields) {
    if (!(ingestTrack instanceof JsonObject ingest)) {
      return decodeTrack;
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
