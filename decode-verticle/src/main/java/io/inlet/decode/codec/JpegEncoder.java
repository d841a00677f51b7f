package io.inlet.decode.codec;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_FLAG_QSCALE;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_MJPEG;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_alloc_context3;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_encoder;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_free_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_open2;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_receive_packet;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_send_frame;
import static org.bytedeco.ffmpeg.global.avutil.AVCOL_RANGE_JPEG;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUVJ420P;
import static org.bytedeco.ffmpeg.global.avutil.FF_QP2LAMBDA;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_get_buffer;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_make_writable;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_unref;
import static org.bytedeco.ffmpeg.global.swscale.SWS_BICUBIC;
import static org.bytedeco.ffmpeg.global.swscale.sws_freeContext;
import static org.bytedeco.ffmpeg.global.swscale.sws_getCachedContext;
import static org.bytedeco.ffmpeg.global.swscale.sws_scale;

import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.avutil.AVRational;
import org.bytedeco.ffmpeg.swscale.SwsContext;
import org.bytedeco.javacpp.DoublePointer;

/**
 * Turns a decoded video frame into a JPEG at most {@code maxWidth} pixels wide (aspect kept): swscale
 * into YUVJ420P, then FFmpeg's mjpeg encoder at a fixed qscale. Keeps its scaler, picture and encoder
 * while the input size and format stay the same. For snapshots on demand, not for every frame; not
 * thread-safe.
 */
public final class JpegEncoder implements AutoCloseable {

  private final int maxWidth;
  private final int quality;
  private SwsContext scaler;
  private AVFrame scaled;
  private AVCodecContext encoder;
  private AVPacket packet;
  private long frameCount;
  private boolean closed;

  /**
   * @param maxWidth the widest JPEG to produce; narrower frames keep their size
   * @param quality the mjpeg qscale, 2 (best) to 31 (smallest)
   */
  public JpegEncoder(int maxWidth, int quality) {
    if (maxWidth < 2) {
      throw new IllegalArgumentException("maxWidth must be at least 2, was " + maxWidth);
    }
    if (quality < 2 || quality > 31) {
      throw new IllegalArgumentException("quality is an mjpeg qscale from 2 to 31, was " + quality);
    }
    this.maxWidth = maxWidth;
    this.quality = quality;
  }

  /** The JPEG bytes of {@code frame} (a software frame, any pixel format swscale reads). */
  public byte[] encode(AVFrame frame) {
    if (closed) {
      throw new IllegalStateException("JPEG encoder is closed");
    }
    if (frame.width() <= 0 || frame.height() <= 0 || frame.hw_frames_ctx() != null) {
      throw new IllegalArgumentException("not a decoded software video frame");
    }
    int width = Math.min(even(frame.width()), even(maxWidth));
    int height = Math.max(2, even((int) Math.round((double) frame.height() * width / frame.width())));
    prepare(width, height);
    scaler = sws_getCachedContext(scaler, frame.width(), frame.height(), frame.format(), width, height,
        AV_PIX_FMT_YUVJ420P, SWS_BICUBIC, null, null, (DoublePointer) null);
    if (scaler == null) {
      throw new IllegalArgumentException("swscale cannot convert pixel format " + frame.format() + " to YUVJ420P");
    }
    check(av_frame_make_writable(scaled), "make the picture writable");
    sws_scale(scaler, frame.data(), frame.linesize(), 0, frame.height(), scaled.data(), scaled.linesize());
    scaled.pts(frameCount++);
    check(avcodec_send_frame(encoder, scaled), "send the picture to mjpeg");
    check(avcodec_receive_packet(encoder, packet), "receive the JPEG");
    try {
      byte[] jpeg = new byte[packet.size()];
      packet.data().get(jpeg);
      return jpeg;
    } finally {
      av_packet_unref(packet);
    }
  }

  /** Allocates the picture and encoder for a {@code width} x {@code height} output unless they fit. */
  private void prepare(int width, int height) {
    if (encoder != null && encoder.width() == width && encoder.height() == height) {
      return;
    }
    releaseEncoder();
    if (packet == null) {
      packet = av_packet_alloc();
    }
    try {
      scaled = av_frame_alloc();
      scaled.format(AV_PIX_FMT_YUVJ420P).width(width).height(height).quality(FF_QP2LAMBDA * quality);
      check(av_frame_get_buffer(scaled, 0), "allocate a " + width + "x" + height + " picture");
      AVCodec mjpeg = avcodec_find_encoder(AV_CODEC_ID_MJPEG);
      if (mjpeg == null) {
        throw new IllegalStateException("this FFmpeg build has no mjpeg encoder");
      }
      encoder = avcodec_alloc_context3(mjpeg);
      encoder.width(width).height(height).pix_fmt(AV_PIX_FMT_YUVJ420P).color_range(AVCOL_RANGE_JPEG);
      try (AVRational timeBase = new AVRational().num(1).den(25)) {
        encoder.time_base(timeBase).thread_count(1);
      }
      encoder.flags(encoder.flags() | AV_CODEC_FLAG_QSCALE).global_quality(FF_QP2LAMBDA * quality);
      check(avcodec_open2(encoder, mjpeg, (AVDictionary) null), "open the mjpeg encoder");
    } catch (RuntimeException e) {
      releaseEncoder(); // never keep a half-built encoder for the next call
      throw e;
    }
  }

  private static int even(int value) {
    return Math.max(2, value & ~1);
  }

  private static void check(int ret, String what) {
    if (ret < 0) {
      throw new IllegalStateException("could not " + what + ": " + AvErrors.text(ret));
    }
  }

  private void releaseEncoder() {
    if (encoder != null) {
      avcodec_free_context(encoder);
      encoder = null;
    }
    if (scaled != null) {
      av_frame_unref(scaled);
      av_frame_free(scaled);
      scaled = null;
    }
  }

  /** Frees the scaler, picture, encoder and packet; safe to call again. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    releaseEncoder();
    if (packet != null) {
      av_packet_free(packet);
      packet = null;
    }
    if (scaler != null) {
      sws_freeContext(scaler);
      scaler = null;
    }
  }
}
