package io.inlet.ingest.amf;

/**
 * The AMF {@code undefined} value (AMF0 marker 0x06, AMF3 marker 0x00). Kept apart from Java
 * {@code null}, which stands for AMF {@code null}, because some clients send the two in different
 * argument positions and a command session may want to tell them apart.
 */
public enum Amf0Undefined {
  INSTANCE
}
