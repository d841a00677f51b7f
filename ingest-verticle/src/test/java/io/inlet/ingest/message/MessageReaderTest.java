package io.inlet.ingest.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.inlet.ingest.ProtocolException;
import io.inlet.ingest.ProtocolException.Kind;
import io.inlet.ingest.chunk.ChunkLimits;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Chunk bytes to typed messages, Set Chunk Size and Abort applied on the way: given these bytes,
 * expect these messages (or this failure), fed all at once, one byte at a time and in 7-byte pieces.
 */
class MessageReaderTest {

  private static final int[] SPLITS = {Integer.MAX_VALUE, 1, 7};

  /** {@code n} bytes of an MP3 audio payload: every byte says "MP3", so any length parses. */
  private static String mp3(int n) {
    return "22".repeat(n);
  }

  static Stream<Arguments> streams() {
    return Stream.of(
        Arguments.of("Set Chunk Size applies from the next chunk and is delivered",
            "02 000000 000004 01 00000000 | 00000100"
                + "04 000000 00012C 08 01000000 |" + mp3(256) + "C4" + mp3(44),
            List.of(new SetChunkSize(256), audio(1, 0, mp3(300)))),
        Arguments.of("Set Chunk Size between two chunks of another stream's message",
            "06 000000 00012C 08 01000000 |" + mp3(128)
                + "02 000000 000004 01 00000000 | 000000C8"
                + "C6" + mp3(172),
            List.of(new SetChunkSize(200), audio(1, 0, mp3(300)))),
        Arguments.of("Abort drops the partial message and is delivered",
            "06 000000 00012C 08 01000000 |" + mp3(128)
                + "02 000000 000004 02 00000000 | 00000006"
                + "06 000005 000002 08 01000000 | 2222",
            List.of(new Abort(6), audio(1, 5, mp3(2)))));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("streams")
  void readsTypedMessages(String name, String hex, List<RtmpMessage> expected) {
    assertThat(read(ChunkLimits.DEFAULTS, hex)).containsExactlyElementsOf(expected);
  }

  @Test
  void controlCommandAndMediaArriveTyped() {
    String hex = "02 000000 000004 05 00000000 | 002625a0"
        + "02 000000 000006 04 00000000 | 0006 00000010"
        + "03 000000 00000a 14 00000000 | 02 0007 7075626c697368"
        + "06 000028 000005 09 01000000 | 17 01 000000"
        + "02 000000 000005 06 00000000 | 002625a0 02";

    assertThat(read(ChunkLimits.DEFAULTS, hex)).containsExactly(
        new WindowAckSize(2_500_000),
        UserControlEvent.pingRequest(16),
        new CommandMessage(0, false, "publish", 0, null, List.of()),
        MediaMessage.video(1, 40, Vectors.payload("17 01 000000")),
        new SetPeerBandwidth(2_500_000, SetPeerBandwidth.LIMIT_DYNAMIC));
  }

  static Stream<Arguments> failures() {
    return Stream.of(
        Arguments.of("02 000000 000004 01 00000000 | 00000000",
            "Set Chunk Size of 0 is below the minimum of 1", Kind.MALFORMED),
        Arguments.of("02 000000 000004 01 00000000 | 80000080",
            "Set Chunk Size has its reserved top bit set", Kind.MALFORMED),
        Arguments.of("02 000000 000003 01 00000000 | 000080",
            "Set Chunk Size payload is 3 bytes, expected 4", Kind.MALFORMED),
        Arguments.of("02 000000 000004 01 00000000 | 01000000",
            "declared chunk size 16777216 exceeds the limit 16777215", Kind.LIMIT_EXCEEDED),
        Arguments.of("02 000000 000004 02 00000000 | 00000001",
            "Abort names chunk stream 1, outside 2..65599", Kind.MALFORMED),
        Arguments.of("03 000000 000000 63 00000000",
            "unknown RTMP message type 99", Kind.UNSUPPORTED),
        Arguments.of("06 000000 000000 09 01000000",
            "video message ends inside the video tag header (needs 1 bytes, 0 left)", Kind.MALFORMED),
        Arguments.of("C3", "a type 3 chunk on chunk stream 3 has no previous header to build on",
            Kind.OUT_OF_ORDER));
  }

  @ParameterizedTest(name = "{1}")
  @MethodSource("failures")
  void rejects(String hex, String reason, Kind kind) {
    for (int split : SPLITS) {
      ProtocolException e = catchThrowableOfType(ProtocolException.class,
          () -> feed(new MessageReader(ChunkLimits.DEFAULTS), bytes(hex), split, new ArrayList<>()));
      assertThat(e).as("split %d", split).isNotNull().hasMessage(reason);
      assertThat(e.kind()).isEqualTo(kind);
    }
  }

  @Test
  void staysFailedAfterAFailure() {
    MessageReader reader = new MessageReader(ChunkLimits.DEFAULTS);
    ProtocolException first = catchThrowableOfType(ProtocolException.class,
        () -> reader.read(Unpooled.wrappedBuffer(bytes("03 000000 000000 63 00000000")), m -> {}));
    assertThat(first).isNotNull();

    List<RtmpMessage> delivered = new ArrayList<>();
    byte[] valid = bytes("02 000000 000004 05 00000000 | 002625a0");
    assertThatThrownBy(() -> reader.read(Unpooled.wrappedBuffer(valid), delivered::add)).isSameAs(first);
    assertThat(delivered).isEmpty();
  }

  @Test
  void aFailureThrownByTheSinkEndsTheReaderToo() {
    MessageReader reader = new MessageReader(ChunkLimits.DEFAULTS);
    byte[] window = bytes("02 000000 000004 05 00000000 | 002625a0");
    ProtocolException refused = ProtocolException.outOfOrder("the session refused it");

    assertThatThrownBy(() -> reader.read(Unpooled.wrappedBuffer(window), m -> {
      throw refused;
    })).isSameAs(refused);
    assertThatThrownBy(() -> reader.read(Unpooled.wrappedBuffer(window), m -> {})).isSameAs(refused);
  }

  @Test
  void reportsTheChunkLayersState() {
    MessageReader reader = new MessageReader(ChunkLimits.DEFAULTS);

    reader.read(Unpooled.wrappedBuffer(bytes("02 000000 000004 01 00000000 | 00001000"
        + "04 000000 00012C 08 01000000 |" + mp3(100))), m -> {});

    assertThat(reader.chunkSize()).isEqualTo(4096);
    assertThat(reader.pendingBytes()).isEqualTo(100);
  }

  private static MediaMessage audio(int messageStreamId, long timestamp, String payloadHex) {
    return MediaMessage.audio(messageStreamId, timestamp, Vectors.payload(payloadHex));
  }

  private static byte[] bytes(String hex) {
    return ByteBufUtil.decodeHexDump(Vectors.normalize(hex));
  }

  /** The messages {@code hex} decodes to, the same whatever the split. */
  private static List<RtmpMessage> read(ChunkLimits limits, String hex) {
    List<RtmpMessage> first = null;
    for (int split : SPLITS) {
      List<RtmpMessage> messages = new ArrayList<>();
      MessageReader reader = new MessageReader(limits);
      feed(reader, bytes(hex), split, messages);
      assertThat(reader.pendingBytes()).as("pending bytes, split %d", split).isZero();
      if (first == null) {
        first = messages;
      } else {
        assertThat(messages).as("split %d", split).isEqualTo(first);
      }
    }
    return first;
  }

  private static void feed(MessageReader reader, byte[] bytes, int split, List<RtmpMessage> sink) {
    for (int offset = 0; offset < bytes.length; offset += split) {
      int n = Math.min(split, bytes.length - offset);
      var piece = Unpooled.wrappedBuffer(bytes, offset, n);
      reader.read(piece, sink::add);
      assertThat(piece.readableBytes()).as("left unread").isZero();
    }
  }
}
