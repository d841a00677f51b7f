package io.inlet.decode.codec;

import java.util.Locale;

/**
 * {@code --decode-frames}: which video frames a decoder decodes. A fleet that only watches streams
 * (thumbnails, health, moderation stills) needs a picture now and then, not 30 a second.
 */
public enum DecodeFrames {
  /** Every frame. */
  ALL,
  /**
   * Only keyframes: every packet still reaches libavcodec (so its parser and reorder state stay
   * right), which skips decoding the others ({@code skip_frame = AVDISCARD_NONKEY}).
   */
  KEYFRAMES;

  /** The option's value: its name in lower case. */
  public String optionValue() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** @throws IllegalArgumentException naming the allowed values */
  public static DecodeFrames parse(String value) {
    for (DecodeFrames frames : values()) {
      if (frames.optionValue().equals(value.trim())) {
        return frames;
      }
    }
    throw new IllegalArgumentException("'" + value + "' is not one of all, keyframes");
  }
}
