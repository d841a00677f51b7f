package io.inlet.bench;

import io.inlet.ingest.chunk.ChunkWriter;
import io.inlet.ingest.testing.load.FlvFile;
import io.inlet.ingest.testing.load.ReplayClip;
import io.inlet.ingest.message.MessageType;
import io.inlet.ingest.message.SetChunkSize;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.List;

/**
 * What a publisher's socket carries after the handshake and the commands: Set Chunk Size 4096,
 * then every tag of an FLV file as an RTMP message (video on chunk stream 6, audio on 4, the
 * {@code @setDataFrame} metadata on 5, message stream 1), written by Inlet's own {@link ChunkWriter}.
 * Every message gets a type 0 header (real publishers compress some headers: a few bytes less).
 */
final class ChunkStreamBytes {

  static final int CHUNK_SIZE = 4096;
  static final int CSID_CONTROL = 2;
  static final int CSID_AUDIO = 4;
  static final int CSID_DATA = 5;
  static final int CSID_VIDEO = 6;
  static final int MESSAGE_STREAM = 1;

  private ChunkStreamBytes() {}

  static byte[] of(List<FlvFile.Tag> tags) {
    ChunkWriter writer = new ChunkWriter();
    ByteBuf out = Unpooled.buffer(tags.stream().mapToInt(t -> t.body().length + 64).sum());
    writer.write(out, CSID_CONTROL, MessageType.SET_CHUNK_SIZE, 0, 0, new SetChunkSize(CHUNK_SIZE).encode());
    writer.setChunkSize(CHUNK_SIZE);
    for (FlvFile.Tag tag : tags) {
      switch (tag.type()) {
        case FlvFile.VIDEO -> write(writer, out, CSID_VIDEO, MessageType.VIDEO, tag, tag.body());
        case FlvFile.AUDIO -> write(writer, out, CSID_AUDIO, MessageType.AUDIO, tag, tag.body());
        case FlvFile.SCRIPT -> write(writer, out, CSID_DATA, MessageType.DATA_AMF0, tag, ReplayClip.setDataFrame(tag.body()));
        default -> { } // FLV has no other tag types worth replaying
      }
    }
    byte[] bytes = new byte[out.readableBytes()];
    out.readBytes(bytes);
    return bytes;
  }

  /** The first script tag's body (FFmpeg's onMetaData), as a @setDataFrame message. */
  static byte[] metadataMessage(List<FlvFile.Tag> tags) {
    return tags.stream().filter(t -> t.type() == FlvFile.SCRIPT).findFirst()
        .map(t -> ReplayClip.setDataFrame(t.body()))
        .orElseThrow(() -> new IllegalStateException("the clip has no onMetaData tag"));
  }

  private static void write(ChunkWriter writer, ByteBuf out, int csid, int type, FlvFile.Tag tag, byte[] body) {
    writer.write(out, csid, type, tag.timestamp(), MESSAGE_STREAM, Unpooled.wrappedBuffer(body));
  }
}
