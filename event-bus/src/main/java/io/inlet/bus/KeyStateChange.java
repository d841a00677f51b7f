package io.inlet.bus;

import io.vertx.core.json.JsonObject;
import java.util.Objects;

/**
 * Internal, between clustered auth replicas only, on one replica's {@link Addresses#authReplica}: a
 * committed change of one key name to apply. {@code state} is the key state's JSON form, the same
 * text the cluster map {@link ClusterMaps#AUTH_KEYS} holds; the auth role reads and checks it. The
 * reply has no body: it says the change is on that replica's disk.
 */
public record KeyStateChange(JsonObject state) {

  public KeyStateChange {
    Objects.requireNonNull(state, "state");
  }

  JsonObject toJson() {
    return new JsonObject().put("state", state);
  }

  static KeyStateChange fromJson(JsonObject json) {
    return new KeyStateChange(JsonFields.requiredObject(json, "state"));
  }
}
