package io.inlet.bus;

import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;

/**
 * A bounded cursor over one message's binary form: every read first checks that the bytes are
 * there, every length and count is checked against what remains, and every violation is one
 * {@link WireFormatException} that names the message and the field.
 */
final class WireReader {

  private final Buffer buffer;
  private final String message;
  private int at;

  /** Reads {@code message} (its name, for errors) from {@code buffer}, starting at {@code pos}. */
  WireReader(Buffer buffer, int pos, String message) {
    this.buffer = buffer;
    this.message = message;
    if (pos < 0 || pos > buffer.length()) {
      throw new WireFormatException(message + ": starts at " + pos + " of a " + buffer.length() + "-byte buffer");
    }
    this.at = pos;
  }

  int position() {
    return at;
  }

  int remaining() {
    return buffer.length() - at;
  }

  /** Checks the version byte: a message of another version is refused, never guessed at. */
  void version(int expected) {
    int version = u8("version");
    if (version != expected) {
      throw new WireFormatException(message + ": wire version " + version + " is not " + expected);
    }
  }

  int u8(String field) {
    return buffer.getUnsignedByte(take(1, field));
  }

  boolean bool(String field) {
    int value = u8(field);
    if (value > 1) {
      throw new WireFormatException(message + ": " + field + " is " + value + ", not a boolean");
    }
    return value == 1;
  }

  int u16(String field) {
    return buffer.getUnsignedShort(take(2, field));
  }

  int i32(String field) {
    return buffer.getInt(take(4, field));
  }

  long i64(String field) {
    return buffer.getLong(take(8, field));
  }

  double f64(String field) {
    return buffer.getDouble(take(8, field));
  }

  /** A length in [0, max] whose bytes must follow: checked against the bytes that remain. */
  int length(String field, int max) {
    int length = i32(field + " length");
    if (length < 0 || length > max) {
      throw new WireFormatException(message + ": " + field + " length " + length + " is outside 0.." + max);
    }
    if (length > remaining()) {
      throw new WireFormatException(message + ": " + field + " declares " + length + " bytes but " + remaining() + " remain");
    }
    return length;
  }

  /**
   * A count of elements that take at least {@code minBytesEach} bytes each: refused when above
   * {@code max} or when the remaining bytes cannot hold that many, before anything is allocated.
   */
  int count(String field, int max, int minBytesEach) {
    int count = i32(field + " count");
    if (count < 0 || count > max) {
      throw new WireFormatException(message + ": " + field + " count " + count + " is outside 0.." + max);
    }
    if ((long) count * minBytesEach > remaining()) {
      throw new WireFormatException(message + ": " + count + " " + field + " cannot fit in the " + remaining() + " bytes that remain");
    }
    return count;
  }

  String string(String field) {
    int length = u16(field + " length");
    if (length > remaining()) {
      throw new WireFormatException(message + ": " + field + " declares " + length + " bytes but " + remaining() + " remain");
    }
    String value = buffer.getString(at, at + length, StandardCharsets.UTF_8.name());
    at += length;
    return value;
  }

  /** A string written by {@link WireWriter#nullableString}. */
  String nullableString(String field) {
    return bool(field + " presence") ? string(field) : null;
  }

  /** A number written by {@link WireWriter#nullableNumber}: null, a long or a double. */
  Number nullableNumber(String field) {
    int tag = u8(field + " tag");
    return switch (tag) {
      case WireWriter.NUMBER_NULL -> null;
      case WireWriter.NUMBER_LONG -> i64(field);
      case WireWriter.NUMBER_DOUBLE -> f64(field);
      default -> throw new WireFormatException(message + ": " + field + " has unknown number tag " + tag);
    };
  }

  /** An instant written by {@link WireWriter#nullableInstant}. */
  java.time.Instant nullableInstant(String field) {
    if (!bool(field + " presence")) {
      return null;
    }
    long seconds = i64(field);
    int nanos = i32(field + " nanos");
    try {
      return java.time.Instant.ofEpochSecond(seconds, nanos);
    } catch (java.time.DateTimeException | ArithmeticException e) {
      throw new WireFormatException(message + ": " + field + " is not a time");
    }
  }

  /** The next {@code length} bytes, as a slice of the buffer (checked by {@link #length}). */
  Buffer bytes(int length) {
    Buffer slice = buffer.getBuffer(at, at + length);
    at += length;
    return slice;
  }

  /** Checks that {@code bytes} remain, moves past them and returns where they start. */
  private int take(int bytes, String field) {
    if (remaining() < bytes) {
      throw new WireFormatException(message + ": truncated at " + field + " (" + bytes + " bytes needed, " + remaining() + " remain)");
    }
    int start = at;
    at += bytes;
    return start;
  }
}
