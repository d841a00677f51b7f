package io.inlet.bus;

import io.vertx.core.json.JsonObject;
import java.util.Objects;

/**
 * {@code {"name"}}: a key that was revoked. Public as the reply to a {@link RevokeKeyRequest};
 * internal when the auth role publishes it on {@link Addresses#KEY_REVOKED} once the revoke is on
 * disk (with its registered codec), so the ingest node that has the stream disconnects it.
 */
public record RevokedKey(String name) {

  public RevokedKey {
    Objects.requireNonNull(name, "name");
  }

  public JsonObject toJson() {
    return new JsonObject().put("name", name);
  }

  /** @throws WireFormatException when {@code name} is missing or not a string */
  public static RevokedKey fromJson(JsonObject json) {
    return new RevokedKey(JsonFields.requiredString(json, "name"));
  }
}
