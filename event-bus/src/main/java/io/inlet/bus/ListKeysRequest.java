package io.inlet.bus;

import io.vertx.core.json.JsonObject;

/** Public, on {@link Addresses#AUTH_KEYS_LIST}: {@code {}}. Answered with a {@link KeyList}. */
public record ListKeysRequest() {

  public JsonObject toJson() {
    return new JsonObject();
  }
}
