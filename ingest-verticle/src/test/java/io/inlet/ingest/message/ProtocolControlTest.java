package io.inlet.ingest.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.inlet.ingest.ProtocolException;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Protocol control payloads (spec 5.4): given this value, expect these bytes, and back. */
class ProtocolControlTest {

  static Stream<Arguments> builders() {
    return Stream.of(
        Arguments.of("Set Chunk Size 4096",
            build(() -> ProtocolControl.setChunkSize(4096)),
            "00001000"),
        Arguments.of("Set Chunk Size, largest",
            build(() -> ProtocolControl.setChunkSize(0x7FFFFFFF)),
            "7fffffff"),
        Arguments.of("Abort chunk stream 6",
            build(() -> ProtocolControl.abort(6)),
            "00000006"),
        Arguments.of("Acknowledgement after the handshake",
            build(() -> ProtocolControl.acknowledgement(3073)),
            "00000c01"),
        Arguments.of("Acknowledgement, largest",
            build(() -> ProtocolControl.acknowledgement(0xFFFFFFFFL)),
            "ffffffff"),
        Arguments.of("Window Acknowledgement Size 2500000",
            build(() -> ProtocolControl.windowAckSize(2_500_000)),
            "002625a0"),
        Arguments.of("Set Peer Bandwidth, hard",
            build(() -> ProtocolControl.setPeerBandwidth(2_500_000, ProtocolControl.LIMIT_HARD)),
            "002625a000"),
        Arguments.of("Set Peer Bandwidth, soft",
            build(() -> ProtocolControl.setPeerBandwidth(2_500_000, ProtocolControl.LIMIT_SOFT)),
            "002625a001"),
        Arguments.of("Set Peer Bandwidth, dynamic",
            build(() -> ProtocolControl.setPeerBandwidth(0xFFFFFFFFL, ProtocolControl.LIMIT_DYNAMIC)),
            "ffffffff02"));
  }

  private static Supplier<ByteBuf> build(Supplier<ByteBuf> builder) {
    return builder;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("builders")
  void builds(String name, Supplier<ByteBuf> builder, String expected) {
    assertThat(ByteBufUtil.hexDump(builder.get())).isEqualTo(expected);
  }

  static Stream<Arguments> parsers() {
    Function<ByteBuf, Object> setChunkSize = ProtocolControl::parseSetChunkSize;
    Function<ByteBuf, Object> abort = ProtocolControl::parseAbort;
    Function<ByteBuf, Object> ack = ProtocolControl::parseAcknowledgement;
    Function<ByteBuf, Object> window = ProtocolControl::parseWindowAckSize;
    return Stream.of(
        Arguments.of(setChunkSize, "00000080", 128),
        Arguments.of(setChunkSize, "00000001", 1),
        Arguments.of(setChunkSize, "7fffffff", 0x7FFFFFFF),
        Arguments.of(setChunkSize, "00000000", "Set Chunk Size of 0 is below the minimum of 1"),
        Arguments.of(setChunkSize, "80001000", "Set Chunk Size has its reserved top bit set"),
        Arguments.of(setChunkSize, "001000", "Set Chunk Size payload is 3 bytes, expected 4"),
        Arguments.of(setChunkSize, "0000100000", "Set Chunk Size payload is 5 bytes, expected 4"),
        Arguments.of(abort, "00000002", 2),
        Arguments.of(abort, "0001003f", 65599),
        Arguments.of(abort, "00000001", "Abort names chunk stream 1, outside 2..65599"),
        Arguments.of(abort, "00010040", "Abort names chunk stream 65600, outside 2..65599"),
        Arguments.of(abort, "ffffffff", "Abort names chunk stream 4294967295, outside 2..65599"),
        Arguments.of(abort, "", "Abort payload is 0 bytes, expected 4"),
        Arguments.of(ack, "00000c01", 3073L),
        Arguments.of(ack, "ffffffff", 0xFFFFFFFFL),
        Arguments.of(ack, "0000", "Acknowledgement payload is 2 bytes, expected 4"),
        Arguments.of(window, "002625a0", 2_500_000L),
        Arguments.of(window, "00000000", 0L),
        Arguments.of(window, "ffffffff", 0xFFFFFFFFL),
        Arguments.of(window, "002625a002",
            "Window Acknowledgement Size payload is 5 bytes, expected 4"));
  }

  /** {@code expected} is the parsed value, or (a String) the reason of the ProtocolException. */
  @ParameterizedTest(name = "{1} -> {2}")
  @MethodSource("parsers")
  void parses(Function<ByteBuf, Object> parser, String hex, Object expected) {
    ByteBuf payload = Unpooled.wrappedBuffer(ByteBufUtil.decodeHexDump(hex));
    if (expected instanceof String reason) {
      assertThatThrownBy(() -> parser.apply(payload))
          .isInstanceOf(ProtocolException.class)
          .hasMessage(reason);
    } else {
      assertThat(parser.apply(payload)).isEqualTo(expected);
      assertThat(payload.readerIndex()).as("reader index untouched").isZero();
    }
  }

  @Test
  void buildersRejectValuesThatDoNotFit() {
    assertThatThrownBy(() -> ProtocolControl.setChunkSize(0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ProtocolControl.acknowledgement(1L << 32))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ProtocolControl.windowAckSize(-1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ProtocolControl.setPeerBandwidth(1, 3))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void namesMessageTypes() {
    assertThat(MessageType.name(MessageType.SET_CHUNK_SIZE)).isEqualTo("SetChunkSize");
    assertThat(MessageType.name(MessageType.COMMAND_AMF0)).isEqualTo("CommandAmf0");
    assertThat(MessageType.name(MessageType.AGGREGATE)).isEqualTo("Aggregate");
    assertThat(MessageType.name(7)).isEqualTo("unknown(7)");
  }
}
