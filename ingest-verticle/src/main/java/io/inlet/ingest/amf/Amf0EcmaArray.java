package io.inlet.ingest.amf;

import java.util.LinkedHashMap;

/**
 * An AMF0 ECMA array (marker 0x08): string-keyed properties like an object, which is what
 * encoders use for {@code onMetaData}. A distinct type so that a decoded metadata array encodes
 * back as an ECMA array, not as an object. AMF3 arrays with an associative part also decode to
 * this type, their dense elements keyed "0", "1", ...
 */
public final class Amf0EcmaArray extends LinkedHashMap<String, Object> {

  private static final long serialVersionUID = 1L;

  /** Puts a property and returns this, so metadata can be built in one expression. */
  public Amf0EcmaArray with(String key, Object value) {
    put(key, value);
    return this;
  }

  /** The property as a String, or null when absent or not a string. */
  public String string(String key) {
    return TypedGetters.string(get(key));
  }

  /** The property as a Double, or null when absent or not a number. */
  public Double number(String key) {
    return TypedGetters.number(get(key));
  }

  /** The property as a Boolean, or null when absent or not a boolean. */
  public Boolean bool(String key) {
    return TypedGetters.bool(get(key));
  }
}
