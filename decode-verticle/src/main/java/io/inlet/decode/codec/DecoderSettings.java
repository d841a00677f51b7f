package io.inlet.decode.codec;

/**
 * How a {@link PacketDecoder} decodes.
 *
 * @param threads libavcodec's {@code thread_count}; 1 decodes on the calling thread only (no frame
 *     delay), 0 lets libavcodec pick
 * @param hwaccel a hardware device type to try ({@code "cuda"}, {@code "vaapi"}, {@code "vulkan"}),
 *     or {@code null} for software; when the device cannot be opened the decoder falls back to
 *     software
 * @param frames which video frames are decoded
 */
public record DecoderSettings(int threads, String hwaccel, DecodeFrames frames) {

  public static final DecoderSettings DEFAULT = new DecoderSettings(1, null, DecodeFrames.ALL);

  /** Every frame decoded. */
  public DecoderSettings(int threads, String hwaccel) {
    this(threads, hwaccel, DecodeFrames.ALL);
  }

  public DecoderSettings {
    java.util.Objects.requireNonNull(frames, "frames");
    if (threads < 0) {
      throw new IllegalArgumentException("threads must be >= 0, was " + threads);
    }
  }
}
