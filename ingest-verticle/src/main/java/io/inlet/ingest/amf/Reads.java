package io.inlet.ingest.amf;

import io.inlet.ingest.ProtocolException;
import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;

/**
 * Checked reads shared by the AMF0 and AMF3 decoders: every length is compared with the readable
 * bytes before anything is read or allocated, so a lying length becomes a ProtocolException, never
 * an IndexOutOfBoundsException or a large allocation.
 */
final class Reads {

  private Reads() {}

  /** Fails unless {@code n} more bytes are readable; {@code what} names the field for the reason. */
  static void need(ByteBuf in, long n, String what) {
    if (in.readableBytes() < n) {
      throw new ProtocolException(
          "truncated " + what + ": needs " + n + " bytes but " + in.readableBytes() + " remain");
    }
  }

  static int unsignedByte(ByteBuf in, String what) {
    need(in, 1, what);
    return in.readUnsignedByte();
  }

  static double doubleValue(ByteBuf in, String what) {
    need(in, 8, what);
    return in.readDouble();
  }

  /** A UTF-8 string of {@code length} bytes; malformed UTF-8 decodes with replacement characters. */
  static String utf8(ByteBuf in, long length, String what) {
    need(in, length, what);
    int n = (int) length; // fits: it is at most readableBytes()
    String s = in.toString(in.readerIndex(), n, StandardCharsets.UTF_8);
    in.skipBytes(n);
    return s;
  }

  /** AMF0 UTF-8: a u16 byte length, then the bytes. */
  static String shortString(ByteBuf in, String what) {
    need(in, 2, what + " length");
    return utf8(in, in.readUnsignedShort(), what);
  }

  /** AMF0 UTF-8-long: a u32 byte length, then the bytes. */
  static String longString(ByteBuf in, String what) {
    need(in, 4, what + " length");
    return utf8(in, in.readUnsignedInt(), what);
  }

  /**
   * Rejects a declared element count that cannot fit in the remaining bytes, given that every
   * element takes at least one byte; this is what lets callers size a list by the count.
   */
  static void plausibleCount(ByteBuf in, long count, String what) {
    if (count > in.readableBytes()) {
      throw new ProtocolException(
          what + " declares " + count + " elements but only " + in.readableBytes()
              + " bytes remain");
    }
  }
}
