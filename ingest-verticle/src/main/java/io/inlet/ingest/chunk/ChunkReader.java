package io.inlet.ingest.chunk;

import io.inlet.ingest.ProtocolException;
import io.netty.buffer.ByteBuf;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Reassembles RTMP messages from chunks (Adobe RTMP 1.0, section 5.3), incrementally: bytes may
 * arrive in any split, partial headers and bodies are kept between calls, and every violation of
 * the spec or of the {@link ChunkLimits} is a {@link ProtocolException}. A reader that threw one
 * stays failed: every later {@link #read} throws the same exception, whoever feeds it.
 *
 * <p>It knows nothing of what messages mean. Set Chunk Size and Abort change how the following
 * chunks are read, so the layer above, which parses them, applies them through
 * {@link #setChunkSize} and {@link #abort} from inside the sink, before the next chunk is read.
 */
public final class ChunkReader {

  private final ChunkLimits limits;
  private final Map<Integer, ChunkStream> streams = new HashMap<>();
  private final ChunkHeaderDecoder headers = new ChunkHeaderDecoder(this::onBasicHeader);

  private int chunkSize = ChunkLimits.DEFAULT_CHUNK_SIZE;
  private long pendingBytes;
  /** The stream whose chunk payload is being read, or null between chunks. */
  private ChunkStream current;
  private int chunkRemaining;
  /** The failure that ended this reader, or null while it is usable. */
  private ProtocolException failure;

  public ChunkReader(ChunkLimits limits) {
    this.limits = limits;
  }

  /**
   * Consumes all readable bytes of {@code in} and delivers every message they complete, in order,
   * to {@code sink}. Throws a ProtocolException on any violation, and again on every later call: a
   * ProtocolException the sink throws ends the reader too, since the rest of {@code in} is unread.
   */
  public void read(ByteBuf in, Consumer<RawMessage> sink) {
    if (failure != null) {
      throw failure;
    }
    try {
      readChunks(in, sink);
    } catch (ProtocolException e) {
      failure = e;
      throw e;
    }
  }

  private void readChunks(ByteBuf in, Consumer<RawMessage> sink) {
    while (true) {
      if (current == null) {
        ChunkHeader header = headers.decode(in);
        if (header == null) {
          return;
        }
        startChunk(header);
      }
      int n = Math.min(chunkRemaining, in.readableBytes());
      if (n > 0) {
        current.append(in, n);
        chunkRemaining -= n;
        pendingBytes += n;
      }
      if (chunkRemaining > 0) {
        return;
      }
      ChunkStream finished = current;
      current = null;
      if (finished.complete()) {
        pendingBytes -= finished.received();
        sink.accept(finished.takeMessage());
      }
    }
  }

  /** The current inbound chunk size: 128 until the peer sends Set Chunk Size. */
  public int chunkSize() {
    return chunkSize;
  }

  /**
   * Applies the peer's Set Chunk Size (whatever chunk or message stream it came on, as FFmpeg does)
   * from the next chunk on. A size over {@link ChunkLimits#maxChunkSize()} fails the reader.
   *
   * @param size 1..2^31-1, as the message layer parsed it
   */
  public void setChunkSize(int size) {
    if (size < 1) {
      throw new IllegalArgumentException("chunk size must be 1..2147483647: " + size);
    }
    if (size > limits.maxChunkSize()) {
      failure = ProtocolException.limitExceeded(
          "declared chunk size " + size + " exceeds the limit " + limits.maxChunkSize());
      throw failure;
    }
    chunkSize = size;
  }

  /** Applies the peer's Abort: drops the partial message of that chunk stream, if it has one. */
  public void abort(int chunkStreamId) {
    ChunkStream stream = streams.get(chunkStreamId);
    if (stream != null && stream.inProgress()) {
      pendingBytes -= stream.abort();
    }
  }

  /** Bytes held in partially assembled messages, over all chunk streams. */
  public int pendingBytes() {
    return (int) pendingBytes;
  }

  /** Capacity of the bodies being assembled: what partial messages really cost (for tests). */
  long allocatedBytes() {
    long sum = 0;
    for (ChunkStream stream : streams.values()) {
      sum += stream.allocated();
    }
    return sum;
  }

  /** Checks a chunk against its stream's history as soon as its stream id is known. */
  private boolean onBasicHeader(int fmt, int chunkStreamId) {
    ChunkStream stream = streams.get(chunkStreamId);
    if (fmt != 0 && (stream == null || !stream.hasHeader())) {
      throw ProtocolException.outOfOrder(
          "a type " + fmt + " chunk on chunk stream " + chunkStreamId
              + " has no previous header to build on");
    }
    if (stream == null) {
      if (streams.size() >= limits.maxChunkStreams()) {
        throw ProtocolException.limitExceeded(
            "chunk stream " + chunkStreamId + " is one more than the limit of "
                + limits.maxChunkStreams() + " chunk streams");
      }
      streams.put(chunkStreamId, new ChunkStream(chunkStreamId));
      return false;
    }
    return stream.extendedTimestamp();
  }

  private void startChunk(ChunkHeader header) {
    ChunkStream stream = streams.get(header.chunkStreamId());
    if (stream.inProgress() && header.fmt() != 3) {
      throw ProtocolException.outOfOrder(
          "a type " + header.fmt() + " chunk on chunk stream " + stream.id
              + " interrupts a message with " + stream.received() + " of "
              + stream.messageLength() + " bytes received");
    }
    if (header.fmt() <= 1 && header.messageLength() > limits.maxMessageSize()) {
      throw ProtocolException.limitExceeded(
          "message length " + header.messageLength() + " on chunk stream " + stream.id
              + " exceeds the limit " + limits.maxMessageSize());
    }
    stream.applyHeader(header);
    current = stream;
    chunkRemaining = Math.min(chunkSize, stream.remaining());
    checkPendingBytes(stream);
  }

  /**
   * Decided when a chunk starts, on its whole payload, so the verdict does not depend on how the
   * bytes were split. A chunk that completes its message is delivered as it ends and counts for
   * nothing; one that leaves the message partial adds its payload to what is held.
   */
  private void checkPendingBytes(ChunkStream stream) {
    if (chunkRemaining < stream.remaining()
        && pendingBytes + chunkRemaining > limits.maxPendingBytes()) {
      throw ProtocolException.limitExceeded(
          "partially received messages would hold " + (pendingBytes + chunkRemaining)
              + " bytes, over the limit " + limits.maxPendingBytes());
    }
  }
}
