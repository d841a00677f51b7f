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
 * @param receivedAtMicros when the last byte of the RTMP message that carried this frame's packet
 *     arrived on the ingest socket (epoch microseconds), or -1 if unknown
 */
public record VideoFrame(String stream, AVFrame frame, long ptsMillis, long receivedAtMicros) {

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
