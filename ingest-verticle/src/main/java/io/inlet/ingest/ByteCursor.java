package io.inlet.ingest;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;

/**
 * The one bounded reader the protocol layers share (AMF values, FLV tags, message payloads): every
 * read checks that its bytes are there first, so a short or lying payload becomes a
 * {@link ProtocolException} that names the field it ended in, never an IndexOutOfBoundsException
 * from inside Netty, and a declared length is compared with what is readable before anything is
 * allocated for it.
 *
 * <p>It reads complete payloads (the chunk layer has reassembled them), so running out of bytes is
 * always the peer's fault. Big-endian, as everything in RTMP but one chunk header field.
 */
public final class ByteCursor {

  private final ByteBuf buf;
  private final String what;

  private ByteCursor(ByteBuf buf, String what) {
    this.buf = buf;
    this.what = what;
  }

  /**
   * A cursor over {@code payload}'s readable bytes that reads a duplicate, so the caller's reader
   * index does not move and the same payload can still be handed on.
   *
   * @param what names the payload in error reasons ("video message")
   */
  public static ByteCursor over(ByteBuf payload, String what) {
    return new ByteCursor(payload.duplicate(), what);
  }

  /** A cursor that reads {@code in} itself, advancing its reader index as values are read. */
  public static ByteCursor on(ByteBuf in, String what) {
    return new ByteCursor(in, what);
  }

  public int readable() {
    return buf.readableBytes();
  }

  public boolean hasMore() {
    return buf.isReadable();
  }

  public int u8(String field) {
    need(1, field);
    return buf.readUnsignedByte();
  }

  public int u16(String field) {
    need(2, field);
    return buf.readUnsignedShort();
  }

  public short s16(String field) {
    need(2, field);
    return buf.readShort();
  }

  public int u24(String field) {
    need(3, field);
    return buf.readUnsignedMedium();
  }

  /** A signed 24-bit value, sign-extended (composition times can be negative). */
  public int s24(String field) {
    need(3, field);
    return buf.readMedium();
  }

  /** A 32-bit value as Java's int, for FourCCs and other values used as bit patterns. */
  public int i32(String field) {
    need(4, field);
    return buf.readInt();
  }

  public long u32(String field) {
    need(4, field);
    return buf.readUnsignedInt();
  }

  public double f64(String field) {
    need(8, field);
    return buf.readDouble();
  }

  /** {@code length} bytes of UTF-8; malformed UTF-8 decodes with replacement characters. */
  public String utf8(long length, String field) {
    need(length, field);
    int n = (int) length; // fits: it is at most readable()
    String s = buf.toString(buf.readerIndex(), n, StandardCharsets.UTF_8);
    buf.skipBytes(n);
    return s;
  }

  /** {@code length} bytes copied out, for the rare value that must outlive the payload. */
  public byte[] bytes(int length, String field) {
    need(length, field);
    byte[] bytes = new byte[length];
    buf.readBytes(bytes);
    return bytes;
  }

  public void skip(int length, String field) {
    need(length, field);
    buf.skipBytes(length);
  }

  /** The next {@code length} bytes as a slice sharing the payload's memory (no copy). */
  public ByteBuf slice(int length, String field) {
    need(length, field);
    return buf.readSlice(length);
  }

  /** Everything left, as a slice sharing the payload's memory. */
  public ByteBuf rest() {
    return buf.readSlice(buf.readableBytes());
  }

  /** A cursor confined to the next {@code length} bytes (one track, one sub-tag). */
  public ByteCursor sub(int length, String field) {
    return new ByteCursor(slice(length, field), what);
  }

  /** A cursor over everything left. */
  public ByteCursor subRest() {
    return new ByteCursor(rest(), what);
  }

  /** Fixed-size payloads (protocol control, user control events) have exactly one valid size. */
  public void requireLength(int expected) {
    if (buf.readableBytes() != expected) {
      throw ProtocolException.malformed(
          what + " payload is " + buf.readableBytes() + " bytes, expected " + expected);
    }
  }

  /**
   * Rejects a declared element count that cannot fit in the bytes left, given that every element
   * takes at least one byte: this is what lets a caller size a list by the count.
   */
  public void plausibleCount(long count, String field) {
    if (count > buf.readableBytes()) {
      throw ProtocolException.malformed(
          field + " declares " + count + " elements but only " + buf.readableBytes()
              + " bytes remain");
    }
  }

  /** A MALFORMED failure whose reason starts with what this cursor reads. */
  public ProtocolException malformed(String reason) {
    return ProtocolException.malformed(what + " " + reason);
  }

  /** A LIMIT_EXCEEDED failure whose reason starts with what this cursor reads. */
  public ProtocolException limitExceeded(String reason) {
    return ProtocolException.limitExceeded(what + " " + reason);
  }

  private void need(long length, String field) {
    int left = buf.readableBytes();
    if (left < length) {
      throw malformed(
          "ends inside the " + field + " (needs " + length + " bytes, " + left + " left)");
    }
  }
}
