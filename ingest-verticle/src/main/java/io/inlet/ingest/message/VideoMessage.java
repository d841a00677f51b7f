package io.inlet.ingest.message;

import io.inlet.ingest.flv.FlvMediaTag;
import io.inlet.ingest.flv.VideoTagParser;
import io.netty.buffer.ByteBuf;
import java.util.List;

/** A video message (type 9): one legacy FLV or Enhanced RTMP video tag, parsed. */
public record VideoMessage(int messageStreamId, long timestamp, List<FlvMediaTag> tags, int payloadBytes)
    implements MediaMessage {

  public VideoMessage {
    tags = List.copyOf(tags);
  }

  /**
   * Parses a payload without moving its reader index; the tags' data are slices of it.
   *
   * @throws io.inlet.ingest.ProtocolException if the tag is empty, truncated or uses a reserved value
   */
  public static VideoMessage parse(int messageStreamId, long timestamp, ByteBuf payload) {
    return new VideoMessage(
        messageStreamId, timestamp, VideoTagParser.parse(payload), payload.readableBytes());
  }

  @Override
  public int typeId() {
    return MessageType.VIDEO;
  }
}
