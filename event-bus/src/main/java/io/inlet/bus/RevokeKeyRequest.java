package io.inlet.bus;

import io.vertx.core.json.JsonObject;

/**
 * Public, on {@link Addresses#AUTH_KEYS_REVOKE}: {@code {"name"}}. Answered with a {@link RevokedKey},
 * or fails 404. A request without a name names no key: it fails 404 like an unknown name, as the
 * contract has revoke fail only with 404.
 *
 * @param name the key's name; null when the request gave none
 */
public record RevokeKeyRequest(String name) {

  public JsonObject toJson() {
    return new JsonObject().put("name", name);
  }

  /** @throws WireFormatException when {@code name} is present but not a string */
  public static RevokeKeyRequest fromJson(JsonObject json) {
    return new RevokeKeyRequest(JsonFields.optionalString(json, "name"));
  }
}
