package io.inlet.bus;

import io.vertx.core.json.JsonObject;
import java.util.Objects;

/**
 * Internal, the reply to an {@link AssignRequest}: the decode verticle that took the stream and the
 * packet address of this attachment, where the ingest side sends a {@link PacketBatch}, then each
 * {@link MediaPacket}, and a {@link ReleaseStream} when it moves the stream away.
 */
public record Assignment(String decodeNode, String decoderId, String address) {

  public Assignment {
    Objects.requireNonNull(decodeNode, "decodeNode");
    Objects.requireNonNull(decoderId, "decoderId");
    Objects.requireNonNull(address, "address");
  }

  JsonObject toJson() {
    return new JsonObject().put("decodeNode", decodeNode).put("decoder", decoderId).put("address", address);
  }

  static Assignment fromJson(JsonObject json) {
    return new Assignment(JsonFields.requiredString(json, "decodeNode"), JsonFields.requiredString(json, "decoder"),
        JsonFields.requiredString(json, "address"));
  }
}
