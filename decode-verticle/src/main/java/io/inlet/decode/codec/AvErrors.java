package io.inlet.decode.codec;

import static org.bytedeco.ffmpeg.global.avutil.av_strerror;

import java.nio.charset.StandardCharsets;

/** FFmpeg error codes as words, for one-line log messages. */
final class AvErrors {

  /** {@code AVERROR(EAGAIN)} on Linux; the bindings have no constant for it. */
  static final int EAGAIN = -11;

  private AvErrors() {}

  static String text(int error) {
    byte[] buffer = new byte[128];
    if (av_strerror(error, buffer, buffer.length) < 0) {
      return "error " + error;
    }
    int end = 0;
    while (end < buffer.length && buffer[end] != 0) {
      end++;
    }
    return new String(buffer, 0, end, StandardCharsets.UTF_8);
  }
}
