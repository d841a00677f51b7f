package io.inlet.ingest.message;

import io.netty.buffer.ByteBuf;

/**
 * Window Acknowledgement Size (5.4.4): acknowledge every this many bytes received. 0 is taken to
 * mean "no acknowledgements", as gortmplib does.
 */
public record WindowAckSize(long size) implements RtmpMessage {

  public WindowAckSize {
    Uint32.require(size, "window size");
  }

  /** Parses a payload without moving its reader index. */
  public static WindowAckSize parse(ByteBuf payload) {
    return new WindowAckSize(Uint32.parse(payload, "Window Acknowledgement Size"));
  }

  public ByteBuf encode() {
    return Uint32.encode(size);
  }

  @Override
  public int typeId() {
    return MessageType.WINDOW_ACK_SIZE;
  }
}
