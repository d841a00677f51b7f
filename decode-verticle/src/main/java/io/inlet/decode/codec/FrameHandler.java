package io.inlet.decode.codec;

import org.bytedeco.ffmpeg.avutil.AVFrame;

/**
 * Receives each decoded frame. The {@link AVFrame} is borrowed: it is valid only during the call
 * (a sink copies it or takes its own reference with {@code av_frame_ref} to keep it).
 */
@FunctionalInterface
public interface FrameHandler {

  /**
   * @param frame the decoded frame, in system memory, borrowed for the duration of the call
   * @param ptsMillis the frame's best-effort presentation time in milliseconds (packets are timed
   *     in 1/1000)
   */
  void onFrame(AVFrame frame, long ptsMillis);
}
