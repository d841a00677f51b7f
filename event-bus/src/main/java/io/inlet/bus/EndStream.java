package io.inlet.bus;

import io.vertx.core.json.JsonObject;
import java.util.Objects;

/**
 * Internal, sent to the {@link Addresses#ingestNode} of the node that ingests a stream (the HTTP API's
 * {@code DELETE /api/streams/{name}}): disconnect its publisher and end the stream at once, without a
 * grace window. The reply is empty; a node that does not have the stream fails 404.
 */
public record EndStream(String name) {

  public EndStream {
    Objects.requireNonNull(name, "name");
  }

  JsonObject toJson() {
    return new JsonObject().put("name", name);
  }

  static EndStream fromJson(JsonObject json) {
    return new EndStream(JsonFields.requiredString(json, "name"));
  }
}
