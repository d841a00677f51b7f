package io.inlet.decode.codec;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_HW_CONFIG_METHOD_HW_DEVICE_CTX;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_AAC;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_AC3;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_AV1;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_EAC3;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_FLAC;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_H264;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_HEVC;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_MP3;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_NONE;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_OPUS;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_VP8;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_VP9;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_decoder;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_decoder_by_name;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_get_hw_config;
import static org.bytedeco.ffmpeg.global.avutil.AV_HWDEVICE_TYPE_NONE;

import io.inlet.bus.MediaCodec;
import java.util.List;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecHWConfig;

/** Which libavcodec decoder decodes a {@link MediaCodec}. */
final class DecoderChoice {

  /**
   * FFmpeg's own "av1" decoder only drives hardware; software AV1 needs one of these, best first.
   * The bytedeco 8.0.1 gpl build carries libaom-av1 and no libdav1d.
   */
  static final List<String> SOFTWARE_AV1 = List.of("libdav1d", "libaom-av1");

  private DecoderChoice() {}

  /** The decoder for {@code codec}, able to use a device of {@code hwType} when one is given. */
  static AVCodec find(MediaCodec codec, int hwType) throws DecoderUnavailableException {
    int id = codecId(codec);
    if (id == AV_CODEC_ID_NONE) {
      throw unavailable(codec);
    }
    if (id == AV_CODEC_ID_AV1) {
      AVCodec nativeAv1 = avcodec_find_decoder_by_name("av1");
      if (hwType != AV_HWDEVICE_TYPE_NONE && nativeAv1 != null && supports(nativeAv1, hwType)) {
        return nativeAv1;
      }
      for (String name : SOFTWARE_AV1) {
        AVCodec found = avcodec_find_decoder_by_name(name);
        if (found != null) {
          return found;
        }
      }
      throw new DecoderUnavailableException(
          "no software decoder for codec 'av1' in this FFmpeg build (looked for " + String.join(", ", SOFTWARE_AV1) + ")");
    }
    AVCodec found = avcodec_find_decoder(id);
    if (found == null) {
      throw unavailable(codec);
    }
    return found;
  }

  /** Whether {@code decoder} can decode on a device of {@code hwType} given as hw_device_ctx. */
  static boolean supports(AVCodec decoder, int hwType) {
    for (int i = 0; ; i++) {
      AVCodecHWConfig config = avcodec_get_hw_config(decoder, i);
      if (config == null || config.isNull()) {
        return false;
      }
      if ((config.methods() & AV_CODEC_HW_CONFIG_METHOD_HW_DEVICE_CTX) != 0 && config.device_type() == hwType) {
        return true;
      }
    }
  }

  static int codecId(MediaCodec codec) {
    return switch (codec) {
      case H264 -> AV_CODEC_ID_H264;
      case HEVC -> AV_CODEC_ID_HEVC;
      case AV1 -> AV_CODEC_ID_AV1;
      case VP9 -> AV_CODEC_ID_VP9;
      case VP8 -> AV_CODEC_ID_VP8;
      case AAC -> AV_CODEC_ID_AAC;
      case MP3 -> AV_CODEC_ID_MP3;
      case OPUS -> AV_CODEC_ID_OPUS;
      case FLAC -> AV_CODEC_ID_FLAC;
      case AC3 -> AV_CODEC_ID_AC3;
      case EAC3 -> AV_CODEC_ID_EAC3;
      case UNKNOWN_VIDEO, UNKNOWN_AUDIO -> AV_CODEC_ID_NONE;
    };
  }

  private static DecoderUnavailableException unavailable(MediaCodec codec) {
    String name = codec == MediaCodec.UNKNOWN_VIDEO || codec == MediaCodec.UNKNOWN_AUDIO
        ? "unknown " + codec.track().name().toLowerCase(java.util.Locale.ROOT)
        : codec.jsonName();
    return new DecoderUnavailableException("no decoder for codec '" + name + "' in this FFmpeg build");
  }
}
