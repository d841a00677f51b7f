package io.inlet.bus;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.Objects;

/**
 * Public, published on {@link Addresses#STREAM_EVENTS}: {@code {...Stream fields, "type", "seq", "at", ...}},
 * the stream's fields ({@link IngestedStream}) with its {@code type}, its number in the stream's
 * sequence of events ({@code started} is 1, {@code ended} the last) and when it happened;
 * {@code resumed} adds {@code gapMs}, {@code moved} adds {@code previousDecodeNode}, {@code ended} adds
 * {@code reason}.
 *
 * @param seq 1, 2, 3, ... per stream id, in the order the events happened
 * @param at when it happened (Inlet always says; an event read from elsewhere may not)
 * @param gapMs how long the stream was interrupted ({@link Type#RESUMED} only), else null
 * @param reason why the stream ended ({@link Type#ENDED} only), else null
 * @param previousDecodeNode the decode node the stream left ({@link Type#MOVED} only), else null
 */
public record StreamEvent(Type type, IngestedStream stream, long seq, Instant at, String reason, String previousDecodeNode,
    Long gapMs) {

  /** The event types of the contract, by their JSON names. */
  public enum Type {
    STARTED("started"),
    INTERRUPTED("interrupted"),
    RESUMED("resumed"),
    MOVED("moved"),
    ENDED("ended");

    private final String jsonName;

    Type(String jsonName) {
      this.jsonName = jsonName;
    }

    public String jsonName() {
      return jsonName;
    }

    static Type ofJsonName(String name) {
      for (Type type : values()) {
        if (type.jsonName.equals(name)) {
          return type;
        }
      }
      throw new WireFormatException("The field 'type' has the unknown stream event type '" + name + "'.");
    }
  }

  public StreamEvent {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(stream, "stream");
  }

  public static StreamEvent started(IngestedStream stream, long seq, Instant at) {
    return new StreamEvent(Type.STARTED, stream, seq, at, null, null, null);
  }

  /** The publisher's connection ended without an unpublish ({@code reason} says how): the grace window opens. */
  public static StreamEvent interrupted(IngestedStream stream, long seq, Instant at, String reason) {
    return new StreamEvent(Type.INTERRUPTED, stream, seq, at, reason, null, null);
  }

  public static StreamEvent resumed(IngestedStream stream, long seq, Instant at, long gapMs) {
    return new StreamEvent(Type.RESUMED, stream, seq, at, null, null, gapMs);
  }

  public static StreamEvent moved(IngestedStream stream, long seq, Instant at, String previousDecodeNode) {
    return new StreamEvent(Type.MOVED, stream, seq, at, null, previousDecodeNode, null);
  }

  public static StreamEvent ended(IngestedStream stream, long seq, Instant at, String reason) {
    return new StreamEvent(Type.ENDED, stream, seq, at, reason, null, null);
  }

  /** The stream's public name. */
  public String name() {
    return stream.name();
  }

  public JsonObject toJson() {
    JsonObject json = stream.toJson().put("type", type.jsonName).put("seq", seq).put("at", at == null ? null : at.toString());
    switch (type) {
      case MOVED -> json.put("previousDecodeNode", previousDecodeNode);
      case RESUMED -> json.put("gapMs", gapMs);
      case INTERRUPTED, ENDED -> json.put("reason", reason);
      case STARTED -> { }
    }
    return json;
  }

  /** @throws WireFormatException when {@code type} or {@code name} is missing or unknown, or a field is ill-typed */
  public static StreamEvent fromJson(JsonObject json) {
    Type type = Type.ofJsonName(JsonFields.requiredString(json, "type"));
    long gap = JsonFields.optionalLong(json, "gapMs", -1);
    return new StreamEvent(type, IngestedStream.fromJson(json), JsonFields.optionalLong(json, "seq", 0),
        JsonFields.optionalInstant(json, "at"), JsonFields.optionalString(json, "reason"),
        JsonFields.optionalString(json, "previousDecodeNode"), gap < 0 ? null : gap);
  }
}
