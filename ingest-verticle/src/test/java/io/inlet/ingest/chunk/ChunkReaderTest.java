package io.inlet.ingest.chunk;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Chunks to messages (spec 5.3): given these chunk bytes, expect these messages, fed all at once,
 * one byte at a time and in 7-byte pieces (see {@link Feed}).
 */
class ChunkReaderTest {

  static Stream<Arguments> streams() {
    return Stream.of(
        Arguments.of("spec 5.3.2.2 Example 1: audio messages in fmt 0, 2, 3, 3 chunks",
            Bytes.of("03 | 0003E8 | 000020 | 08 | 39300000").fill(0x01, 32)
                .hex("83 | 000014").fill(0x02, 32)
                .hex("C3").fill(0x03, 32)
                .hex("C3").fill(0x04, 32).array(),
            List.of(
                message(3, 8, 1000, 12345, Bytes.filled(0x01, 32)),
                message(3, 8, 1020, 12345, Bytes.filled(0x02, 32)),
                message(3, 8, 1040, 12345, Bytes.filled(0x03, 32)),
                message(3, 8, 1060, 12345, Bytes.filled(0x04, 32)))),
        Arguments.of("spec 5.3.2.2 Example 2: a 307-byte message in 128-byte chunks",
            Bytes.of("04 | 0003E8 | 000133 | 09 | 3A300000").fill(0x05, 128)
                .hex("C4").fill(0x06, 128)
                .hex("C4").fill(0x07, 51).array(),
            List.of(message(4, 9, 1000, 12346,
                Bytes.of("").fill(0x05, 128).fill(0x06, 128).fill(0x07, 51).array()))),
        Arguments.of("fmt 1 changes length and type, keeps the message stream",
            Bytes.of("03 | 000064 | 000002 | 08 | 01000000 | AAAA")
                .hex("43 | 00000A | 000003 | 09 | BBBBBB")
                .hex("C3 | CCCCCC")
                .hex("83 | 000005 | DDDDDD").array(),
            List.of(
                message(3, 8, 100, 1, "AAAA"),
                message(3, 9, 110, 1, "BBBBBB"),
                message(3, 9, 120, 1, "CCCCCC"),
                message(3, 9, 125, 1, "DDDDDD"))),
        Arguments.of("fmt 3 after fmt 0 takes the fmt 0 timestamp as its delta (FFmpeg, librtmp)",
            Bytes.of("03 | 0003E8 | 000002 | 08 | 01000000 | AAAA")
                .hex("C3 | BBBB").array(),
            List.of(message(3, 8, 1000, 1, "AAAA"), message(3, 8, 2000, 1, "BBBB"))),
        Arguments.of("empty messages, of every header type",
            Bytes.of("03 | 0003E8 | 000000 | 12 | 01000000")
                .hex("C3")
                .hex("83 | 000001")
                .hex("43 | 000002 | 000000 | 14").array(),
            List.of(
                message(3, 18, 1000, 1, ""),
                message(3, 18, 2000, 1, ""),
                message(3, 18, 2001, 1, ""),
                message(3, 20, 2003, 1, ""))),
        Arguments.of("extended timestamp on fmt 0, repeated on its fmt 3 continuation",
            Bytes.of("05 | FFFFFF | 0000C8 | 09 | 01000000 | 12345678").fill(0x11, 128)
                .hex("C5 | 12345678").fill(0x22, 72).array(),
            List.of(message(5, 9, 0x12345678L, 1,
                Bytes.of("").fill(0x11, 128).fill(0x22, 72).array()))),
        Arguments.of("timestamp 0xFFFFFF itself is extended",
            Bytes.of("05 | FFFFFF | 000001 | 08 | 01000000 | 00FFFFFF | AA").array(),
            List.of(message(5, 8, 0xFFFFFF, 1, "AA"))),
        Arguments.of("fmt 3 starting a message after an extended header reads its delta there",
            Bytes.of("05 | FFFFFF | 000002 | 08 | 01000000 | 01000000 | AAAA")
                .hex("C5 | 01000000 | BBBB")
                .hex("85 | 000010 | CCCC")
                .hex("C5 | DDDD").array(),
            List.of(
                message(5, 8, 0x01000000L, 1, "AAAA"),
                message(5, 8, 0x02000000L, 1, "BBBB"),
                message(5, 8, 0x02000010L, 1, "CCCC"),
                message(5, 8, 0x02000020L, 1, "DDDD"))),
        Arguments.of("extended delta on fmt 1 and 2 and its fmt 3 continuation",
            Bytes.of("05 | 000000 | 000001 | 08 | 01000000 | AA")
                .hex("45 | FFFFFF | 000081 | 09 | 01000000").fill(0xBB, 128)
                .hex("C5 | 01000000 | BB")
                .hex("85 | FFFFFF | 00FFFFFF").fill(0xCC, 128)
                .hex("C5 | 00FFFFFF | CC").array(),
            List.of(
                message(5, 8, 0, 1, "AA"),
                message(5, 9, 0x01000000L, 1, Bytes.filled(0xBB, 129)),
                message(5, 9, 0x01FFFFFFL, 1, Bytes.filled(0xCC, 129)))),
        Arguments.of("accumulated deltas wrap at 2^32",
            Bytes.of("06 | FFFFFF | 000001 | 08 | 01000000 | FFFFFFF0 | AA")
                .hex("86 | 000020 | BB")
                .hex("C6 | CC")
                .hex("46 | FFFFFF | 000001 | 08 | FFFFFFFF | DD").array(),
            List.of(
                message(6, 8, 0xFFFFFFF0L, 1, "AA"),
                message(6, 8, 0x10, 1, "BB"),
                message(6, 8, 0x30, 1, "CC"),
                message(6, 8, 0x2F, 1, "DD"))),
        Arguments.of("interleaved chunk streams: audio between the chunks of a video message",
            Bytes.of("06 | 000000 | 00012C | 09 | 01000000").fill(0x61, 128)
                .hex("04 | 000000 | 000003 | 08 | 01000000 | A1A1A1")
                .hex("C6").fill(0x62, 128)
                .hex("84 | 000017 | A2A2A2")
                .hex("C6").fill(0x63, 44).array(),
            List.of(
                message(4, 8, 0, 1, "A1A1A1"),
                message(4, 8, 23, 1, "A2A2A2"),
                message(6, 9, 0, 1,
                    Bytes.of("").fill(0x61, 128).fill(0x62, 128).fill(0x63, 44).array()))),
        Arguments.of("2- and 3-byte basic headers name their own streams",
            Bytes.of("00 00 | 000001 | 000001 | 08 | 01000000 | AA")
                .hex("00 FF | 000002 | 000001 | 08 | 01000000 | BB")
                .hex("01 00 01 | 000003 | 000001 | 08 | 01000000 | CC")
                .hex("01 FF FF | 000004 | 000001 | 08 | 01000000 | DD")
                .hex("C1 FF FF | EE").array(),
            List.of(
                message(64, 8, 1, 1, "AA"),
                message(319, 8, 2, 1, "BB"),
                message(320, 8, 3, 1, "CC"),
                message(65599, 8, 4, 1, "DD"),
                message(65599, 8, 8, 1, "EE"))),
        // Set Chunk Size and Abort as the message layer applies them (see Feed.applyControl).
        Arguments.of("Set Chunk Size applies from the next chunk and is delivered",
            Bytes.of("02 | 000000 | 000004 | 01 | 00000000 | 00000100")
                .hex("04 | 000000 | 00012C | 09 | 01000000").fill(0x01, 256)
                .hex("C4").fill(0x02, 44).array(),
            List.of(
                message(2, 1, 0, 0, "00000100"),
                message(4, 9, 0, 1, Bytes.of("").fill(0x01, 256).fill(0x02, 44).array()))),
        Arguments.of("Set Chunk Size between two chunks of another stream's message",
            Bytes.of("06 | 000000 | 00012C | 09 | 01000000").fill(0x01, 128)
                .hex("02 | 000000 | 000004 | 01 | 00000000 | 000000C8")
                .hex("C6").fill(0x02, 172).array(),
            List.of(
                message(2, 1, 0, 0, "000000C8"),
                message(6, 9, 0, 1, Bytes.of("").fill(0x01, 128).fill(0x02, 172).array()))),
        Arguments.of("Abort drops the partial message and is delivered",
            Bytes.of("06 | 000000 | 00012C | 09 | 01000000").fill(0x01, 128)
                .hex("02 | 000000 | 000004 | 02 | 00000000 | 00000006")
                .hex("06 | 000005 | 000002 | 09 | 01000000 | BBBB")
                .hex("02 | 000000 | 000004 | 02 | 00000000 | 00000007").array(),
            List.of(
                message(2, 2, 0, 0, "00000006"),
                message(6, 9, 5, 1, "BBBB"),
                message(2, 2, 0, 0, "00000007"))));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("streams")
  void readsMessages(String name, byte[] bytes, List<String> expected) {
    assertThat(Feed.describe(Feed.messages(bytes))).containsExactlyElementsOf(expected);
  }

  @Test
  void aSetChunkSizeFromAboveAppliesToTheNextChunk() {
    ChunkReader reader = new ChunkReader(ChunkLimits.DEFAULTS);
    assertThat(reader.chunkSize()).isEqualTo(128);
    List<RawMessage> sink = new ArrayList<>();

    reader.setChunkSize(300);
    reader.read(Unpooled.wrappedBuffer(
        Bytes.of("04 | 000000 | 00012C | 09 | 01000000").fill(0x01, 300).array()), sink::add);

    assertThat(reader.chunkSize()).isEqualTo(300);
    assertThat(Feed.describe(sink))
        .containsExactly(message(4, 9, 0, 1, Bytes.filled(0x01, 300)));
  }

  @Test
  void theChunkLayerDoesNotInterpretControlMessages() {
    ChunkReader reader = new ChunkReader(ChunkLimits.DEFAULTS);

    // Set Chunk Size 4096 and Abort of stream 4, read but not applied: that is the message layer's job.
    reader.read(Unpooled.wrappedBuffer(Bytes.of("02 | 000000 | 000004 | 01 | 00000000 | 00001000")
        .hex("04 | 000000 | 0000C8 | 09 | 01000000").fill(0xAA, 128)
        .hex("02 | 000000 | 000004 | 02 | 00000000 | 00000004").array()), m -> {});

    assertThat(reader.chunkSize()).isEqualTo(128);
    assertThat(reader.pendingBytes()).isEqualTo(128);
  }

  @Test
  void deliversHeapBuffersOwnedByTheConsumer() {
    List<RawMessage> messages =
        Feed.messages(Bytes.of("03 | 000000 | 000003 | 08 | 01000000 | 010203").array());

    assertThat(messages).singleElement().satisfies(m -> {
      assertThat(m.payload().hasArray()).isTrue();
      assertThat(m.payload().refCnt()).isEqualTo(1);
      assertThat(m.payload().capacity()).isEqualTo(3);
    });
  }

  @Test
  void keepsAPartialMessageUntilItsLastChunk() {
    ChunkReader reader = new ChunkReader(ChunkLimits.DEFAULTS);
    List<RawMessage> sink = new ArrayList<>();
    byte[] bytes = Bytes.of("04 | 0003E8 | 000133 | 09 | 3A300000").fill(0x05, 128)
        .hex("C4").fill(0x06, 128).hex("C4").fill(0x07, 51).array();

    reader.read(Unpooled.wrappedBuffer(bytes, 0, 12 + 128 + 1 + 100), sink::add);

    assertThat(sink).isEmpty();
    assertThat(reader.pendingBytes()).isEqualTo(228);
    reader.read(Unpooled.wrappedBuffer(bytes, 241, bytes.length - 241), sink::add);
    assertThat(sink).hasSize(1);
    assertThat(reader.pendingBytes()).isZero();
  }

  static String message(int csid, int type, long ts, int msid, String payloadHex) {
    return message(csid, type, ts, msid, Bytes.of(payloadHex).array());
  }

  static String message(int csid, int type, long ts, int msid, byte[] payload) {
    return Feed.describe(new RawMessage(csid, type, ts, msid, Unpooled.wrappedBuffer(payload)));
  }
}
