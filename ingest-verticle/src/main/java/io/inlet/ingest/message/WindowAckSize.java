package io.inlet.ingest.message;

import io.inlet.ingest.ByteCursor;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

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
    ByteCursor in = ByteCursor.over(payload, "Window Acknowledgement Size");
    in.requireLength(4);
    return new WindowAckSize(in.u32("window size"));
  }

  public ByteBuf encode() {
    return Unpooled.buffer(4, 4).writeInt((int) size);
  }

  @Override
  public int typeId() {
    return MessageType.WINDOW_ACK_SIZE;
  }
}
