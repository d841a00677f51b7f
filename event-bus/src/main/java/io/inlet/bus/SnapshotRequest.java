package io.inlet.bus;

import io.vertx.core.json.JsonObject;
import java.util.Objects;

/**
 * Internal, on {@link Addresses#streamSnapshot}: asks the decoder of a stream for its latest decoded
 * frame. The reply is the JPEG itself, a plain {@code Buffer}; it fails 404 when no frame was
 * decoded yet.
 */
public record SnapshotRequest(String stream) {

  public SnapshotRequest {
    Objects.requireNonNull(stream, "stream");
  }

  JsonObject toJson() {
    return new JsonObject().put("name", stream);
  }

  static SnapshotRequest fromJson(JsonObject json) {
    return new SnapshotRequest(JsonFields.requiredString(json, "name"));
  }
}
