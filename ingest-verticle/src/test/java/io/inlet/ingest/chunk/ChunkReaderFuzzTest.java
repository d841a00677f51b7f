package io.inlet.ingest.chunk;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.inlet.ingest.ProtocolException;
import io.inlet.ingest.testing.Splits;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.List;

/**
 * A chunk stream in any split, read under small limits (Set Chunk Size and Abort applied from the
 * sink, as the message layer does): only ProtocolExceptions come out, nothing held ever exceeds the
 * limits, and the messages and the verdict are the same as for the bytes all at once.
 */
class ChunkReaderFuzzTest {

  /** Small enough that the fuzzer reaches every limit with short inputs. */
  static final ChunkLimits SMALL = new ChunkLimits(256, 2048, 8, 4096);

  record Outcome(List<String> messages, String failure) {}

  @FuzzTest(maxDuration = "60s")
  void readWithSmallLimits(byte[] input) {
    Outcome split = run(Splits.of(input));
    Outcome whole = run(List.of(Splits.whole(input)));
    assertThat(split).isEqualTo(whole);
  }

  private static Outcome run(List<byte[]> pieces) {
    ChunkReader reader = new ChunkReader(SMALL);
    List<String> messages = new ArrayList<>();
    try {
      for (byte[] piece : pieces) {
        reader.read(Unpooled.wrappedBuffer(piece), message -> {
          assertThat(message.payload().readableBytes()).isLessThanOrEqualTo(SMALL.maxMessageSize());
          Feed.applyControl(reader, message);
          messages.add(Feed.describe(message));
        });
        assertThat(reader.pendingBytes()).isBetween(0, SMALL.maxPendingBytes());
        assertThat(reader.allocatedBytes())
            .isLessThanOrEqualTo((long) SMALL.maxChunkStreams() * SMALL.maxMessageSize());
        assertThat(reader.chunkSize()).isBetween(1, SMALL.maxChunkSize());
      }
      return new Outcome(messages, null);
    } catch (ProtocolException e) {
      return new Outcome(messages, e.reason());
    }
  }
}
