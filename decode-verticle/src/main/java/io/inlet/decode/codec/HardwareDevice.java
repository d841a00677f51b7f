package io.inlet.decode.codec;

import static org.bytedeco.ffmpeg.global.avutil.AV_HWDEVICE_TYPE_NONE;
import static org.bytedeco.ffmpeg.global.avutil.av_hwdevice_ctx_create;
import static org.bytedeco.ffmpeg.global.avutil.av_hwdevice_find_type_by_name;

import org.bytedeco.ffmpeg.avutil.AVBufferRef;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.PointerPointer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Opens a hardware device context (CUDA, VAAPI, Vulkan) for a decoder, or says in one line why not. */
final class HardwareDevice {

  private static final Logger LOG = LoggerFactory.getLogger(HardwareDevice.class);

  private HardwareDevice() {}

  /** The device type for an hwaccel name, or {@code AV_HWDEVICE_TYPE_NONE} (logged) when FFmpeg knows none. */
  static int type(String hwaccel) {
    int type = av_hwdevice_find_type_by_name(hwaccel);
    if (type == AV_HWDEVICE_TYPE_NONE) {
      LOG.warn("hwaccel '{}' is not a device type FFmpeg knows; decoding in software", hwaccel);
    }
    return type;
  }

  /**
   * A new reference to a device of {@code type} (the caller unrefs it), or {@code null} after
   * logging one line when the device cannot be opened on this machine.
   */
  static AVBufferRef create(String hwaccel, int type) {
    try (PointerPointer<AVBufferRef> out = new PointerPointer<>(1)) {
      out.put(0, null);
      int ret = av_hwdevice_ctx_create(out, type, (BytePointer) null, null, 0);
      if (ret < 0 || out.get(0) == null) {
        LOG.warn("hwaccel '{}' unavailable ({}); decoding in software", hwaccel, AvErrors.text(ret));
        return null;
      }
      return new AVBufferRef(out.get(0));
    }
  }
}
