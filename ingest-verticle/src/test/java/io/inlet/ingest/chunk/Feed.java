package io.inlet.ingest.chunk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.inlet.ingest.ProtocolException;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.List;

/**
 * Feeds the same bytes to fresh readers all at once, one byte at a time and in 7-byte pieces, and
 * checks that all three ways give the same messages (or the same failure). Set Chunk Size and Abort
 * are applied from inside the sink, as the message layer above does.
 */
final class Feed {

  private static final int[] SPLITS = {Integer.MAX_VALUE, 1, 7};

  private Feed() {}

  /** The messages {@code bytes} decode to, the same whatever the split. */
  static List<RawMessage> messages(ChunkLimits limits, byte[] bytes) {
    List<RawMessage> first = null;
    for (int split : SPLITS) {
      List<RawMessage> messages = new ArrayList<>();
      ChunkReader reader = new ChunkReader(limits);
      feed(reader, bytes, split, messages);
      assertThat(reader.pendingBytes()).as("pending bytes, split %d", split).isZero();
      if (first == null) {
        first = messages;
      } else {
        assertThat(describe(messages)).as("split %d", split).isEqualTo(describe(first));
      }
    }
    return first;
  }

  static List<RawMessage> messages(byte[] bytes) {
    return messages(ChunkLimits.DEFAULTS, bytes);
  }

  /** The failure {@code bytes} cause, the same whatever the split. */
  static ProtocolException failure(ChunkLimits limits, byte[] bytes) {
    String reason = null;
    ProtocolException first = null;
    for (int split : SPLITS) {
      ChunkReader reader = new ChunkReader(limits);
      ProtocolException e =
          catchThrowableOfType(
              ProtocolException.class, () -> feed(reader, bytes, split, new ArrayList<>()));
      assertThat(e).as("failure, split %d", split).isNotNull();
      if (first == null) {
        first = e;
        reason = e.reason();
      } else {
        assertThat(e.reason()).as("split %d", split).isEqualTo(reason);
      }
    }
    return first;
  }

  static ProtocolException failure(byte[] bytes) {
    return failure(ChunkLimits.DEFAULTS, bytes);
  }

  /** Feeds {@code bytes} in pieces of at most {@code split}; each piece must be fully consumed. */
  static void feed(ChunkReader reader, byte[] bytes, int split, List<RawMessage> sink) {
    for (int offset = 0; offset < bytes.length; offset += split) {
      int n = Math.min(split, bytes.length - offset);
      var piece = Unpooled.wrappedBuffer(bytes, offset, n);
      reader.read(piece, message -> {
        applyControl(reader, message);
        sink.add(message);
      });
      assertThat(piece.readableBytes()).as("left unread").isZero();
    }
  }

  /**
   * What the message layer does with Set Chunk Size (type 1) and Abort (type 2), minus its checks
   * of the values (those are the message layer's tests): the chunk reader only offers the hooks.
   */
  static void applyControl(ChunkReader reader, RawMessage message) {
    if (message.payload().readableBytes() != 4) {
      return;
    }
    int value = message.payload().getInt(message.payload().readerIndex());
    if (message.typeId() == 1 && value > 0) {
      reader.setChunkSize(value);
    } else if (message.typeId() == 2) {
      reader.abort(value);
    }
  }

  static List<String> describe(List<RawMessage> messages) {
    return messages.stream().map(Feed::describe).toList();
  }

  static String describe(RawMessage m) {
    return "csid=" + m.chunkStreamId() + " type=" + m.typeId() + " ts=" + m.timestamp()
        + " msid=" + m.messageStreamId() + " payload=" + ByteBufUtil.hexDump(m.payload());
  }
}
