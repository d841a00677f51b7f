package io.inlet.bus;

import io.vertx.core.json.JsonObject;
import java.util.Objects;

/**
 * Internal, on {@link Addresses#DECODE_ASSIGN} or one decoder's {@link Addresses#decoderAssign}: the
 * ingest side asks for a decoder for a stream. A decoder with room replies with an
 * {@link Assignment} once it listens on the stream's packet address; a full one fails 503.
 *
 * <p>A decoder keys its streams by {@code id}. Asked again for a stream it has, by a newer publisher
 * session ({@code publishes} higher: a resume landed on another ingest node), it keeps the stream's
 * decoder and sinks and moves it to a new packet address, so packets of the older session still on
 * their way are never decoded; asked by an older session, it fails 409.
 *
 * @param stream the stream's public name
 * @param id the stream's id (unique per stream lifetime)
 * @param publishes the asking publisher session's number
 */
public record AssignRequest(String stream, String id, int publishes) {

  public AssignRequest {
    Objects.requireNonNull(stream, "stream");
    Objects.requireNonNull(id, "id");
  }

  JsonObject toJson() {
    return new JsonObject().put("name", stream).put("id", id).put("publishes", publishes);
  }

  static AssignRequest fromJson(JsonObject json) {
    return new AssignRequest(JsonFields.requiredString(json, "name"), JsonFields.requiredString(json, "id"),
        (int) JsonFields.optionalLong(json, "publishes", 1));
  }
}
