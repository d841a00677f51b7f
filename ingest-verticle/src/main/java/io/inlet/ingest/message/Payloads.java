package io.inlet.ingest.message;

import io.inlet.ingest.ProtocolException;
import io.netty.buffer.ByteBuf;

/** Checks shared by the fixed-size payload parsers of this package. */
final class Payloads {

  private Payloads() {}

  /** Control payloads have one fixed size; anything else is a malformed message. */
  static void requireLength(ByteBuf payload, int expected, String what) {
    if (payload.readableBytes() != expected) {
      throw new ProtocolException(
          what + " payload is " + payload.readableBytes() + " bytes, expected " + expected);
    }
  }

  static void requireUint32(long value, String what) {
    if (value < 0 || value > 0xFFFFFFFFL) {
      throw new IllegalArgumentException(what + " must be 0..2^32-1: " + value);
    }
  }
}
