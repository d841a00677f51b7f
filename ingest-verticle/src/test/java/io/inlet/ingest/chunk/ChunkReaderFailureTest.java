package io.inlet.ingest.chunk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.Unpooled;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Malformed chunk streams and every {@link ChunkLimits} bound: given these bytes, expect this one
 * reason, whatever the split.
 */
class ChunkReaderFailureTest {

  private static final ChunkLimits DEFAULTS = ChunkLimits.DEFAULTS;
  private static final ChunkLimits MESSAGE_100 = new ChunkLimits(0xFFFFFF, 100, 64, 1 << 24);
  private static final ChunkLimits STREAMS_2 = new ChunkLimits(0xFFFFFF, 1 << 20, 2, 1 << 24);
  private static final ChunkLimits PENDING_200 = new ChunkLimits(0xFFFFFF, 1 << 20, 64, 200);
  private static final ChunkLimits CHUNK_1000 = new ChunkLimits(1000, 1 << 20, 64, 1 << 24);

  static Stream<Arguments> failures() {
    return Stream.of(
        Arguments.of(DEFAULTS, Bytes.of("C3 | AA").array(),
            "a type 3 chunk on chunk stream 3 has no previous header to build on"),
        Arguments.of(DEFAULTS, Bytes.of("43 | 000000 | 000001 | 08 | AA").array(),
            "a type 1 chunk on chunk stream 3 has no previous header to build on"),
        Arguments.of(DEFAULTS, Bytes.of("83 | 000000 | AA").array(),
            "a type 2 chunk on chunk stream 3 has no previous header to build on"),
        Arguments.of(DEFAULTS, Bytes.of("C1 FF FF").array(),
            "a type 3 chunk on chunk stream 65599 has no previous header to build on"),
        Arguments.of(DEFAULTS,
            Bytes.of("03 | 000000 | 000001 | 08 | 01000000 | AA").hex("C4 | BB").array(),
            "a type 3 chunk on chunk stream 4 has no previous header to build on"),
        Arguments.of(DEFAULTS,
            Bytes.of("03 | 000000 | 0000C8 | 08 | 01000000").fill(0xAA, 128)
                .hex("03 | 000000 | 000001 | 08 | 01000000 | BB").array(),
            "a type 0 chunk on chunk stream 3 interrupts a message with 128 of 200 bytes received"),
        Arguments.of(DEFAULTS,
            Bytes.of("03 | 000000 | 0000C8 | 08 | 01000000").fill(0xAA, 128)
                .hex("83 | 000000").array(),
            "a type 2 chunk on chunk stream 3 interrupts a message with 128 of 200 bytes received"),
        Arguments.of(DEFAULTS,
            Bytes.of("02 | 000000 | 000004 | 01 | 00000000 | 00000000").array(),
            "Set Chunk Size of 0 is below the minimum of 1"),
        Arguments.of(DEFAULTS,
            Bytes.of("02 | 000000 | 000004 | 01 | 00000000 | 80000080").array(),
            "Set Chunk Size has its reserved top bit set"),
        Arguments.of(DEFAULTS,
            Bytes.of("02 | 000000 | 000003 | 01 | 00000000 | 000080").array(),
            "Set Chunk Size payload is 3 bytes, expected 4"),
        Arguments.of(DEFAULTS,
            Bytes.of("02 | 000000 | 000004 | 01 | 00000000 | 01000000").array(),
            "declared chunk size 16777216 exceeds the limit 16777215"),
        Arguments.of(CHUNK_1000,
            Bytes.of("02 | 000000 | 000004 | 01 | 00000000 | 000003E9").array(),
            "declared chunk size 1001 exceeds the limit 1000"),
        Arguments.of(DEFAULTS,
            Bytes.of("02 | 000000 | 000004 | 02 | 00000000 | 00000001").array(),
            "Abort names chunk stream 1, outside 2..65599"),
        Arguments.of(MESSAGE_100, Bytes.of("03 | 000000 | 000065 | 08 | 01000000").array(),
            "message length 101 on chunk stream 3 exceeds the limit 100"),
        Arguments.of(MESSAGE_100,
            Bytes.of("03 | 000000 | 000001 | 08 | 01000000 | AA")
                .hex("43 | 000000 | FFFFFF | 08").array(),
            "message length 16777215 on chunk stream 3 exceeds the limit 100"),
        Arguments.of(DEFAULTS, Bytes.of("03 | 000000 | 800001 | 08 | 01000000").array(),
            "message length 8388609 on chunk stream 3 exceeds the limit 8388608"),
        Arguments.of(STREAMS_2,
            Bytes.of("03 | 000000 | 000000 | 08 | 01000000")
                .hex("04 | 000000 | 000000 | 08 | 01000000")
                .hex("C3 | C4")
                .hex("05 | 000000 | 000000 | 08 | 01000000").array(),
            "chunk stream 5 is one more than the limit of 2 chunk streams"),
        Arguments.of(PENDING_200,
            Bytes.of("03 | 000000 | 00012C | 08 | 01000000").fill(0xAA, 128)
                .hex("04 | 000000 | 00012C | 08 | 01000000").fill(0xBB, 128).array(),
            "partially received messages would hold 256 bytes, over the limit 200"),
        Arguments.of(PENDING_200,
            Bytes.of("03 | 000000 | 000190 | 08 | 01000000").fill(0xAA, 128)
                .hex("C3").fill(0xAA, 128).array(),
            "partially received messages would hold 256 bytes, over the limit 200"));
  }

