package io.inlet.decode.sink;

import org.bytedeco.ffmpeg.avutil.AVFrame;

/**
 * A decoded video frame handed to the sinks. The {@link AVFrame} is borrowed: it is valid only
 * during the sink call; a sink that keeps the picture takes its own reference ({@code av_frame_ref}
 * into a frame it owns) or copies the planes.
 *
 * @param stream the stream's public name
 * @param frame the decoded frame, in its decoded pixel format ({@link AVFrame#format()})
 * @param ptsMillis presentation time on the stream's timeline, in milliseconds
 * @param receivedAtNanos when the last byte of the RTMP message that carried this frame's packet
 *     arrived on the ingest socket, on this JVM's {@link System#nanoTime()} clock (the packet's age
 *     when it left the ingest node, carried over: {@code System.nanoTime() - receivedAtNanos} is how
 *     long ago that was), or {@link #UNKNOWN_ARRIVAL} (a replayed packet's frame)
 */
public record VideoFrame(String stream, AVFrame frame, long ptsMillis, long receivedAtNanos) {

  /** The arrival of a frame whose packet's is not known. */
  public static final long UNKNOWN_ARRIVAL = Long.MIN_VALUE;

  public int width() {
    return frame.width();
  }

  public int height() {
    return frame.height();
  }

  /** The frame's {@code AV_PIX_FMT_*}. */
  public int pixelFormat() {
    return frame.format();
  }
}
