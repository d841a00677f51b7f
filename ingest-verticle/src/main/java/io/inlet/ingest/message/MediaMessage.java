package io.inlet.ingest.message;

import io.inlet.bus.TrackKind;
import io.inlet.ingest.flv.AudioTagParser;
import io.inlet.ingest.flv.FlvMediaTag;
import io.inlet.ingest.flv.VideoTagParser;
import io.netty.buffer.ByteBuf;
import java.util.List;

/**
 * An audio (type 8) or video (type 9) message (7.1.5), its legacy FLV or Enhanced RTMP tag already
 * parsed: the session gets media it can route without looking at a byte.
 *
 * @param track which of the two it is
 * @param timestamp the 32-bit RTMP timestamp, in milliseconds
 * @param tags what the tag carries, usually one item (several for a multitrack message, none for
 *     audio silence); their data are slices of the message payload, never copies
 * @param payloadBytes the size of the payload the tags came from, for counting bytes in
 */
public record MediaMessage(
    TrackKind track, int messageStreamId, long timestamp, List<FlvMediaTag> tags, int payloadBytes)
    implements RtmpMessage {

  public MediaMessage {
    tags = List.copyOf(tags);
  }

  /**
   * Parses a video payload without moving its reader index; the tags' data are slices of it.
   *
   * @throws io.inlet.ingest.ProtocolException if the tag is empty, truncated or uses a reserved value
   */
  public static MediaMessage video(int messageStreamId, long timestamp, ByteBuf payload) {
    return new MediaMessage(TrackKind.VIDEO, messageStreamId, timestamp, VideoTagParser.parse(payload),
        payload.readableBytes());
  }

  /**
   * Parses an audio payload without moving its reader index; the tags' data are slices of it. An
   * empty payload is audio silence: no tags.
   *
   * @throws io.inlet.ingest.ProtocolException if the tag is truncated or uses a reserved value
   */
  public static MediaMessage audio(int messageStreamId, long timestamp, ByteBuf payload) {
    return new MediaMessage(TrackKind.AUDIO, messageStreamId, timestamp, AudioTagParser.parse(payload),
        payload.readableBytes());
  }

  @Override
  public int typeId() {
    return track == TrackKind.VIDEO ? MessageType.VIDEO : MessageType.AUDIO;
  }
}
