package io.inlet.bus;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Public, the reply to a {@link ListKeysRequest}: {@code {"keys":[{"name","createdAt","lastUsedAt",
 * "live"}]}}, as on HTTP, never a secret.
 */
public record KeyList(List<Key> keys) {

  /** One key: {@code lastUsedAt} is null until it was first used. */
  public record Key(String name, Instant createdAt, Instant lastUsedAt, boolean live) {

    public Key {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(createdAt, "createdAt");
    }

    public JsonObject toJson() {
      return new JsonObject().put("name", name).put("createdAt", createdAt.toString())
          .put("lastUsedAt", lastUsedAt == null ? null : lastUsedAt.toString()).put("live", live);
    }

    static Key fromJson(JsonObject json) {
      return new Key(JsonFields.requiredString(json, "name"), JsonFields.requiredInstant(json, "createdAt"),
          JsonFields.optionalInstant(json, "lastUsedAt"), JsonFields.requiredBoolean(json, "live"));
    }
  }

  public KeyList {
    keys = List.copyOf(keys);
  }

  public JsonObject toJson() {
    JsonArray array = new JsonArray();
    keys.forEach(key -> array.add(key.toJson()));
    return new JsonObject().put("keys", array);
  }

  /** @throws WireFormatException when a field is missing or ill-typed */
  public static KeyList fromJson(JsonObject json) {
    JsonArray array = JsonFields.requiredArray(json, "keys");
    List<Key> keys = new ArrayList<>(array.size());
    for (int i = 0; i < array.size(); i++) {
      keys.add(Key.fromJson(JsonFields.element(array, "keys", i)));
    }
    return new KeyList(keys);
  }
}
