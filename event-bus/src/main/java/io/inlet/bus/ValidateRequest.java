package io.inlet.bus;

import io.vertx.core.json.JsonObject;

/**
 * Public, on {@link Addresses#AUTH_VALIDATE}: {@code {"app","key"}}, and {@code "remoteAddress"}
 * when the asker knows the publisher's (failures are limited per address). Answered with a
 * {@link ValidatedKey}, or fails 403. A request without a key fails 403 like an unknown key: whoever
 * asks learns nothing more from a malformed request than from a wrong key.
 *
 * @param app the RTMP application, or null
 * @param key the stream key, or null when the request gave none
 * @param remoteAddress the publisher's {@code host:port}, or null
 */
public record ValidateRequest(String app, String key, String remoteAddress) {

  public JsonObject toJson() {
    JsonObject json = new JsonObject().put("app", app).put("key", key);
    return remoteAddress == null ? json : json.put("remoteAddress", remoteAddress);
  }

  /** @throws WireFormatException when a field is present but not a string */
  public static ValidateRequest fromJson(JsonObject json) {
    return new ValidateRequest(JsonFields.optionalString(json, "app"), JsonFields.optionalString(json, "key"),
        JsonFields.optionalString(json, "remoteAddress"));
  }

  @Override
  public String toString() {
    return "ValidateRequest[" + app + " from " + remoteAddress + "]"; // never the key itself
  }
}
