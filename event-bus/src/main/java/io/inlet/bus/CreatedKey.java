package io.inlet.bus;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.Objects;

/**
 * Public, the reply to a {@link CreateKeyRequest}: {@code {"name","key","createdAt"}}, the only
 * time the key itself is ever shown.
 */
public record CreatedKey(String name, String key, Instant createdAt) {

  public CreatedKey {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(createdAt, "createdAt");
  }

  public JsonObject toJson() {
    return new JsonObject().put("name", name).put("key", key).put("createdAt", createdAt.toString());
  }

  /** @throws WireFormatException when a field is missing or ill-typed */
  public static CreatedKey fromJson(JsonObject json) {
    return new CreatedKey(JsonFields.requiredString(json, "name"), JsonFields.requiredString(json, "key"),
        JsonFields.requiredInstant(json, "createdAt"));
  }

  @Override
  public String toString() {
    return "CreatedKey[" + name + " created " + createdAt + "]"; // never the key itself
  }
}
