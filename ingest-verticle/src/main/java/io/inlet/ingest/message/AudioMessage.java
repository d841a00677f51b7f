package io.inlet.ingest.message;

import io.inlet.ingest.flv.AudioTagParser;
import io.inlet.ingest.flv.FlvMediaTag;
import io.netty.buffer.ByteBuf;
import java.util.List;

/** An audio message (type 8): one legacy FLV or Enhanced RTMP audio tag, parsed. */
public record AudioMessage(int messageStreamId, long timestamp, List<FlvMediaTag> tags, int payloadBytes)
    implements MediaMessage {

  public AudioMessage {
    tags = List.copyOf(tags);
  }

  /**
   * Parses a payload without moving its reader index; the tags' data are slices of it. An empty
   * payload is audio silence: no tags.
   *
   * @throws io.inlet.ingest.ProtocolException if the tag is truncated or uses a reserved value
   */
  public static AudioMessage parse(int messageStreamId, long timestamp, ByteBuf payload) {
    return new AudioMessage(
        messageStreamId, timestamp, AudioTagParser.parse(payload), payload.readableBytes());
  }

  @Override
  public int typeId() {
    return MessageType.AUDIO;
  }
}
