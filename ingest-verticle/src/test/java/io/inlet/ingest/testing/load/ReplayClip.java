package io.inlet.ingest.testing.load;

import io.inlet.ingest.chunk.ChunkWriter;
import io.inlet.ingest.message.MessageType;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A clip's FLV tags as RTMP messages, chunked once for one chunk size and shared by every connection
 * that replays it: each message's chunks after its first header (payload with the fmt 3 continuation
 * headers in between) sit in one read-only direct buffer, so 400 connections cost 400 cursors, not 400
 * copies, and the socket writes them without a copy into native memory.
 *
 * <p>Video goes on chunk stream 6, audio on 4, the {@code @setDataFrame} metadata on 5, all on message
 * stream 1, as FFmpeg publishes.
 */
public final class ReplayClip {

  static final int CSID_AUDIO = 4;
  static final int CSID_DATA = 5;
  static final int CSID_VIDEO = 6;
  static final int MESSAGE_STREAM = 1;
  /** A fmt 0 header with a one-byte basic header and no extended timestamp. */
  static final int HEADER_LENGTH = 12;

  /**
   * One message of the clip.
   *
   * @param header its fmt 0 header with timestamp 0 (a connection patches in the real one)
   * @param chunks the payload as chunks after that header, shared: take a {@link ByteBuffer#duplicate()}
   * @param payload the bare payload, for a timestamp that needs the extended field (after 4.6 hours)
   * @param configuration sent once per connection, not on every loop (sequence headers, metadata)
   */
  record Message(int chunkStreamId, int typeId, long timestamp, byte[] header, ByteBuffer chunks, ByteBuf payload,
      boolean configuration) {}

  private final List<Message> messages;
  private final int chunkSize;
  private final long loopMillis;

  private ReplayClip(List<Message> messages, int chunkSize, long loopMillis) {
    this.messages = messages;
    this.chunkSize = chunkSize;
    this.loopMillis = loopMillis;
  }

  /** The FLV file's tags, chunked for {@code chunkSize}. */
  public static ReplayClip of(Path flv, int chunkSize) throws IOException {
    List<FlvFile.Tag> tags = FlvFile.read(flv);
    ChunkWriter writer = new ChunkWriter();
    writer.setChunkSize(chunkSize);
    List<Message> messages = new ArrayList<>();
    for (FlvFile.Tag tag : tags) {
      if (FlvFile.isEndOfSequence(tag)) {
        continue; // a looping publisher never ends the sequence
      }
      switch (tag.type()) {
        case FlvFile.VIDEO -> messages.add(message(writer, CSID_VIDEO, MessageType.VIDEO, tag, tag.body()));
        case FlvFile.AUDIO -> messages.add(message(writer, CSID_AUDIO, MessageType.AUDIO, tag, tag.body()));
        case FlvFile.SCRIPT -> messages.add(message(writer, CSID_DATA, MessageType.DATA_AMF0, tag, setDataFrame(tag.body())));
        default -> { } // FLV has no other tag types worth replaying
      }
    }
    if (messages.stream().noneMatch(m -> !m.configuration())) {
      throw new IOException(flv + " has no media tags");
    }
    return new ReplayClip(List.copyOf(messages), chunkSize, loopMillis(tags));
  }

  /** The metadata message a publisher sends: AMF0 "@setDataFrame" then the FLV script tag's body. */
  public static byte[] setDataFrame(byte[] scriptBody) {
    byte[] name = "@setDataFrame".getBytes(StandardCharsets.US_ASCII);
    ByteBuf out = Unpooled.buffer(3 + name.length + scriptBody.length);
    out.writeByte(0x02).writeShort(name.length).writeBytes(name).writeBytes(scriptBody);
    return out.array();
  }

  private static Message message(ChunkWriter writer, int csid, int typeId, FlvFile.Tag tag, byte[] body) {
    ByteBuf payload = Unpooled.unreleasableBuffer(Unpooled.wrappedBuffer(body).asReadOnly());
    ByteBuf chunked = Unpooled.buffer(body.length + body.length / writer.chunkSize() + HEADER_LENGTH + 1);
    writer.write(chunked, csid, typeId, 0, MESSAGE_STREAM, payload);
    byte[] header = new byte[HEADER_LENGTH];
    chunked.readBytes(header);
    ByteBuffer chunks = ByteBuffer.allocateDirect(chunked.readableBytes());
    chunked.readBytes(chunks);
    return new Message(csid, typeId, tag.timestamp(), header, chunks.flip().asReadOnlyBuffer(), payload,
        FlvFile.isConfiguration(tag));
  }

  /**
   * How far timestamps move per loop: past the last tag of each track by that track's last interval,
   * so the next loop's first frame follows the last one like the next frame would.
   */
  private static long loopMillis(List<FlvFile.Tag> tags) {
    long end = 1;
    for (int type : new int[] {FlvFile.VIDEO, FlvFile.AUDIO}) {
      List<Long> times = tags.stream()
          .filter(t -> t.type() == type && !FlvFile.isConfiguration(t) && !FlvFile.isEndOfSequence(t))
          .map(FlvFile.Tag::timestamp).toList();
      if (times.size() >= 2) {
        long last = times.get(times.size() - 1);
        end = Math.max(end, last + Math.max(1, last - times.get(times.size() - 2)));
      } else if (times.size() == 1) {
        end = Math.max(end, times.get(0) + 1);
      }
    }
    return end;
  }

  List<Message> messages() {
    return messages;
  }

  public int chunkSize() {
    return chunkSize;
  }

  /** The clip's length in ms: timestamps grow by this much per loop. */
  public long loopMillis() {
    return loopMillis;
  }

  /** Bytes of the shared chunked messages (what all connections together keep of the clip). */
  public long sharedBytes() {
    return messages.stream().mapToLong(m -> m.chunks().capacity() + m.payload().capacity()).sum();
  }
}
