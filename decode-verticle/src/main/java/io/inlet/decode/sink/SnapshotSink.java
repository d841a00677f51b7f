package io.inlet.decode.sink;

import io.inlet.decode.codec.JpegEncoder;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.global.avutil;

/**
 * Keeps a reference to the latest decoded video frame (a refcount, not a copy) and turns it into a
 * JPEG only when someone asks: never per frame.
 */
public final class SnapshotSink implements FrameSink {

  /** Snapshots are thumbnails and previews: no wider than this. */
  public static final int MAX_WIDTH = 1280;

  private final AVFrame latest = avutil.av_frame_alloc();
  private final JpegEncoder encoder = new JpegEncoder(MAX_WIDTH, 4);
  private boolean hasFrame;
  private boolean closed;

  @Override
  public void onVideoFrame(VideoFrame frame) {
    avutil.av_frame_unref(latest);
    hasFrame = avutil.av_frame_ref(latest, frame.frame()) >= 0;
  }

  /** The latest frame as JPEG, or null when no frame was decoded yet. */
  public byte[] snapshot() {
    if (!hasFrame || closed) {
      return null;
    }
    return encoder.encode(latest);
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    avutil.av_frame_free(latest);
    encoder.close();
  }
}
