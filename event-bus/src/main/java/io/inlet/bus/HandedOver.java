package io.inlet.bus;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.Objects;

/**
 * Internal, the reply to a {@link HandOverRequest}: the old ingest node let go of the stream; what the
 * new one needs to continue it as one stream. Times are durations, never one node's clock read by
 * another.
 *
 * @param id the stream's id
 * @param app its RTMP application
 * @param startedAt when the stream started
 * @param publishes the last session's number (the new one is one higher)
 * @param nextSeq the seq of the stream's next event
 * @param lastDts the decode time of the last packet handed on, or {@link Long#MIN_VALUE} if none
 * @param idleMs how long before this reply the stream's last media arrived
 * @param decoderId the decode verticle that had the stream, or null
 * @param decodeNode its node, or null
 * @param counters the ingest side's counters so far
 */
public record HandedOver(String id, String app, Instant startedAt, int publishes, long nextSeq, long lastDts, long idleMs,
    String decoderId, String decodeNode, IngestedStream.Counters counters) {

  public HandedOver {
    Objects.requireNonNull(id, "id");
    counters = counters == null ? IngestedStream.Counters.NONE : counters;
  }

  JsonObject toJson() {
    return new JsonObject().put("id", id).put("app", app).put("startedAt", startedAt == null ? null : startedAt.toString())
        .put("publishes", publishes).put("nextSeq", nextSeq).put("lastDts", lastDts).put("idleMs", idleMs)
        .put("decoder", decoderId).put("decodeNode", decodeNode).put("stats", counters.toJson());
  }

  static HandedOver fromJson(JsonObject json) {
    return new HandedOver(JsonFields.requiredString(json, "id"), JsonFields.optionalString(json, "app"),
        JsonFields.optionalInstant(json, "startedAt"), (int) JsonFields.optionalLong(json, "publishes", 1),
        JsonFields.optionalLong(json, "nextSeq", 1), JsonFields.optionalLong(json, "lastDts", Long.MIN_VALUE),
        JsonFields.optionalLong(json, "idleMs", 0), JsonFields.optionalString(json, "decoder"),
        JsonFields.optionalString(json, "decodeNode"), IngestedStream.Counters.fromJson(JsonFields.optionalObject(json, "stats")));
  }
}
