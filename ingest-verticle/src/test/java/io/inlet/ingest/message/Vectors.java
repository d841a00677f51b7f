package io.inlet.ingest.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.inlet.ingest.ProtocolException;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.util.function.Function;

/** Byte vectors for the message tests: hex as captures show it, parsed without moving the payload. */
final class Vectors {

  private Vectors() {}

  /** Hex digits; spaces and '|' only separate fields for the reader. */
  static ByteBuf payload(String hex) {
    return Unpooled.wrappedBuffer(ByteBufUtil.decodeHexDump(hex.replaceAll("[\\s|]", "")));
  }

  static String hex(ByteBuf buf) {
    return ByteBufUtil.hexDump(buf);
  }

  static String normalize(String hex) {
    return hex.replaceAll("[\\s|]", "").toLowerCase();
  }

  /** What {@code parser} makes of {@code hex}; the payload's reader index must not move. */
  static <T> T parse(Function<ByteBuf, T> parser, String hex) {
    ByteBuf payload = payload(hex);
    T value = parser.apply(payload);
    assertThat(payload.readerIndex()).as("reader index untouched").isZero();
    return value;
  }

  /** The failure {@code parser} meets on {@code hex}, its reader index left where it was. */
  static ProtocolException failure(Function<ByteBuf, ?> parser, String hex) {
    ByteBuf payload = payload(hex);
    ProtocolException e = catchThrowableOfType(ProtocolException.class, () -> parser.apply(payload));
    assertThat(e).as("a ProtocolException for %s", hex).isNotNull();
    assertThat(payload.readerIndex()).as("reader index untouched").isZero();
    return e;
  }
}
