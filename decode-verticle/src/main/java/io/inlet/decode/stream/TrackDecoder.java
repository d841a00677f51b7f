package io.inlet.decode.stream;

import io.inlet.bus.MediaCodec;
import io.inlet.bus.MediaPacket;
import io.inlet.decode.codec.DecoderSettings;
import io.inlet.decode.codec.DecoderUnavailableException;
import io.inlet.decode.codec.FrameHandler;
import io.inlet.decode.codec.PacketDecoder;
import java.util.Arrays;
import java.util.function.Consumer;

/**
 * One track of a stream (its video or its audio): the current codec configuration and the
 * libavcodec decoder opened for it. A new configuration (resolution change, encoder restart)
 * drains the old decoder and opens a new one; the stream goes on.
 */
final class TrackDecoder implements AutoCloseable {

  private final DecoderSettings settings;
  private final Consumer<String> notice;
  private MediaCodec codec;
  private byte[] config;
  private PacketDecoder decoder;
  private String unavailableReason;
  private byte[] scratch = new byte[64 * 1024];

  TrackDecoder(DecoderSettings settings, Consumer<String> notice) {
    this.settings = settings;
    this.notice = notice;
  }

  /** A sequence header: reopens the decoder when it differs from the current one. */
  void configure(MediaPacket packet, FrameHandler drainTo) {
    byte[] newConfig = packet.data().getBytes();
    if (decoder != null && packet.codec() == codec && Arrays.equals(newConfig, config)) {
      return; // encoders repeat their sequence header; same configuration, same decoder
    }
    closeDecoder(drainTo);
    codec = packet.codec();
    config = newConfig;
    open();
  }

  /** A coded frame; opens a decoder first for codecs that have no sequence header (MP3). */
  void decode(MediaPacket packet, FrameHandler out) {
    if (decoder == null && unavailableReason == null && (codec != packet.codec() || config == null)) {
      codec = packet.codec();
      config = new byte[0];
      open();
    }
    if (decoder == null) {
      return;
    }
    int length = packet.data().length();
    if (scratch.length < length) {
      scratch = new byte[Math.max(length, scratch.length * 2)];
    }
    packet.data().getBytes(0, length, scratch, 0);
    decoder.decode(scratch, 0, length, packet.dts(), packet.pts(), packet.keyframe(), out);
  }

  /**
   * End of sequence: drains the decoder's held frames and resets it, keeping its configuration: an
   * encoder that goes on after an end-of-sequence without a new sequence header (FFmpeg writes one at
   * the end of every FLV file, and a looped file goes on after it) is decoded on from its next
   * keyframe; a new sequence header replaces the configuration as usual.
   */
  void end(FrameHandler drainTo) {
    if (decoder != null) {
      decoder.flush(drainTo);
    }
  }

  boolean decodable() {
    return unavailableReason == null;
  }

  MediaCodec codec() {
    return codec;
  }

  @Override
  public void close() {
    if (decoder != null) {
      decoder.close();
      decoder = null;
    }
  }

  /** Drains remaining frames into {@code drainTo}, then frees the decoder. */
  void closeDecoder(FrameHandler drainTo) {
    if (decoder != null) {
      try {
        decoder.flush(drainTo);
      } finally {
        decoder.close();
        decoder = null;
      }
    }
  }

  private void open() {
    try {
      decoder = PacketDecoder.open(codec, config, settings);
      unavailableReason = null;
    } catch (DecoderUnavailableException e) {
      if (unavailableReason == null) {
        notice.accept(codec.track().name().toLowerCase() + " codec " + codec.jsonName()
            + " cannot be decoded here (" + e.getMessage() + "); the stream stays up, undecoded");
      }
      unavailableReason = e.getMessage();
    }
  }
}
