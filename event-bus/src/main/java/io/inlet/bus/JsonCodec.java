package io.inlet.bus;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.util.function.Function;

/**
 * The codec of a low-rate internal message: between nodes it travels as its JSON form (a version
 * byte, then the JSON text prefixed by its length); inside one JVM the record itself is handed over.
 * Used where a message is rare enough that a binary layout would buy nothing.
 */
final class JsonCodec<T> extends ZeroCopyCodec<T> {

  private static final int VERSION = 1;
  /** Low-rate messages are small; a larger one is corrupt. */
  static final int MAX_JSON_BYTES = 16 * 1024 * 1024;

  private final Function<T, JsonObject> toJson;
  private final Function<JsonObject, T> fromJson;

  JsonCodec(String name, Function<T, JsonObject> toJson, Function<JsonObject, T> fromJson) {
    super(name);
    this.toJson = toJson;
    this.fromJson = fromJson;
  }

  @Override
  public void encodeToWire(Buffer buffer, T message) {
    new WireWriter(buffer).u8(VERSION).bytes(toJson.apply(message).toBuffer());
  }

  @Override
  public T decodeFromWire(int pos, Buffer buffer) {
    WireReader in = new WireReader(buffer, pos, name());
    in.version(VERSION);
    Buffer text = in.bytes(in.length("json", MAX_JSON_BYTES));
    JsonObject json;
    try {
      json = new JsonObject(text);
    } catch (DecodeException | ClassCastException e) {
      throw new WireFormatException(name() + ": the body is not a JSON object");
    }
    return fromJson.apply(json);
  }
}
