package io.inlet.decode.sink;

import org.bytedeco.ffmpeg.avutil.AVFrame;

/**
 * A decoded audio frame handed to the sinks; the {@link AVFrame} is borrowed, as for {@link VideoFrame}.
 *
 * @param stream the stream's public name
 * @param frame the decoded samples, in the decoder's sample format ({@link AVFrame#format()})
 * @param ptsMillis presentation time in milliseconds
 * @param receivedAtNanos arrival of the packet's last byte on the ingest socket, on this JVM's
 *     {@link System#nanoTime()} clock as for {@link VideoFrame#receivedAtNanos()}, or
 *     {@link VideoFrame#UNKNOWN_ARRIVAL}
 */
public record AudioFrame(String stream, AVFrame frame, long ptsMillis, long receivedAtNanos) {

  public int sampleRate() {
    return frame.sample_rate();
  }

  public int channels() {
    return frame.ch_layout().nb_channels();
  }

  public int samples() {
    return frame.nb_samples();
  }
}
