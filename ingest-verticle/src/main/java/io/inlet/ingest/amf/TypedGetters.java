package io.inlet.ingest.amf;

/** The typed lookups shared by {@link Amf0Object} and {@link Amf0EcmaArray}. */
final class TypedGetters {

  private TypedGetters() {}

  static String string(Object value) {
    return value instanceof String s ? s : null;
  }

  /** Any Number counts, so a value put by hand as an Integer reads the same as a decoded Double. */
  static Double number(Object value) {
    return value instanceof Number n ? n.doubleValue() : null;
  }

  static Boolean bool(Object value) {
    return value instanceof Boolean b ? b : null;
  }
}
