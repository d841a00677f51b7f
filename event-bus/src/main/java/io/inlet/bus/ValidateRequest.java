package io.inlet.bus;

import io.vertx.core.json.JsonObject;

/**
 * Public, on {@link Addresses#AUTH_VALIDATE}: {@code {"app","key"}}, and {@code "remoteAddress"}
 * when the asker knows the publisher's (failures are limited per address), {@code "tcUrl"} (the URL
 * the publisher connected to) and {@code "node"} (the ingest node asking) when known: an auth webhook
 * passes them on to the user's backend. Answered with a {@link ValidatedKey}, or fails 403. A request
 * without a key fails 403 like an unknown key: whoever asks learns nothing more from a malformed
 * request than from a wrong key.
 *
 * @param app the RTMP application, or null
 * @param key the stream key, or null when the request gave none
 * @param remoteAddress the publisher's {@code host:port}, or null
 * @param tcUrl the {@code tcUrl} of the publisher's {@code connect}, or null
 * @param node the id of the ingest node the publisher is connected to, or null
 */
public record ValidateRequest(String app, String key, String remoteAddress, String tcUrl, String node) {

  /** A request that knows neither the tcUrl nor the node. */
  public ValidateRequest(String app, String key, String remoteAddress) {
    this(app, key, remoteAddress, null, null);
  }

  public JsonObject toJson() {
    JsonObject json = new JsonObject().put("app", app).put("key", key);
    putIfKnown(json, "remoteAddress", remoteAddress);
    putIfKnown(json, "tcUrl", tcUrl);
    putIfKnown(json, "node", node);
    return json;
  }

  private static void putIfKnown(JsonObject json, String field, String value) {
    if (value != null) {
      json.put(field, value);
    }
  }

  /** @throws WireFormatException when a field is present but not a string */
  public static ValidateRequest fromJson(JsonObject json) {
    return new ValidateRequest(JsonFields.optionalString(json, "app"), JsonFields.optionalString(json, "key"),
        JsonFields.optionalString(json, "remoteAddress"), JsonFields.optionalString(json, "tcUrl"),
        JsonFields.optionalString(json, "node"));
  }

  @Override
  public String toString() {
    return "ValidateRequest[" + app + " from " + remoteAddress + " via " + node + "]"; // never the key itself
  }
}
