package io.inlet.decode.sink;

/**
 * Where decoded frames go: the SPI the pipeline behind Inlet implements (a compositor, a recorder,
 * an analyser). One sink instance serves one stream; its methods are called on that stream's decode
 * worker thread, one at a time, in decode output (presentation) order. A sink must not block for
 * long: the stream's decoding waits for it. Frames are borrowed for the duration of the call.
 */
public interface FrameSink extends AutoCloseable {

  default void onVideoFrame(VideoFrame frame) {}

  default void onAudioFrame(AudioFrame frame) {}

  /** The stream ended (or moved away from this node); free what the sink holds. Called once. */
  @Override
  default void close() {}
}
