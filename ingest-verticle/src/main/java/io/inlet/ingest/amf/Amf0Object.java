package io.inlet.ingest.amf;

import java.util.LinkedHashMap;
import java.util.Objects;

/**
 * An AMF object: an anonymous object (AMF0 0x03), a typed object (AMF0 0x10, {@link #className()}
 * set) or an AMF3 object. Insertion-ordered because peers read command objects positionally in
 * practice, and a reply encoded in the order it was built is easier to compare with captures.
 */
public final class Amf0Object extends LinkedHashMap<String, Object> {

  private static final long serialVersionUID = 1L;

  private final String className;

  /** An anonymous object. */
  public Amf0Object() {
    this(null);
  }

  /** A typed object when {@code className} is not null. */
  public Amf0Object(String className) {
    this.className = className;
  }

  /** The class name of a typed object, or null for an anonymous one. */
  public String className() {
    return className;
  }

  /** Puts a property and returns this, so replies can be built in one expression. */
  public Amf0Object with(String key, Object value) {
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

  /**
   * Two typed objects with different class names are different values on the wire, so they are
   * not equal; against any other Map the usual Map contract applies (hashCode is unchanged, which
   * keeps equal objects' hash codes equal).
   */
  @Override
  public boolean equals(Object o) {
    if (o instanceof Amf0Object other && !Objects.equals(className, other.className)) {
      return false;
    }
    return super.equals(o);
  }

  @Override
  public int hashCode() {
    return super.hashCode();
  }

  @Override
  public String toString() {
    return className == null ? super.toString() : className + super.toString();
  }
}
