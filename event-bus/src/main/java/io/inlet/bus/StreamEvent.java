package io.inlet.bus;

import io.vertx.core.json.JsonObject;
import java.util.Objects;

/**
 * Public, published on {@link Addresses#STREAM_EVENTS}: {@code {...Stream fields, "type", ...}}, the
 * stream's fields ({@link IngestedStream}) with its {@code type}; {@code moved} adds
 * {@code previousDecodeNode}, {@code ended} adds {@code reason}.
 *
 * @param reason why the stream ended ({@link Type#ENDED} only), else null
 * @param previousDecodeNode the decode node the stream left ({@link Type#MOVED} only), else null
 */
public record StreamEvent(Type type, IngestedStream stream, String reason, String previousDecodeNode) {

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

  public static StreamEvent started(IngestedStream stream) {
    return new StreamEvent(Type.STARTED, stream, null, null);
  }

  public static StreamEvent moved(IngestedStream stream, String previousDecodeNode) {
    return new StreamEvent(Type.MOVED, stream, null, previousDecodeNode);
  }

  public static StreamEvent ended(IngestedStream stream, String reason) {
    return new StreamEvent(Type.ENDED, stream, reason, null);
  }

  /** The stream's public name. */
  public String name() {
    return stream.name();
  }

  public JsonObject toJson() {
    JsonObject json = stream.toJson().put("type", type.jsonName);
    if (type == Type.MOVED) {
      json.put("previousDecodeNode", previousDecodeNode);
    }
    if (type == Type.ENDED) {
      json.put("reason", reason);
    }
    return json;
  }

  /** @throws WireFormatException when {@code type} or {@code name} is missing or unknown, or a field is ill-typed */
  public static StreamEvent fromJson(JsonObject json) {
    Type type = Type.ofJsonName(JsonFields.requiredString(json, "type"));
    return new StreamEvent(type, IngestedStream.fromJson(json), JsonFields.optionalString(json, "reason"),
        JsonFields.optionalString(json, "previousDecodeNode"));
  }
}
