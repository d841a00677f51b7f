package io.inlet.bus;

import io.vertx.core.json.JsonObject;

/**
 * Public, on {@link Addresses#AUTH_KEYS_CREATE}: {@code {"name"}}. Answered with a {@link CreatedKey},
 * or fails 400 (bad name) / 409 (name taken).
 */
public record CreateKeyRequest(String name) {

  public JsonObject toJson() {
    return new JsonObject().put("name", name);
  }

  /** @throws WireFormatException when {@code name} is missing or not a string */
  public static CreateKeyRequest fromJson(JsonObject json) {
    return new CreateKeyRequest(JsonFields.requiredString(json, "name"));
  }
}
