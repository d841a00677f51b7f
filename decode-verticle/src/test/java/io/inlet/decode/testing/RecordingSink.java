package io.inlet.decode.testing;

import io.inlet.decode.codec.FrameHasher;
import io.inlet.decode.sink.AudioFrame;
import io.inlet.decode.sink.FrameSink;
import io.inlet.decode.sink.VideoFrame;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * A sink that writes down what it is handed: each video frame as {@code "<pts> <md5>"} (the md5
 * {@code ffmpeg -f framemd5} computes), its size, its packet's arrival and the clock at hand-over;
 * each audio frame's pts and samples; how often it was closed.
 */
public final class RecordingSink implements FrameSink {

  private final FrameHasher hasher = new FrameHasher();
  private final LongSupplier clock;
  private final List<String> video = new ArrayList<>();
  private final List<String> sizes = new ArrayList<>();
  private final List<Long> handOverLatencies = new ArrayList<>();
  private final List<Long> videoArrivals = new ArrayList<>();
  private final List<Long> audioPts = new ArrayList<>();
  private final List<Integer> audioSamples = new ArrayList<>();
  private int closes;

  public RecordingSink() {
    this(() -> 0);
  }

  /** {@code clock} is read at each video frame: see {@link #handOverLatencies()}. */
  public RecordingSink(LongSupplier clock) {
    this.clock = clock;
  }

  @Override
  public void onVideoFrame(VideoFrame frame) {
    video.add(frame.ptsMillis() + " " + hasher.md5Hex(frame.frame()));
    sizes.add(frame.width() + "x" + frame.height());
    videoArrivals.add(frame.receivedAtNanos());
    handOverLatencies.add(clock.getAsLong() - frame.receivedAtNanos());
  }

  @Override
  public void onAudioFrame(AudioFrame frame) {
    audioPts.add(frame.ptsMillis());
    audioSamples.add(frame.samples());
  }

  @Override
  public void close() {
    closes++;
    hasher.close();
  }

  /** {@code "<pts ms> <md5>"} per video frame, in the order handed over. */
  public List<String> video() {
    return video;
  }

  /** {@code "WxH"} per video frame. */
  public List<String> sizes() {
    return sizes;
  }

  /** The arrival time each video frame carried ({@code VideoFrame.receivedAtNanos}). */
  public List<Long> videoArrivals() {
    return videoArrivals;
  }

  /** The clock at hand-over minus the frame's arrival, per video frame, in nanoseconds. */
  public List<Long> handOverLatencies() {
    return handOverLatencies;
  }

  public List<Long> audioPts() {
    return audioPts;
  }

  public List<Integer> audioSamples() {
    return audioSamples;
  }

  public int closes() {
    return closes;
  }
}
