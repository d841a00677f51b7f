package io.inlet.ingest.chunk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.inlet.ingest.ProtocolException;
import io.inlet.ingest.ProtocolException.Kind;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Malformed chunk streams and every {@link ChunkLimits} bound: given these bytes, expect this one
 * reason and kind, whatever the split. (Malformed Set Chunk Size and Abort payloads are the message
 * layer's: see MessageReaderTest.)
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
            "a type 3 chunk on chunk stream 3 has no previous header to build on", Kind.OUT_OF_ORDER),
        Arguments.of(DEFAULTS, Bytes.of("43 | 000000 | 000001 | 08 | AA").array(),
            "a type 1 chunk on chunk stream 3 has no previous header to build on", Kind.OUT_OF_ORDER),
        Arguments.of(DEFAULTS, Bytes.of("83 | 000000 | AA").array(),
            "a type 2 chunk on chunk stream 3 has no previous header to build on", Kind.OUT_OF_ORDER),
        Arguments.of(DEFAULTS, Bytes.of("C1 FF FF").array(),
            "a type 3 chunk on chunk stream 65599 has no previous header to build on", Kind.OUT_OF_ORDER),
        Arguments.of(DEFAULTS,
            Bytes.of("03 | 000000 | 000001 | 08 | 01000000 | AA").hex("C4 | BB").array(),
            "a type 3 chunk on chunk stream 4 has no previous header to build on", Kind.OUT_OF_ORDER),
        Arguments.of(DEFAULTS,
            Bytes.of("03 | 000000 | 0000C8 | 08 | 01000000").fill(0xAA, 128)
                .hex("03 | 000000 | 000001 | 08 | 01000000 | BB").array(),
            "a type 0 chunk on chunk stream 3 interrupts a message with 128 of 200 bytes received", Kind.OUT_OF_ORDER),
        Arguments.of(DEFAULTS,
            Bytes.of("03 | 000000 | 0000C8 | 08 | 01000000").fill(0xAA, 128)
                .hex("83 | 000000").array(),
            "a type 2 chunk on chunk stream 3 interrupts a message with 128 of 200 bytes received", Kind.OUT_OF_ORDER),
        Arguments.of(DEFAULTS,
            Bytes.of("02 | 000000 | 000004 | 01 | 00000000 | 01000000").array(),
            "declared chunk size 16777216 exceeds the limit 16777215", Kind.LIMIT_EXCEEDED),
        Arguments.of(CHUNK_1000,
            Bytes.of("02 | 000000 | 000004 | 01 | 00000000 | 000003E9").array(),
            "declared chunk size 1001 exceeds the limit 1000", Kind.LIMIT_EXCEEDED),
        Arguments.of(MESSAGE_100, Bytes.of("03 | 000000 | 000065 | 08 | 01000000").array(),
            "message length 101 on chunk stream 3 exceeds the limit 100", Kind.LIMIT_EXCEEDED),
        Arguments.of(MESSAGE_100,
            Bytes.of("03 | 000000 | 000001 | 08 | 01000000 | AA")
                .hex("43 | 000000 | FFFFFF | 08").array(),
            "message length 16777215 on chunk stream 3 exceeds the limit 100", Kind.LIMIT_EXCEEDED),
        Arguments.of(DEFAULTS, Bytes.of("03 | 000000 | 800001 | 08 | 01000000").array(),
            "message length 8388609 on chunk stream 3 exceeds the limit 8388608", Kind.LIMIT_EXCEEDED),
        Arguments.of(STREAMS_2,
            Bytes.of("03 | 000000 | 000000 | 08 | 01000000")
                .hex("04 | 000000 | 000000 | 08 | 01000000")
                .hex("C3 | C4")
                .hex("05 | 000000 | 000000 | 08 | 01000000").array(),
            "chunk stream 5 is one more than the limit of 2 chunk streams", Kind.LIMIT_EXCEEDED),
        Arguments.of(PENDING_200,
            Bytes.of("03 | 000000 | 00012C | 08 | 01000000").fill(0xAA, 128)
                .hex("04 | 000000 | 00012C | 08 | 01000000").fill(0xBB, 128).array(),
            "partially received messages would hold 256 bytes, over the limit 200", Kind.LIMIT_EXCEEDED),
        Arguments.of(PENDING_200,
            Bytes.of("03 | 000000 | 000190 | 08 | 01000000").fill(0xAA, 128)
                .hex("C3").fill(0xAA, 128).array(),
            "partially received messages would hold 256 bytes, over the limit 200", Kind.LIMIT_EXCEEDED));
  }

  @ParameterizedTest(name = "{2}")
  @MethodSource("failures")
  void rejects(ChunkLimits limits, byte[] bytes, String reason, Kind kind) {
    ProtocolException failure = Feed.failure(limits, bytes);
    assertThat(failure.reason()).isEqualTo(reason);
    assertThat(failure.kind()).isEqualTo(kind);
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

    reader.read(Unpooled.wrappedBuffer(bytes.array()), m -> Feed.applyControl(reader, m));

    assertThat(reader.pendingBytes()).isEqualTo(9999);
    assertThat(reader.allocatedBytes()).as("sized on the first chunk").isEqualTo(10000);
  }

  @Test
  void staysFailedAndSaysWhyAgain() {
    ChunkReader reader = new ChunkReader(ChunkLimits.DEFAULTS);

    ProtocolException first = catchThrowableOfType(ProtocolException.class,
        () -> reader.read(Unpooled.wrappedBuffer(new byte[] {(byte) 0xC3}), m -> {}));
    assertThat(first)
        .hasMessage("a type 3 chunk on chunk stream 3 has no previous header to build on")
        .hasNoCause();

    // A well-formed message now: the reader refuses it with the first failure, delivering nothing.
    byte[] valid = Bytes.of("03 | 000000 | 000001 | 08 | 01000000 | AA").array();
    List<RawMessage> delivered = new ArrayList<>();
    assertThatThrownBy(() -> reader.read(Unpooled.wrappedBuffer(valid), delivered::add)).isSameAs(first);
    assertThat(delivered).isEmpty();
  }

  @Test
  void aFailureThrownByTheSinkEndsTheReaderToo() {
    ChunkReader reader = new ChunkReader(ChunkLimits.DEFAULTS);
    byte[] two = Bytes.of("03 | 000000 | 000001 | 08 | 01000000 | AA")
        .hex("03 | 000000 | 000001 | 08 | 01000000 | BB").array();
    ProtocolException refused = ProtocolException.outOfOrder("the session refused it");

    assertThatThrownBy(() -> reader.read(Unpooled.wrappedBuffer(two), m -> {
      throw refused;
    })).isSameAs(refused);
    assertThatThrownBy(() -> reader.read(Unpooled.wrappedBuffer(two), m -> {})).isSameAs(refused);
  }

  @Test
  void aChunkSizeOverTheLimitFromAboveEndsTheReader() {
    ChunkReader reader = new ChunkReader(CHUNK_1000);

    assertThatThrownBy(() -> reader.setChunkSize(1001))
        .isInstanceOf(ProtocolException.class)
        .hasMessage("declared chunk size 1001 exceeds the limit 1000");
    assertThat(reader.chunkSize()).isEqualTo(128);
    assertThatThrownBy(() -> reader.read(Unpooled.wrappedBuffer(new byte[] {3}), m -> {}))
        .hasMessage("declared chunk size 1001 exceeds the limit 1000");
  }
}
