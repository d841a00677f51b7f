package io.inlet.ingest.testing;

import java.util.Arrays;

/** Minimal legacy FLV audio and video message bodies, for clients that publish by hand. */
public final class FlvPayloads {

  private FlvPayloads() {}

  /** An AVC sequence header (the body is a stub; nothing here decodes it). */
  public static byte[] avcConfig() {
    return new byte[] {0x17, 0, 0, 0, 0, 1, 0x64, 0, 0x1F};
  }

  /** An AVC frame whose {@code length} data bytes are all {@code fill}. */
  public static byte[] avcFrame(boolean key, int fill, int length) {
    byte[] payload = new byte[5 + length];
    payload[0] = (byte) (key ? 0x17 : 0x27);
    payload[1] = 1;
    Arrays.fill(payload, 5, payload.length, (byte) fill);
    return payload;
  }

  /** An AAC sequence header (AudioSpecificConfig for 44.1 kHz stereo LC). */
  public static byte[] aacConfig() {
    return new byte[] {(byte) 0xAF, 0, 0x12, 0x10};
  }

  /** An AAC frame whose {@code length} data bytes are all {@code fill}. */
  public static byte[] aacFrame(int fill, int length) {
    byte[] payload = new byte[2 + length];
    payload[0] = (byte) 0xAF;
    payload[1] = 1;
    Arrays.fill(payload, 2, payload.length, (byte) fill);
    return payload;
  }
}
