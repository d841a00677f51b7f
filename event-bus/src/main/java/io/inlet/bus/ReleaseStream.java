package io.inlet.bus;

import io.vertx.core.json.JsonObject;
import java.util.Objects;

/**
 * Internal, sent on a stream's packet address (the {@link Assignment#address()} of the decoder it
 * leaves) when the ingest side moved the stream to another decoder (rebalancing): this decoder lets
 * go of it.
 */
public record ReleaseStream(String stream) {

  public ReleaseStream {
    Objects.requireNonNull(stream, "stream");
  }

  JsonObject toJson() {
    return new JsonObject().put("name", stream);
  }

  static ReleaseStream fromJson(JsonObject json) {
    return new ReleaseStream(JsonFields.requiredString(json, "name"));
  }
}
