package io.inlet.bus;

import io.vertx.core.json.JsonObject;
import java.util.Objects;

/**
 * The decode side's figures for one stream, part of a {@link DecoderReport}: the decode half of the
 * contract's Stream JSON, which the stream directory merges with the {@link IngestedStream}.
 *
 * @param sequence the sequence number of the last packet the decoder processed (flow control)
 * @param video what the decoder knows of the video track, or null before any video packet
 * @param audio what the decoder knows of the audio track, or null before any audio packet
 */
public record StreamDecodeReport(String name, String decodeNode, long sequence, Video video, Audio audio, Counters stats) {

  /**
   * The decoded video track. {@code width}, {@code height} and {@code frameRate} are 0 until known;
   * {@code keyframesOnly}: the decoder decodes only keyframes ({@code --decode-frames keyframes}), so
   * its frame rate says nothing of the stream's and is 0.
   */
  public record Video(MediaCodec codec, int width, int height, double frameRate, boolean decodable, boolean keyframesOnly) {

    public Video {
      Objects.requireNonNull(codec, "codec");
    }

    /** A track whose every frame is decoded. */
    public Video(MediaCodec codec, int width, int height, double frameRate, boolean decodable) {
      this(codec, width, height, frameRate, decodable, false);
    }

    /** The {@code video} object of the Stream JSON, as far as the decode side knows it. */
    public JsonObject toJson() {
      return new JsonObject().put("codec", codec.jsonName()).put("width", width).put("height", height)
          .put("frameRate", frameRate).put("decodable", decodable).put("decodeFrames", keyframesOnly ? "keyframes" : "all");
    }
  }

  /** The decoded audio track. {@code sampleRate} and {@code channels} are 0 until known. */
  public record Audio(MediaCodec codec, int sampleRate, int channels, boolean decodable) {

    public Audio {
      Objects.requireNonNull(codec, "codec");
    }

    /** The {@code audio} object of the Stream JSON, as far as the decode side knows it. */
    public JsonObject toJson() {
      return new JsonObject().put("codec", codec.jsonName()).put("sampleRate", sampleRate).put("channels", channels)
          .put("decodable", decodable);
    }
  }

  /** Frames in, decoded and dropped; decode latency quantiles in ms; audio/video drift in ms. */
  public record Counters(long videoFramesIn, long videoFramesDecoded, long audioFramesIn, long audioFramesDecoded,
      long framesDropped, double latencyP50, double latencyP99, long avDriftMs) {

    /** Nothing counted yet. */
    public static final Counters NONE = new Counters(0, 0, 0, 0, 0, 0, 0, 0);

    /** The decode side's part of the Stream JSON's {@code stats}. */
    public JsonObject toJson() {
      return new JsonObject()
          .put("videoFramesIn", videoFramesIn)
          .put("videoFramesDecoded", videoFramesDecoded)
          .put("audioFramesIn", audioFramesIn)
          .put("audioFramesDecoded", audioFramesDecoded)
          .put("framesDropped", framesDropped)
          .put("decodeLatencyMs", latencyJson())
          .put("avDriftMs", avDriftMs);
    }

    /** {@code {"p50","p99"}}. */
    public JsonObject latencyJson() {
      return new JsonObject().put("p50", latencyP50).put("p99", latencyP99);
    }
  }

  public StreamDecodeReport {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(decodeNode, "decodeNode");
    Objects.requireNonNull(stats, "stats");
  }
}
