package io.inlet.ingest.chunk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.inlet.ingest.message.MessageType;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Messages to chunks: given this message, expect these bytes; and back through the reader. */
class ChunkWriterTest {

  static Stream<Arguments> vectors() {
    return Stream.of(
        Arguments.of("spec 5.3.2.2 Example 2: 307 bytes in 128-byte chunks",
            128, 4, 9, 1000L, 12346, Bytes.filled(0x05, 307),
            Bytes.of("04 | 0003E8 | 000133 | 09 | 3A300000").fill(0x05, 128)
                .hex("C4").fill(0x05, 128).hex("C4").fill(0x05, 51).array()),
        Arguments.of("the same message in one chunk of up to 1000 bytes",
            1000, 4, 9, 1000L, 12346, Bytes.filled(0x05, 307),
            Bytes.of("04 | 0003E8 | 000133 | 09 | 3A300000").fill(0x05, 307).array()),
        Arguments.of("Set Chunk Size on chunk stream 2",
            128, 2, 1, 0L, 0, Bytes.of("00001000").array(),
            Bytes.of("02 | 000000 | 000004 | 01 | 00000000 | 00001000").array()),
        Arguments.of("an empty message is one header",
            128, 3, 18, 0L, 1, new byte[0],
            Bytes.of("03 | 000000 | 000000 | 12 | 01000000").array()),
        Arguments.of("exactly one chunk's worth has no continuation",
            128, 3, 8, 7L, 1, Bytes.filled(0x01, 128),
            Bytes.of("03 | 000007 | 000080 | 08 | 01000000").fill(0x01, 128).array()),
        Arguments.of("highest 1-byte id 63",
            128, 63, 8, 0L, 1, Bytes.filled(0x01, 129),
            Bytes.of("3F | 000000 | 000081 | 08 | 01000000").fill(0x01, 128)
                .hex("FF | 01").array()),
        Arguments.of("id 64 takes the 2-byte form",
            128, 64, 8, 0L, 1, Bytes.filled(0x01, 129),
            Bytes.of("00 00 | 000000 | 000081 | 08 | 01000000").fill(0x01, 128)
                .hex("C0 00 | 01").array()),
        Arguments.of("id 319 is the last in the 2-byte form",
            128, 319, 8, 0L, 1, Bytes.filled(0x01, 129),
            Bytes.of("00 FF | 000000 | 000081 | 08 | 01000000").fill(0x01, 128)
                .hex("C0 FF | 01").array()),
        Arguments.of("id 320 takes the 3-byte form, low byte first",
            128, 320, 8, 0L, 1, Bytes.filled(0x01, 129),
            Bytes.of("01 00 01 | 000000 | 000081 | 08 | 01000000").fill(0x01, 128)
                .hex("C1 00 01 | 01").array()),
        Arguments.of("id 65599, the highest",
            128, 65599, 8, 0L, 1, Bytes.filled(0x01, 129),
            Bytes.of("01 FF FF | 000000 | 000081 | 08 | 01000000").fill(0x01, 128)
                .hex("C1 FF FF | 01").array()),
        Arguments.of("timestamp 0xFFFFFE still fits the 24-bit field",
            128, 5, 8, 0xFFFFFEL, 1, Bytes.filled(0x01, 129),
            Bytes.of("05 | FFFFFE | 000081 | 08 | 01000000").fill(0x01, 128)
                .hex("C5 | 01").array()),
        Arguments.of("timestamp 0xFFFFFF is extended, and repeated on fmt 3 chunks",
            128, 5, 8, 0xFFFFFFL, 1, Bytes.filled(0x01, 129),
            Bytes.of("05 | FFFFFF | 000081 | 08 | 01000000 | 00FFFFFF").fill(0x01, 128)
                .hex("C5 | 00FFFFFF | 01").array()),
        Arguments.of("largest timestamp",
            128, 5, 9, 0xFFFFFFFFL, -1, Bytes.filled(0x01, 200),
            Bytes.of("05 | FFFFFF | 0000C8 | 09 | FFFFFFFF | FFFFFFFF").fill(0x01, 128)
                .hex("C5 | FFFFFFFF").fill(0x01, 72).array()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("vectors")
  void writesChunks(String name, int chunkSize, int csid, int type, long timestamp, int msid,
      byte[] payload, byte[] expected) {
    ChunkWriter writer = new ChunkWriter();
    writer.setChunkSize(chunkSize);
    ByteBuf in = Unpooled.wrappedBuffer(payload);
    ByteBuf out = Unpooled.buffer();

    writer.write(out, csid, type, timestamp, msid, in);

    assertThat(ByteBufUtil.hexDump(out)).isEqualTo(ByteBufUtil.hexDump(expected));
    assertThat(in.readableBytes()).as("payload left untouched").isEqualTo(payload.length);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("vectors")
  void readsBackWhatItWrote(String name, int chunkSize, int csid, int type, long timestamp,
      int msid, byte[] payload, byte[] expected) {
    ChunkWriter writer = new ChunkWriter();
    ByteBuf out = Unpooled.buffer();
    // The peer learns the chunk size the way a real one would.
    writer.write(out, 2, MessageType.SET_CHUNK_SIZE, 0, 0, Unpooled.buffer(4).writeInt(chunkSize));
    writer.setChunkSize(chunkSize);
    writer.write(out, csid, type, timestamp, msid, Unpooled.wrappedBuffer(payload));

    List<RawMessage> messages = Feed.messages(ByteBufUtil.getBytes(out));

    assertThat(messages).hasSize(2);
    assertThat(Feed.describe(messages.get(1))).isEqualTo(
        Feed.describe(new RawMessage(csid, type, timestamp, msid, Unpooled.wrappedBuffer(payload))));
  }

  @Test
  void roundTripsEveryIdFormTimestampAndChunkSizeChange() {
    ChunkWriter writer = new ChunkWriter();
    ByteBuf out = Unpooled.buffer();
    List<String> expected = new ArrayList<>();
    int[] chunkSizes = {128, 4096, 1, 128};
    int[] ids = {2, 63, 64, 319, 320, 65599};
    long[] timestamps = {0, 1000, 0xFFFFFE, 0xFFFFFF, 0x12345678, 0xFFFFFFFFL};
    int[] lengths = {0, 1, 128, 129, 300};
    int n = 0;
    for (int chunkSize : chunkSizes) {
      ByteBuf setChunkSize = Unpooled.buffer(4).writeInt(chunkSize);
      expected.add(Feed.describe(new RawMessage(2, 1, 0, 0, setChunkSize.duplicate())));
      writer.write(out, 2, MessageType.SET_CHUNK_SIZE, 0, 0, setChunkSize);
      writer.setChunkSize(chunkSize);
      for (int id : ids) {
        long timestamp = timestamps[n % timestamps.length];
        int length = lengths[n % lengths.length];
        byte[] payload = Bytes.filled(n & 0xFF, length);
        expected.add(Feed.describe(new RawMessage(id, 9, timestamp, n, Unpooled.wrappedBuffer(payload))));
        writer.write(out, id, 9, timestamp, n, Unpooled.wrappedBuffer(payload));
        n++;
      }
    }

    assertThat(Feed.describe(Feed.messages(ByteBufUtil.getBytes(out))))
        .containsExactlyElementsOf(expected);
  }

  @Test
  void rejectsWhatCannotBeWritten() {
    ChunkWriter writer = new ChunkWriter();
    ByteBuf out = Unpooled.buffer();
    ByteBuf empty = Unpooled.EMPTY_BUFFER;

    assertThat(writer.chunkSize()).isEqualTo(128);
    assertThatThrownBy(() -> writer.setChunkSize(0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> writer.write(out, 1, 8, 0, 0, empty))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> writer.write(out, 65600, 8, 0, 0, empty))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> writer.write(out, 3, 256, 0, 0, empty))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> writer.write(out, 3, 8, -1, 0, empty))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> writer.write(out, 3, 8, 1L << 32, 0, empty))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> writer.write(out, 3, 8, 0, 0, Unpooled.buffer(1 << 24).writerIndex(1 << 24)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(out.readableBytes()).isZero();
  }
}
