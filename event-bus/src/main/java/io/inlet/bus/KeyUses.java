package io.inlet.bus;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Internal, between clustered auth replicas only, published on {@link Addresses#KEY_USES} every
 * flush period: the keys (by name) replica {@code from} validated lately, and when; best effort.
 */
public record KeyUses(String from, Map<String, Instant> uses) {

  public KeyUses {
    Objects.requireNonNull(from, "from");
    uses = Map.copyOf(uses);
  }

  JsonObject toJson() {
    JsonObject batch = new JsonObject();
    uses.forEach((name, at) -> batch.put(name, at.toString()));
    return new JsonObject().put("from", from).put("uses", batch);
  }

  static KeyUses fromJson(JsonObject json) {
    String from = JsonFields.requiredString(json, "from");
    JsonObject batch = JsonFields.optionalObject(json, "uses");
    Map<String, Instant> uses = new LinkedHashMap<>();
    if (batch != null) {
      for (String name : batch.fieldNames()) {
        uses.put(name, JsonFields.requiredInstant(batch, name));
      }
    }
    return new KeyUses(from, uses);
  }
}
