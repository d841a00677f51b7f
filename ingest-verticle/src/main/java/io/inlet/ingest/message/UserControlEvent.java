package io.inlet.ingest.message;

import io.inlet.ingest.ByteCursor;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

/**
 * A User Control Message event (Adobe RTMP 1.0, sections 6.2 and 7.1.7): a 2-byte event type and
 * 4 bytes of data, 8 for Set Buffer Length.
 *
 * @param eventType one of the constants below
 * @param value the stream id, or the timestamp for the ping events (unsigned 32 bits)
 * @param extra the buffer length in milliseconds for {@link #SET_BUFFER_LENGTH}, else 0
 */
public record UserControlEvent(int eventType, long value, long extra) implements RtmpMessage {

  public static final int STREAM_BEGIN = 0;
  public static final int STREAM_EOF = 1;
  public static final int STREAM_DRY = 2;
  public static final int SET_BUFFER_LENGTH = 3;
  public static final int STREAM_IS_RECORDED = 4;
  public static final int PING_REQUEST = 6;
  public static final int PING_RESPONSE = 7;

  public UserControlEvent {
    if (eventType < 0 || eventType > 0xFFFF) {
      throw new IllegalArgumentException("event type must be 0..65535: " + eventType);
    }
    Uint32.require(value, "event value");
    Uint32.require(extra, "event extra value");
  }

  public static UserControlEvent streamBegin(int streamId) {
    return new UserControlEvent(STREAM_BEGIN, Integer.toUnsignedLong(streamId), 0);
  }

  public static UserControlEvent streamEof(int streamId) {
    return new UserControlEvent(STREAM_EOF, Integer.toUnsignedLong(streamId), 0);
  }

  public static UserControlEvent streamDry(int streamId) {
    return new UserControlEvent(STREAM_DRY, Integer.toUnsignedLong(streamId), 0);
  }

  public static UserControlEvent setBufferLength(int streamId, long bufferMillis) {
    return new UserControlEvent(SET_BUFFER_LENGTH, Integer.toUnsignedLong(streamId), bufferMillis);
  }

  public static UserControlEvent streamIsRecorded(int streamId) {
    return new UserControlEvent(STREAM_IS_RECORDED, Integer.toUnsignedLong(streamId), 0);
  }

  public static UserControlEvent pingRequest(long timestamp) {
    return new UserControlEvent(PING_REQUEST, timestamp, 0);
  }

  public static UserControlEvent pingResponse(long timestamp) {
    return new UserControlEvent(PING_RESPONSE, timestamp, 0);
  }

  /** Whether the spec defines this event type (5 is unassigned). */
  public static boolean isKnown(int eventType) {
    return eventType >= STREAM_BEGIN && eventType <= PING_RESPONSE && eventType != 5;
  }

  /**
   * Parses a User Control payload without moving its reader index. A known event must have
   * exactly its size. An event type the spec does not define (SWF verification, buffer
   * empty/ready from some servers) is returned with value and extra 0, for the caller to ignore:
   * one unexpected event is no reason to drop a publisher.
   */
  public static UserControlEvent parse(ByteBuf payload) {
    int eventType = ByteCursor.over(payload, "User Control message").u16("event type");
    if (!isKnown(eventType)) {
      return new UserControlEvent(eventType, 0, 0);
    }
    ByteCursor in = ByteCursor.over(payload, "User Control event " + eventType);
    in.requireLength(2 + dataLength(eventType));
    in.skip(2, "event type");
    long value = in.u32("event data");
    long extra = eventType == SET_BUFFER_LENGTH ? in.u32("buffer length") : 0;
    return new UserControlEvent(eventType, value, extra);
  }

  /** The payload of a User Control message carrying this event. */
  public ByteBuf encode() {
    if (!isKnown(eventType)) {
      throw new IllegalStateException("cannot encode unknown user control event " + eventType);
    }
    int length = 2 + dataLength(eventType);
    ByteBuf out = Unpooled.buffer(length, length);
    out.writeShort(eventType);
    out.writeInt((int) value);
    if (eventType == SET_BUFFER_LENGTH) {
      out.writeInt((int) extra);
    }
    return out;
  }

  @Override
  public int typeId() {
    return MessageType.USER_CONTROL;
  }

  private static int dataLength(int eventType) {
    return eventType == SET_BUFFER_LENGTH ? 8 : 4;
  }
}
