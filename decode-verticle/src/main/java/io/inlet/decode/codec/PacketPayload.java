package io.inlet.decode.codec;

import static org.bytedeco.ffmpeg.global.avcodec.AV_INPUT_BUFFER_PADDING_SIZE;
import static org.bytedeco.ffmpeg.global.avutil.av_buffer_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_buffer_is_writable;
import static org.bytedeco.ffmpeg.global.avutil.av_buffer_unref;

import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avutil.AVBufferRef;
import org.bytedeco.javacpp.BytePointer;

/**
 * The native, padded, reference-counted buffer a decoder's packets are copied into. It is reused
 * while the decoder holds no reference to it (the usual case with one thread); when the decoder
 * still holds the previous payload (frame threads, libdav1d), that buffer is left to it and a new
 * one is taken, so a payload is never overwritten under the decoder. Grows by doubling.
 */
final class PacketPayload implements AutoCloseable {

  private static final int MIN_CAPACITY = 64 * 1024;
  private static final byte[] PADDING = new byte[AV_INPUT_BUFFER_PADDING_SIZE];

  private AVBufferRef buffer;
  private BytePointer data;
  private long capacity;

  /**
   * Copies {@code bytes[offset, offset + length)} into the buffer, zeroes the padding after it, and
   * points {@code packet}'s buf, data and size at it (the packet borrows the reference: call
   * {@link #detach} before freeing the packet).
   */
  void fill(AVPacket packet, byte[] bytes, int offset, int length) {
    if (buffer == null || length > capacity || av_buffer_is_writable(buffer) != 1) {
      detach(packet);
      replace(length);
    }
    data.position(0).put(bytes, offset, length);
    data.position(length).put(PADDING, 0, PADDING.length).position(0); // decoders may read past the end
    packet.buf(buffer).data(data).size(length);
  }

  /** Takes this buffer out of {@code packet}, so that freeing the packet leaves it alone. */
  static void detach(AVPacket packet) {
    packet.buf(null).data(null).size(0);
  }

  private void replace(int length) {
    long wanted = Math.max(length, MIN_CAPACITY);
    if (buffer != null) {
      wanted = Math.max(wanted, length > capacity ? capacity * 2 : capacity);
      release();
    }
    AVBufferRef fresh = av_buffer_alloc(wanted + AV_INPUT_BUFFER_PADDING_SIZE);
    if (fresh == null || fresh.isNull()) {
      throw new OutOfMemoryError("could not allocate a " + wanted + "-byte packet buffer");
    }
    buffer = fresh;
    capacity = wanted;
    data = buffer.data().capacity(wanted + AV_INPUT_BUFFER_PADDING_SIZE);
  }

  private void release() {
    if (buffer != null) {
      av_buffer_unref(buffer); // the decoder's own reference, if any, keeps the bytes alive for it
      buffer = null;
      data = null;
      capacity = 0;
    }
  }

  /** Drops this side's reference; call after {@link #detach} on every packet that borrowed it. */
  @Override
  public void close() {
    release();
  }
}
