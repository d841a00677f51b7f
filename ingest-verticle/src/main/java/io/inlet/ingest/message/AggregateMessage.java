package io.inlet.ingest.message;

import io.inlet.ingest.flv.AggregateSplitter;
import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.List;

/**
 * An aggregate message (7.1.6, type 22): several FLV tags in one message, split and parsed into the
 * audio and video messages they are, on the aggregate's message stream and with their timestamps
 * rebased on the aggregate's. Script-data tags inside an aggregate carry nothing a decoder needs
 * and are left out.
 *
 * @param payloadBytes the size of the whole aggregate payload, for counting bytes in
 */
public record AggregateMessage(int messageStreamId, long timestamp, List<MediaMessage> parts, int payloadBytes)
    implements RtmpMessage {

  public AggregateMessage {
    parts = List.copyOf(parts);
  }

  /**
   * Parses a payload without moving its reader index; the parts' data are slices of it.
   *
   * @throws io.inlet.ingest.ProtocolException if a sub-tag is truncated, of another type, or
   *     malformed as audio or video
   */
  public static AggregateMessage parse(int messageStreamId, long timestamp, ByteBuf payload) {
    List<MediaMessage> parts = new ArrayList<>();
    for (AggregateSplitter.SubTag tag : AggregateSplitter.split(payload, timestamp)) {
      switch (tag.typeId()) {
        case MessageType.AUDIO -> parts.add(MediaMessage.audio(messageStreamId, tag.timestamp(), tag.body()));
        case MessageType.VIDEO -> parts.add(MediaMessage.video(messageStreamId, tag.timestamp(), tag.body()));
        default -> {
          // Script data: see the class comment.
        }
      }
    }
    return new AggregateMessage(messageStreamId, timestamp, parts, payload.readableBytes());
  }

  @Override
  public int typeId() {
    return MessageType.AGGREGATE;
  }
}
