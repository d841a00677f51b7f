package io.inlet.decode.codec;

import static org.bytedeco.ffmpeg.global.avcodec.AVDISCARD_NONKEY;
import static org.bytedeco.ffmpeg.global.avcodec.AV_INPUT_BUFFER_PADDING_SIZE;
import static org.bytedeco.ffmpeg.global.avcodec.AV_PKT_FLAG_KEY;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_alloc_context3;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_flush_buffers;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_free_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_open2;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_receive_frame;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_send_packet;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EOF;
import static org.bytedeco.ffmpeg.global.avutil.AV_HWDEVICE_TYPE_NONE;
import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;
import static org.bytedeco.ffmpeg.global.avutil.av_buffer_ref;
import static org.bytedeco.ffmpeg.global.avutil.av_buffer_unref;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_copy_props;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_unref;
import static org.bytedeco.ffmpeg.global.avutil.av_hwframe_transfer_data;
import static org.bytedeco.ffmpeg.global.avutil.av_mallocz;

import io.inlet.bus.MediaCodec;
import io.inlet.bus.TrackKind;
import java.util.Objects;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avutil.AVBufferRef;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.avutil.AVRational;
import org.bytedeco.javacpp.BytePointer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One libavcodec decoder for one track: packets in (timed in milliseconds), frames out to a
 * {@link FrameHandler}. Not thread-safe; one caller at a time. Owns its native memory, freed in
 * {@link #close()} (also when {@link #open} fails half-way).
 */
public final class PacketDecoder implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(PacketDecoder.class);
  private static final int LOG_EVERY_ERRORS = 100;

  private final MediaCodec codec;
  private AVCodecContext context;
  private AVPacket packet;
  private AVFrame frame;
  private AVFrame transferFrame;
  private AVBufferRef hwDevice;
  private final PacketPayload payload = new PacketPayload();
  private String decoderName = "none";
  private long decodeErrors;
  private boolean closed;

  private PacketDecoder(MediaCodec codec) {
    this.codec = codec;
  }

  /**
   * Opens a decoder for {@code codec} with the sequence header's configuration record as
   * extradata (avcC, hvcC, av1C, vpcC, AudioSpecificConfig, OpusHead; empty for MP3).
   */
  public static PacketDecoder open(MediaCodec codec, byte[] extradata, DecoderSettings settings)
      throws DecoderUnavailableException {
    Objects.requireNonNull(codec, "codec");
    PacketDecoder decoder = new PacketDecoder(codec);
    try {
      decoder.init(extradata == null ? new byte[0] : extradata, settings == null ? DecoderSettings.DEFAULT : settings);
      return decoder;
    } catch (DecoderUnavailableException | RuntimeException e) {
      decoder.close();
      throw e;
    }
  }

  private void init(byte[] extradata, DecoderSettings settings) throws DecoderUnavailableException {
    int hwType = AV_HWDEVICE_TYPE_NONE;
    if (settings.hwaccel() != null) {
      hwType = HardwareDevice.type(settings.hwaccel());
      hwDevice = hwType == AV_HWDEVICE_TYPE_NONE ? null : HardwareDevice.create(settings.hwaccel(), hwType);
      hwType = hwDevice == null ? AV_HWDEVICE_TYPE_NONE : hwType;
    }
    AVCodec decoder = DecoderChoice.find(codec, hwType);
    decoderName = decoder.name().getString();
    if (hwDevice != null && !DecoderChoice.supports(decoder, hwType)) {
      LOG.warn("decoder '{}' cannot use hwaccel '{}'; decoding in software", decoderName, settings.hwaccel());
      av_buffer_unref(hwDevice);
      hwDevice = null;
    }
    context = avcodec_alloc_context3(decoder);
    packet = av_packet_alloc();
    frame = av_frame_alloc();
    if (context == null || packet == null || frame == null) {
      throw new OutOfMemoryError("libavcodec could not allocate a decoder for " + codec.jsonName());
    }
    try (AVRational millis = new AVRational().num(1).den(1000)) { // copied into the context; freed here, not by GC
      context.pkt_timebase(millis).time_base(millis);
    }
    context.thread_count(settings.threads());
    if (settings.frames() == DecodeFrames.KEYFRAMES && codec.track() == TrackKind.VIDEO) {
      context.skip_frame(AVDISCARD_NONKEY);
    }
    if (extradata.length > 0) {
      // Owned by the context from here on: avcodec_free_context frees it.
      BytePointer copy = new BytePointer(av_mallocz(extradata.length + AV_INPUT_BUFFER_PADDING_SIZE));
      if (copy.isNull()) {
        throw new OutOfMemoryError("could not allocate " + extradata.length + " bytes of extradata");
      }
      copy.capacity(extradata.length).put(extradata, 0, extradata.length);
      context.extradata(copy).extradata_size(extradata.length);
    }
    if (hwDevice != null) {
      context.hw_device_ctx(av_buffer_ref(hwDevice));
      transferFrame = av_frame_alloc();
    }
    int ret = avcodec_open2(context, decoder, (AVDictionary) null);
    if (ret < 0) {
      throw new DecoderUnavailableException("decoder '" + decoderName + "' refused the " + codec.jsonName()
          + " configuration (" + extradata.length + " bytes of extradata): " + AvErrors.text(ret));
    }
  }

  /**
   * Sends one packet and hands every frame that becomes available to {@code out}. A decode error
   * is counted ({@link #decodeErrors()}) and logged once per {@value #LOG_EVERY_ERRORS} errors,
   * never thrown.
   */
  public void decode(byte[] data, int offset, int length, long dtsMillis, long ptsMillis, boolean keyframe,
      FrameHandler out) {
    ensureOpen();
    Objects.checkFromIndexSize(offset, length, data.length);
    if (length == 0) {
      return; // an empty packet would start draining; a stream's empty tag carries no picture
    }
    payload.fill(packet, data, offset, length);
    packet.pts(ptsMillis).dts(dtsMillis).flags(keyframe ? AV_PKT_FLAG_KEY : 0);
    int ret = avcodec_send_packet(context, packet);
    if (ret == AvErrors.EAGAIN) {
      receiveAll(out);
      ret = avcodec_send_packet(context, packet);
    }
    if (ret < 0 && ret != AvErrors.EAGAIN) {
      countError(ret, ptsMillis);
    }
    receiveAll(out);
  }

  /** Drains the decoder (end of stream), then resets it so that it can decode a new stream. */
  public void flush(FrameHandler out) {
    ensureOpen();
    if (avcodec_send_packet(context, null) >= 0) {
      // receiveAll returns early when one frame fails to decode; the drain goes on to EOF.
      int ret;
      int failures = 0;
      do {
        ret = receiveAll(out);
      } while (ret != AVERROR_EOF && ret != AvErrors.EAGAIN && ++failures < 1000);
    }
    avcodec_flush_buffers(context);
  }

  public long decodeErrors() {
    return decodeErrors;
  }

  public String decoderName() {
    return decoderName;
  }

  public boolean hardware() {
    return hwDevice != null;
  }

  public MediaCodec codec() {
    return codec;
  }

  /** Frees the codec context, packet, frames, payload buffer and device; safe to call again. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (packet != null) {
      PacketPayload.detach(packet); // the payload buffer is not the packet's to free
      av_packet_free(packet);
      packet = null;
    }
    payload.close();
    if (frame != null) {
      av_frame_free(frame);
      frame = null;
    }
    if (transferFrame != null) {
      av_frame_free(transferFrame);
      transferFrame = null;
    }
    if (context != null) {
      avcodec_free_context(context); // also frees extradata and its hw_device_ctx reference
      context = null;
    }
    if (hwDevice != null) {
      av_buffer_unref(hwDevice);
      hwDevice = null;
    }
  }

  /** Receives frames until the decoder wants input (EAGAIN), is drained (EOF) or fails. */
  private int receiveAll(FrameHandler out) {
    while (true) {
      int ret = avcodec_receive_frame(context, frame);
      if (ret == AvErrors.EAGAIN || ret == AVERROR_EOF) {
        return ret;
      }
      if (ret < 0) {
        countError(ret, AV_NOPTS_VALUE);
        return ret;
      }
      try {
        deliver(out);
      } finally {
        av_frame_unref(frame);
      }
    }
  }

  private void deliver(FrameHandler out) {
    if (frame.hw_frames_ctx() == null || frame.hw_frames_ctx().isNull()) {
      out.onFrame(frame, ptsOf(frame));
      return;
    }
    try {
      int ret = av_hwframe_transfer_data(transferFrame, frame, 0);
      if (ret < 0) {
        countError(ret, ptsOf(frame));
        return;
      }
      av_frame_copy_props(transferFrame, frame);
      out.onFrame(transferFrame, ptsOf(transferFrame));
    } finally {
      av_frame_unref(transferFrame);
    }
  }

  private static long ptsOf(AVFrame decoded) {
    long best = decoded.best_effort_timestamp();
    return best != AV_NOPTS_VALUE ? best : decoded.pts();
  }

  private void countError(int error, long ptsMillis) {
    decodeErrors++;
    if (decodeErrors % LOG_EVERY_ERRORS == 1) {
      LOG.warn("{} decoder '{}': {} at pts {} ms ({} decode errors so far; logged once per {})", codec.jsonName(),
          decoderName, AvErrors.text(error), ptsMillis == AV_NOPTS_VALUE ? "?" : ptsMillis, decodeErrors,
          LOG_EVERY_ERRORS);
    }
  }

  private void ensureOpen() {
    if (closed) {
      throw new IllegalStateException("decoder for " + codec.jsonName() + " is closed");
    }
  }
}
