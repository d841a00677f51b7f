package io.inlet.bus;

import io.vertx.core.json.JsonObject;
import java.util.Objects;

/**
 * Internal, sent to the {@link Addresses#ingestNode} of the node whose {@link StreamLease} holds a
 * name, by another ingest node where a publish of that name's key arrived (behind a load balancer a
 * reconnect may land anywhere). The holder applies its publish policy on its own clock: it resumes an
 * interrupted stream or takes a silent one over by letting go of it, and answers {@link HandedOver};
 * or it refuses with 409 and the sentence the publisher is told.
 *
 * @param name the stream's name
 * @param id the stream id the asker read in the lease
 * @param publishes the session number the asker read in the lease
 * @param toNode the asking node
 */
public record HandOverRequest(String name, String id, int publishes, String toNode) {

  public HandOverRequest {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(toNode, "toNode");
  }

  JsonObject toJson() {
    return new JsonObject().put("name", name).put("id", id).put("publishes", publishes).put("toNode", toNode);
  }

  static HandOverRequest fromJson(JsonObject json) {
    return new HandOverRequest(JsonFields.requiredString(json, "name"), JsonFields.requiredString(json, "id"),
        (int) JsonFields.optionalLong(json, "publishes", 1), JsonFields.requiredString(json, "toNode"));
  }
}
