package io.inlet.decode.stream;

import io.inlet.bus.MediaCodec;
import io.inlet.bus.StreamDecodeReport;
import io.vertx.core.json.JsonObject;

/**
 * The decode side's figures for one stream, in the shape of the contract's Stream JSON: what it
 * knows of the tracks, frames in and decoded, drops, frame rate, latency from socket to sink and
 * the audio/video drift.
 */
public final class StreamStats {

  private static final int RATE_WINDOW = 32;

  final LatencyWindow latency = new LatencyWindow();
  final AvDrift drift = new AvDrift();
  long videoFramesIn;
  long videoFramesDecoded;
  long audioFramesIn;
  long audioFramesDecoded;
  long framesDropped;
  MediaCodec videoCodec;
  MediaCodec audioCodec;
  boolean videoDecodable = true;
  /** Only keyframes are decoded ({@code --decode-frames keyframes}): no frame rate to tell. */
  boolean keyframesOnly;
  boolean audioDecodable = true;
  int width;
  int height;
  int sampleRate;
  int channels;
  private final long[] recentVideoPts = new long[RATE_WINDOW];
  private int recentCount;
  private int recentNext;

  void videoFrame(int frameWidth, int frameHeight, long ptsMillis) {
    videoFramesDecoded++;
    width = frameWidth;
    height = frameHeight;
    recentVideoPts[recentNext] = ptsMillis;
    recentNext = (recentNext + 1) % RATE_WINDOW;
    recentCount = Math.min(recentCount + 1, RATE_WINDOW);
  }

  void audioFrame(int rate, int channelCount) {
    audioFramesDecoded++;
    sampleRate = rate;
    channels = channelCount;
  }

  /** Frames per second from the presentation times of the recent decoded frames. */
  public double frameRate() {
    if (recentCount < 2) {
      return 0;
    }
    long min = Long.MAX_VALUE;
    long max = Long.MIN_VALUE;
    for (int i = 0; i < recentCount; i++) {
      min = Math.min(min, recentVideoPts[i]);
      max = Math.max(max, recentVideoPts[i]);
    }
    return max == min ? 0 : Math.round((recentCount - 1) * 1000.0 / (max - min) * 100) / 100.0;
  }

  /**
   * How far audio has drifted from video over the last seconds of live packets, in milliseconds:
   * positive when audio arrives later than its timestamps say, relative to video; 0 when A/V stay in
   * step (see {@link AvDrift}).
   */
  public long avDriftMillis() {
    return drift.millis();
  }

  public long videoFramesDecoded() {
    return videoFramesDecoded;
  }

  public long audioFramesDecoded() {
    return audioFramesDecoded;
  }

  public long framesDropped() {
    return framesDropped;
  }

  public double latencyP50() {
    return latency.quantileMillis(0.50);
  }

  public double latencyP99() {
    return latency.quantileMillis(0.99);
  }

  /** What the decoder knows of the video track, or null before any video packet. */
  public StreamDecodeReport.Video video() {
    return videoCodec == null ? null : new StreamDecodeReport.Video(videoCodec, width, height,
        keyframesOnly ? 0 : frameRate(), videoDecodable, keyframesOnly);
  }

  /** What the decoder knows of the audio track, or null before any audio packet. */
  public StreamDecodeReport.Audio audio() {
    return audioCodec == null ? null : new StreamDecodeReport.Audio(audioCodec, sampleRate, channels, audioDecodable);
  }

  /** Frames in, decoded and dropped, latency and drift. */
  public StreamDecodeReport.Counters counters() {
    return new StreamDecodeReport.Counters(videoFramesIn, videoFramesDecoded, audioFramesIn, audioFramesDecoded,
        framesDropped, latencyP50(), latencyP99(), avDriftMillis());
  }

  /** This stream's part of the decoder's report on the event bus. */
  public StreamDecodeReport report(String name, String decodeNode, long sequence) {
    return new StreamDecodeReport(name, decodeNode, sequence, video(), audio(), counters());
  }

  /** The decode side's part of the Stream JSON (merged with the ingest side's by the directory). */
  public JsonObject toJson() {
    JsonObject json = new JsonObject();
    StreamDecodeReport.Video video = video();
    if (video != null) {
      json.put("video", video.toJson());
    }
    StreamDecodeReport.Audio audio = audio();
    if (audio != null) {
      json.put("audio", audio.toJson());
    }
    return json.put("stats", counters().toJson());
  }
}
