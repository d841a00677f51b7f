package io.inlet.decode.testing;

import static org.bytedeco.ffmpeg.global.avutil.AV_SAMPLE_FMT_DBL;
import static org.bytedeco.ffmpeg.global.avutil.AV_SAMPLE_FMT_FLT;
import static org.bytedeco.ffmpeg.global.avutil.AV_SAMPLE_FMT_S16;
import static org.bytedeco.ffmpeg.global.avutil.AV_SAMPLE_FMT_S32;
import static org.bytedeco.ffmpeg.global.avutil.AV_SAMPLE_FMT_S64;
import static org.bytedeco.ffmpeg.global.avutil.AV_SAMPLE_FMT_U8;
import static org.bytedeco.ffmpeg.global.avutil.av_get_bytes_per_sample;
import static org.bytedeco.ffmpeg.global.avutil.av_get_packed_sample_fmt;
import static org.bytedeco.ffmpeg.global.avutil.av_get_sample_fmt_name;
import static org.bytedeco.ffmpeg.global.avutil.av_sample_fmt_is_planar;

import java.nio.ByteOrder;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.bytedeco.ffmpeg.avutil.AVFrame;

/**
 * MD5 of a decoded audio frame as {@code ffmpeg -c:a <pcmEncoder(format)> -f framemd5} hashes it:
 * the samples in the decoder's own sample format, interleaved ({@code nb_samples * channels *
 * bytes_per_sample} bytes; a planar frame's planes are interleaved as FFmpeg's conversion to the
 * packed PCM encoder does, which for one channel is the plane itself).
 */
public final class AudioFrameHasher {

  private AudioFrameHasher() {}

  /** The lower-case hex MD5 of {@code frame}'s samples. */
  public static String md5Hex(AVFrame frame) {
    int format = frame.format();
    int bytesPerSample = av_get_bytes_per_sample(format);
    int channels = frame.ch_layout().nb_channels();
    int samples = frame.nb_samples();
    byte[] packed = new byte[samples * channels * bytesPerSample];
    if (av_sample_fmt_is_planar(format) == 0) {
      frame.extended_data(0).get(packed);
    } else {
      byte[] plane = new byte[samples * bytesPerSample];
      for (int channel = 0; channel < channels; channel++) {
        frame.extended_data(channel).get(plane);
        for (int i = 0; i < samples; i++) {
          System.arraycopy(plane, i * bytesPerSample, packed, (i * channels + channel) * bytesPerSample, bytesPerSample);
        }
      }
    }
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(packed));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("this JVM has no MD5", e);
    }
  }

  /** The PCM encoder whose packets carry samples of {@code sampleFormat} unchanged, interleaved. */
  public static String pcmEncoder(int sampleFormat) {
    if (ByteOrder.nativeOrder() != ByteOrder.LITTLE_ENDIAN) {
      throw new IllegalStateException("the PCM encoder names below are little-endian; this machine is not");
    }
    int packed = av_get_packed_sample_fmt(sampleFormat);
    if (packed == AV_SAMPLE_FMT_U8) {
      return "pcm_u8";
    } else if (packed == AV_SAMPLE_FMT_S16) {
      return "pcm_s16le";
    } else if (packed == AV_SAMPLE_FMT_S32) {
      return "pcm_s32le";
    } else if (packed == AV_SAMPLE_FMT_S64) {
      return "pcm_s64le";
    } else if (packed == AV_SAMPLE_FMT_FLT) {
      return "pcm_f32le";
    } else if (packed == AV_SAMPLE_FMT_DBL) {
      return "pcm_f64le";
    }
    throw new IllegalArgumentException("no PCM encoder for sample format " + av_get_sample_fmt_name(sampleFormat).getString());
  }
}
