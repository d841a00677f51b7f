package io.inlet.decode.codec;

import static org.bytedeco.ffmpeg.global.avutil.av_free;
import static org.bytedeco.ffmpeg.global.avutil.av_image_copy_to_buffer;
import static org.bytedeco.ffmpeg.global.avutil.av_image_get_buffer_size;
import static org.bytedeco.ffmpeg.global.avutil.av_malloc;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.javacpp.BytePointer;

/**
 * MD5 of a decoded video frame exactly as {@code ffmpeg -f framemd5} hashes it: the planes in the
 * frame's own pixel format, in order, each row packed without padding (what
 * {@code av_image_copy_to_buffer} with align 1 writes). Reuses one native buffer; not thread-safe.
 */
public final class FrameHasher implements AutoCloseable {

  private final MessageDigest md5;
  private BytePointer packed;
  private long packedSize;

  public FrameHasher() {
    try {
      md5 = MessageDigest.getInstance("MD5");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("this JVM has no MD5", e);
    }
  }

  /** The lower-case hex MD5 of {@code frame}'s picture. */
  public String md5Hex(AVFrame frame) {
    int format = frame.format();
    int width = frame.width();
    int height = frame.height();
    int size = av_image_get_buffer_size(format, width, height, 1);
    if (size < 0) {
      throw new IllegalArgumentException("cannot hash a frame of pixel format " + format + " at " + width + "x" + height
          + ": " + AvErrors.text(size));
    }
    BytePointer buffer = buffer(size);
    int written = av_image_copy_to_buffer(buffer, size, frame.data(), frame.linesize(), format, width, height, 1);
    if (written < 0) {
      throw new IllegalArgumentException("cannot pack the frame's planes: " + AvErrors.text(written));
    }
    md5.reset();
    md5.update(buffer.limit(written).asByteBuffer());
    return HexFormat.of().formatHex(md5.digest());
  }

  private BytePointer buffer(int size) {
    if (packed == null || size > packedSize) {
      release();
      packed = new BytePointer(av_malloc(size));
      if (packed.isNull()) {
        packed = null;
        throw new OutOfMemoryError("could not allocate " + size + " bytes to hash a frame");
      }
      packedSize = size;
    }
    return packed.position(0).capacity(packedSize);
  }

  private void release() {
    if (packed != null) {
      av_free(packed);
      packed = null;
      packedSize = 0;
    }
  }

  /** Frees the native buffer; the hasher may be used again afterwards (it allocates anew). */
  @Override
  public void close() {
    release();
  }
}
