package io.inlet.bus;

import io.vertx.core.json.JsonObject;
import java.util.Objects;

/**
 * Internal, on {@link Addresses#DECODE_ASSIGN} or one decoder's {@link Addresses#decoderAssign}: the
 * ingest side asks for a decoder for a stream. A decoder with room replies with an
 * {@link Assignment} once it listens on the stream's packet address; a full one fails 503.
 */
public record AssignRequest(String stream) {

  public AssignRequest {
    Objects.requireNonNull(stream, "stream");
  }

  JsonObject toJson() {
    return new JsonObject().put("name", stream);
  }

  static AssignRequest fromJson(JsonObject json) {
    return new AssignRequest(JsonFields.requiredString(json, "name"));
  }
}
