package io.inlet.bus;

import io.vertx.core.json.JsonObject;
import java.util.Objects;

/** Public, the reply to a {@link ValidateRequest}: {@code {"name"}}, the stream's public name. */
public record ValidatedKey(String name) {

  public ValidatedKey {
    Objects.requireNonNull(name, "name");
  }

  public JsonObject toJson() {
    return new JsonObject().put("name", name);
  }

  /** @throws WireFormatException when {@code name} is missing or not a string */
  public static ValidatedKey fromJson(JsonObject json) {
    return new ValidatedKey(JsonFields.requiredString(json, "name"));
  }
}
