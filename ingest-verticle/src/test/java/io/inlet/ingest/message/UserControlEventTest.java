package io.inlet.ingest.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.inlet.ingest.ProtocolException;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** User Control events (spec 7.1.7): given this event, expect these bytes, and back. */
class UserControlEventTest {

  static Stream<Arguments> events() {
    return Stream.of(
        Arguments.of(UserControlEvent.streamBegin(1), "0000 00000001"),
        Arguments.of(UserControlEvent.streamEof(1), "0001 00000001"),
        Arguments.of(UserControlEvent.streamDry(1), "0002 00000001"),
        Arguments.of(UserControlEvent.setBufferLength(1, 3000), "0003 00000001 00000bb8"),
        Arguments.of(UserControlEvent.streamIsRecorded(1), "0004 00000001"),
        Arguments.of(UserControlEvent.pingRequest(0x12345678L), "0006 12345678"),
        Arguments.of(UserControlEvent.pingResponse(0xFFFFFFFFL), "0007 ffffffff"),
        Arguments.of(UserControlEvent.streamBegin(-1), "0000 ffffffff"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("events")
  void encodes(UserControlEvent event, String hex) {
    assertThat(ByteBufUtil.hexDump(event.encode())).isEqualTo(hex.replace(" ", ""));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("events")
  void parses(UserControlEvent event, String hex) {
    ByteBuf payload = payload(hex);

    assertThat(UserControlEvent.parse(payload)).isEqualTo(event);
    assertThat(payload.readerIndex()).as("reader index untouched").isZero();
  }

  static Stream<Arguments> malformed() {
    return Stream.of(
        Arguments.of("", "User Control message ends inside the event type (needs 2 bytes, 0 left)"),
        Arguments.of("00", "User Control message ends inside the event type (needs 2 bytes, 1 left)"),
        Arguments.of("0000", "User Control event 0 payload is 2 bytes, expected 6"),
        Arguments.of("0003 00000001", "User Control event 3 payload is 6 bytes, expected 10"),
        Arguments.of("0007 000000", "User Control event 7 payload is 5 bytes, expected 6"),
        Arguments.of("0006 00000001 00", "User Control event 6 payload is 7 bytes, expected 6"));
  }

  @ParameterizedTest(name = "{1}")
  @MethodSource("malformed")
  void rejectsMalformed(String hex, String reason) {
    assertThatThrownBy(() -> UserControlEvent.parse(payload(hex)))
        .isInstanceOf(ProtocolException.class)
        .hasMessage(reason)
        .extracting(e -> ((ProtocolException) e).kind()).isEqualTo(ProtocolException.Kind.MALFORMED);
  }

  static Stream<Arguments> unknown() {
    return Stream.of(
        Arguments.of("0005 00000001", 5), // unassigned by the spec
        Arguments.of("001a", 26), // SWF verification request, no data
        Arguments.of("0020 00000001", 32)); // buffer ready, sent by some servers
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("unknown")
  void passesUnknownEventsOnUninterpreted(String hex, int eventType) {
    UserControlEvent event = UserControlEvent.parse(payload(hex));

    assertThat(event).isEqualTo(new UserControlEvent(eventType, 0, 0));
    assertThatThrownBy(event::encode).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void rejectsValuesThatDoNotFit() {
    assertThatThrownBy(() -> new UserControlEvent(0x10000, 0, 0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> UserControlEvent.pingResponse(1L << 32))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> UserControlEvent.setBufferLength(1, -1))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static ByteBuf payload(String hex) {
    return Unpooled.wrappedBuffer(ByteBufUtil.decodeHexDump(hex.replace(" ", "")));
  }
}
