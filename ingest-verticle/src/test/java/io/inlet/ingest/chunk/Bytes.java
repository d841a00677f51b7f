package io.inlet.ingest.chunk;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.io.ByteArrayOutputStream;

/** Builds test byte vectors: hex as the spec's figures write them, plus runs of filler bytes. */
final class Bytes {

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();

  static Bytes of(String hex) {
    return new Bytes().hex(hex);
  }

  /** Hex digits; spaces, '|' and '_' only separate fields for the reader. */
  Bytes hex(String hex) {
    out.writeBytes(ByteBufUtil.decodeHexDump(hex.replaceAll("[\\s|_]", "")));
    return this;
  }

  /** {@code n} copies of {@code value}. */
  Bytes fill(int value, int n) {
    for (int i = 0; i < n; i++) {
      out.write(value);
    }
    return this;
  }

  /** The bytes of {@code buf}'s readable region, left untouched. */
  Bytes buf(ByteBuf buf) {
    out.writeBytes(ByteBufUtil.getBytes(buf));
    return this;
  }

  byte[] array() {
    return out.toByteArray();
  }

  static byte[] filled(int value, int n) {
    return new Bytes().fill(value, n).array();
  }

  static ByteBuf wrap(byte[] bytes) {
    return Unpooled.wrappedBuffer(bytes);
  }
}
