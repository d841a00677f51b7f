package io.inlet.bus;

import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;

/** Appends the field types {@link WireReader} reads, in the same encodings. */
final class WireWriter {

  static final int NUMBER_NULL = 0;
  static final int NUMBER_LONG = 1;
  static final int NUMBER_DOUBLE = 2;
  private static final int MAX_STRING_BYTES = 0xFFFF;

  private final Buffer buffer;

  WireWriter(Buffer buffer) {
    this.buffer = buffer;
  }

  WireWriter u8(int value) {
    buffer.appendByte((byte) value);
    return this;
  }

  WireWriter bool(boolean value) {
    return u8(value ? 1 : 0);
  }

  WireWriter i32(int value) {
    buffer.appendInt(value);
    return this;
  }

  WireWriter i64(long value) {
    buffer.appendLong(value);
    return this;
  }

  WireWriter f64(double value) {
    buffer.appendDouble(value);
    return this;
  }

  /** A UTF-8 string of at most 65,535 bytes, prefixed by its length. */
  WireWriter string(String value) {
    byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
    if (bytes.length > MAX_STRING_BYTES) {
      throw new IllegalArgumentException("a string of " + bytes.length + " bytes does not fit a wire string");
    }
    buffer.appendUnsignedShort(bytes.length).appendBytes(bytes);
    return this;
  }

  WireWriter nullableString(String value) {
    bool(value != null);
    return value == null ? this : string(value);
  }

  /** Null, a whole number (any integral type) or a double, tagged so it reads back as it was. */
  WireWriter nullableNumber(Number value) {
    if (value == null) {
      return u8(NUMBER_NULL);
    }
    if (value instanceof Double || value instanceof Float) {
      return u8(NUMBER_DOUBLE).f64(value.doubleValue());
    }
    return u8(NUMBER_LONG).i64(value.longValue());
  }

  WireWriter nullableInstant(java.time.Instant value) {
    bool(value != null);
    return value == null ? this : i64(value.getEpochSecond()).i32(value.getNano());
  }

  /** Bytes prefixed by their length as a 32-bit int. */
  WireWriter bytes(Buffer value) {
    buffer.appendInt(value.length()).appendBuffer(value);
    return this;
  }

  int length() {
    return buffer.length();
  }

  /** Writes {@code value} at {@code position}, already written (a length known only afterwards). */
  void patchInt(int position, int value) {
    buffer.setInt(position, value);
  }
}
