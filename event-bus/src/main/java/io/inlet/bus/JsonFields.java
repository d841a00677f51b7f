package io.inlet.bus;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * Reads the fields of a JSON message body for the records' {@code fromJson}: a field that is
 * required and missing, or present with the wrong type, is a {@link WireFormatException} whose
 * message is one sentence naming the field, fit to answer a request with.
 */
public final class JsonFields {

  private JsonFields() {}

  /** The body of a message as a JSON object, or a {@link WireFormatException} when it is something else. */
  public static JsonObject object(Object body) {
    if (body instanceof JsonObject json) {
      return json;
    }
    throw new WireFormatException("The request body must be a JSON object.");
  }

  static String requiredString(JsonObject json, String field) {
    return required(json, field, String.class, "a string");
  }

  static String optionalString(JsonObject json, String field) {
    return optional(json, field, String.class, "a string");
  }

  static Instant requiredInstant(JsonObject json, String field) {
    Instant value = optionalInstant(json, field);
    if (value == null) {
      throw missing(field, "an ISO-8601 time");
    }
    return value;
  }

  static Instant optionalInstant(JsonObject json, String field) {
    String text = optionalString(json, field);
    try {
      return text == null ? null : Instant.parse(text);
    } catch (DateTimeParseException e) {
      throw illTyped(field, "an ISO-8601 time");
    }
  }

  static boolean requiredBoolean(JsonObject json, String field) {
    return required(json, field, Boolean.class, "a boolean");
  }

  static Number optionalNumber(JsonObject json, String field) {
    return optional(json, field, Number.class, "a number");
  }

  static long optionalLong(JsonObject json, String field, long absent) {
    Number value = optionalNumber(json, field);
    return value == null ? absent : value.longValue();
  }

  static JsonObject requiredObject(JsonObject json, String field) {
    return required(json, field, JsonObject.class, "a JSON object");
  }

  static JsonObject optionalObject(JsonObject json, String field) {
    return optional(json, field, JsonObject.class, "a JSON object");
  }

  static JsonArray requiredArray(JsonObject json, String field) {
    return required(json, field, JsonArray.class, "an array");
  }

  private static <T> T required(JsonObject json, String field, Class<T> type, String typeName) {
    T value = optional(json, field, type, typeName);
    if (value == null) {
      throw missing(field, typeName);
    }
    return value;
  }

  private static <T> T optional(JsonObject json, String field, Class<T> type, String typeName) {
    Object value = json.getValue(field);
    if (value == null || type.isInstance(value)) {
      return type.cast(value);
    }
    throw illTyped(field, typeName);
  }

  /** The array's element {@code index} as an object. */
  static JsonObject element(JsonArray array, String field, int index) {
    Object value = array.getValue(index);
    if (value instanceof JsonObject json) {
      return json;
    }
    throw new WireFormatException("Every element of '" + field + "' must be a JSON object.");
  }

  /** A whole number as a Long, another number as a Double: one form per value, whichever way it came. */
  static Number normalized(Number value) {
    if (value == null) {
      return null;
    }
    double d = value.doubleValue();
    boolean whole = !(value instanceof Double || value instanceof Float) || d == Math.rint(d) && !Double.isInfinite(d);
    return whole ? (Number) value.longValue() : (Number) d;
  }

  private static WireFormatException missing(String field, String type) {
    return new WireFormatException("The field '" + field + "' is required and must be " + type + ".");
  }

  private static WireFormatException illTyped(String field, String type) {
    return new WireFormatException("The field '" + field + "' must be " + type + ".");
  }
}