  @ParameterizedTest(name = "{2}")
  @MethodSource("failures")
  void rejects(ChunkLimits limits, byte[] bytes, String reason) {
    assertThat(Feed.failure(limits, bytes).reason()).isEqualTo(reason);
  }

  static Stream<Arguments> withinLimits() {
    return Stream.of(
        Arguments.of("a message of exactly the maximum length", MESSAGE_100,
            Bytes.of("03 | 000000 | 000064 | 08 | 01000000").fill(0xAA, 100).array(), 1),
        Arguments.of("chunk streams reused up to the limit", STREAMS_2,
            Bytes.of("03 | 000000 | 000000 | 08 | 01000000")
                .hex("04 | 000000 | 000000 | 08 | 01000000")
                .hex("C3 | C4 | C3 | C4").array(), 6),
        Arguments.of("partial messages holding exactly the limit",
            new ChunkLimits(0xFFFFFF, 1 << 20, 64, 256),
            Bytes.of("03 | 000000 | 000100 | 08 | 01000000").fill(0xAA, 128)
                .hex("04 | 000000 | 000100 | 08 | 01000000").fill(0xBB, 128)
                .hex("C3").fill(0xAA, 128)
                .hex("C4").fill(0xBB, 128).array(), 2),
        Arguments.of("a message completed by its chunk is not partial", PENDING_200,
            Bytes.of("03 | 000000 | 0000C8 | 08 | 01000000").fill(0xAA, 128)
                .hex("04 | 000000 | 000080 | 08 | 01000000").fill(0xBB, 128)
                .hex("C3").fill(0xAA, 72).array(), 2),
        Arguments.of("a chunk size at the limit", CHUNK_1000,
            Bytes.of("02 | 000000 | 000004 | 01 | 00000000 | 000003E8").array(), 1));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("withinLimits")
  void accepts(String name, ChunkLimits limits, byte[] bytes, int messages) {
    assertThat(Feed.messages(limits, bytes)).hasSize(messages);
  }

  @Test
  void aDeclaredMessageCostsOnlyWhatArrived() {
    ChunkReader reader = new ChunkReader(ChunkLimits.DEFAULTS);
    // An 8 MiB video message whose first 10 bytes arrived.
    byte[] bytes = Bytes.of("06 | 000000 | 800000 | 09 | 01000000").fill(0xAA, 10).array();

    reader.read(Unpooled.wrappedBuffer(bytes), m -> {});

    assertThat(reader.pendingBytes()).isEqualTo(10);
    assertThat(reader.allocatedBytes()).isLessThanOrEqualTo(4096);
  }

  @Test
  void aMessageThatArrivedWholeIsAllocatedOnce() {
    ChunkReader reader = new ChunkReader(ChunkLimits.DEFAULTS);
    // Chunk size 4096, then a 10000-byte message of which all but the last byte arrived.
    Bytes bytes = Bytes.of("02 | 000000 | 000004 | 01 | 00000000 | 00001000")
        .hex("06 | 000000 | 002710 | 09 | 01000000").fill(0xAA, 4096)
        .hex("C6").fill(0xAA, 4096)
        .hex("C6").fill(0xAA, 1807);

    reader.read(Unpooled.wrappedBuffer(bytes.array()), m -> {});

    assertThat(reader.pendingBytes()).isEqualTo(9999);
    assertThat(reader.allocatedBytes()).as("sized on the first chunk").isEqualTo(10000);
  }

  @Test
  void isUnusableAfterAFailureButSaysWhy() {
    ChunkReader reader = new ChunkReader(ChunkLimits.DEFAULTS);

    assertThatThrownBy(() -> reader.read(Unpooled.wrappedBuffer(new byte[] {(byte) 0xC3}), m -> {}))
        .hasMessage("a type 3 chunk on chunk stream 3 has no previous header to build on")
        .hasNoCause();
  }
}
