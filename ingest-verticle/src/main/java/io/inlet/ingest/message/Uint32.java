package io.inlet.ingest.message;

import io.inlet.ingest.ByteCursor;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

/**
 * The payload most protocol control messages have: one unsigned 32-bit value. Also the argument
 * check of the builders whose fields are 32 unsigned bits on the wire.
 */
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

  /**
   * The value of a payload of exactly 4 bytes, without moving its reader index.
   *
   * @param message names the message in the reason of a wrong size ("Acknowledgement")
   */
  static long parse(ByteBuf payload, String message) {
    ByteCursor in = ByteCursor.over(payload, message);
    in.requireLength(4);
    return in.u32("value");
  }

  /** The 4-byte payload carrying {@code value} (0..2^32-1). */
  static ByteBuf encode(long value) {
    return Unpooled.buffer(4, 4).writeInt((int) value);
  }
}
