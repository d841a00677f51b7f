package io.inlet.ingest.amf;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;

/** Test vectors are written as hex with free spacing, the way they appear in captures. */
final class Hex {

  private Hex() {}

  static byte[] bytes(String hex) {
    return ByteBufUtil.decodeHexDump(hex.replaceAll("\\s+", ""));
  }

  static ByteBuf buf(String hex) {
    return Unpooled.wrappedBuffer(bytes(hex));
  }

  static String of(ByteBuf buf) {
    return ByteBufUtil.hexDump(buf);
  }

  static String normalize(String hex) {
    return hex.replaceAll("\\s+", "").toLowerCase();
  }
}
