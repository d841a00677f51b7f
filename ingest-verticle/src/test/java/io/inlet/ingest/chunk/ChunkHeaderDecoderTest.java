package io.inlet.ingest.chunk;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Chunk headers (spec 5.3.1): given these bytes, expect this header, however they arrive. */
class ChunkHeaderDecoderTest {

  private static final long NONE = ChunkHeader.NO_EXTENDED_TIMESTAMP;

  static Stream<Arguments> headers() {
    return Stream.of(
        // name, bytes, whether fmt 3 chunks on the stream carry an extended timestamp, expected
        Arguments.of("fmt 0, 1-byte basic header (spec Example 1, first chunk)",
            "03 | 0003E8 | 000020 | 08 | 39300000", false,
            new ChunkHeader(0, 3, 1000, 32, 8, 12345, NONE)),
        Arguments.of("fmt 0, message stream id is little-endian",
            "03 | 000000 | 000000 | 14 | 01020304", false,
            new ChunkHeader(0, 3, 0, 0, 20, 0x04030201, NONE)),
        Arguments.of("fmt 0, extended timestamp",
            "04 | FFFFFF | 000010 | 09 | 01000000 | 01020304", false,
            new ChunkHeader(0, 4, 0xFFFFFF, 16, 9, 1, 0x01020304L)),
        Arguments.of("fmt 0, largest extended timestamp",
            "04 | FFFFFF | FFFFFF | FF | FFFFFFFF | FFFFFFFF", false,
            new ChunkHeader(0, 4, 0xFFFFFF, 0xFFFFFF, 255, -1, 0xFFFFFFFFL)),
        Arguments.of("fmt 0, 24-bit field just below the marker",
            "04 | FFFFFE | 000010 | 09 | 01000000", false,
            new ChunkHeader(0, 4, 0xFFFFFE, 16, 9, 1, NONE)),
        Arguments.of("fmt 1",
            "44 | 000014 | 000100 | 09", false,
            new ChunkHeader(1, 4, 20, 256, 9, 0, NONE)),
        Arguments.of("fmt 1, extended delta",
            "44 | FFFFFF | 000100 | 09 | 00FFFFFF", false,
            new ChunkHeader(1, 4, 0xFFFFFF, 256, 9, 0, 0xFFFFFFL)),
        Arguments.of("fmt 2 (spec Example 1, second chunk)",
            "83 | 000014", false,
            new ChunkHeader(2, 3, 20, 0, 0, 0, NONE)),
        Arguments.of("fmt 2, extended delta",
            "83 | FFFFFF | 01000000", false,
            new ChunkHeader(2, 3, 0xFFFFFF, 0, 0, 0, 0x01000000L)),
        Arguments.of("fmt 3 (spec Example 1, third chunk)",
            "C3", false,
            new ChunkHeader(3, 3, 0, 0, 0, 0, NONE)),
        Arguments.of("fmt 3 on a stream whose last header was extended",
            "C3 | 00010000", true,
            new ChunkHeader(3, 3, 0, 0, 0, 0, 0x10000L)),
        Arguments.of("fmt 0 header ignores the fmt 3 rule",
            "03 | 000001 | 000001 | 08 | 00000000", true,
            new ChunkHeader(0, 3, 1, 1, 8, 0, NONE)),
        Arguments.of("highest 1-byte id 63", "FF", false,
            new ChunkHeader(3, 63, 0, 0, 0, 0, NONE)),
        Arguments.of("2-byte basic header, id 64", "C0 00", false,
            new ChunkHeader(3, 64, 0, 0, 0, 0, NONE)),
        Arguments.of("2-byte basic header, id 319", "80 FF | 000005", false,
            new ChunkHeader(2, 319, 5, 0, 0, 0, NONE)),
        Arguments.of("3-byte basic header, id 320 (low byte first)", "C1 00 01", false,
            new ChunkHeader(3, 320, 0, 0, 0, 0, NONE)),
        Arguments.of("3-byte basic header, id 65599", "01 FF FF | 000000 | 000000 | 08 | 00000000",
            false, new ChunkHeader(0, 65599, 0, 0, 8, 0, NONE)),
        Arguments.of("3-byte basic header may also carry a small id", "C1 00 00", false,
            new ChunkHeader(3, 64, 0, 0, 0, 0, NONE)),
        Arguments.of("3-byte basic header then extended fmt 3", "C1 FF FF | 00000001", true,
            new ChunkHeader(3, 65599, 0, 0, 0, 0, 1L)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("headers")
  void decodesAllAtOnceLeavingWhatFollows(
      String name, String hex, boolean extendedOnType3, ChunkHeader expected) {
    ChunkHeaderDecoder decoder = new ChunkHeaderDecoder((fmt, csid) -> extendedOnType3);
    ByteBuf in = Unpooled.wrappedBuffer(Bytes.of(hex).hex("AABB").array());

    assertThat(decoder.decode(in)).isEqualTo(expected);
    assertThat(in.readableBytes()).as("payload bytes left for the reader").isEqualTo(2);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("headers")
  void decodesOneByteAtATime(
      String name, String hex, boolean extendedOnType3, ChunkHeader expected) {
    ChunkHeaderDecoder decoder = new ChunkHeaderDecoder((fmt, csid) -> extendedOnType3);
    byte[] bytes = Bytes.of(hex).array();

    for (int i = 0; i < bytes.length - 1; i++) {
      ByteBuf one = Unpooled.wrappedBuffer(bytes, i, 1);
      assertThat(decoder.decode(one)).as("after byte %d", i).isNull();
      assertThat(one.readableBytes()).isZero();
    }
    assertThat(decoder.decode(Unpooled.wrappedBuffer(bytes, bytes.length - 1, 1)))
        .isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("headers")
  void decodesBackToBackHeaders(
      String name, String hex, boolean extendedOnType3, ChunkHeader expected) {
    ChunkHeaderDecoder decoder = new ChunkHeaderDecoder((fmt, csid) -> extendedOnType3);
    ByteBuf in = Unpooled.wrappedBuffer(Bytes.of(hex).hex(hex).array());

    assertThat(decoder.decode(in)).isEqualTo(expected);
    assertThat(decoder.decode(in)).isEqualTo(expected);
    assertThat(in.isReadable()).isFalse();
    assertThat(decoder.decode(in)).isNull();
  }
}
