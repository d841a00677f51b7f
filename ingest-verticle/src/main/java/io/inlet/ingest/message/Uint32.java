package io.inlet.ingest.message;

/** The argument check of the builders whose fields are unsigned 32-bit on the wire. */
final class Uint32 {

  static final long MAX = 0xFFFFFFFFL;

  private Uint32() {}

  /** Returns {@code value} if it fits 32 unsigned bits; a caller passing more has a bug. */
  static long require(long value, String what) {
    if (value < 0 || value > MAX) {
      throw new IllegalArgumentException(what + " must be 0..2^32-1: " + value);
    }
    return value;
  }
}
