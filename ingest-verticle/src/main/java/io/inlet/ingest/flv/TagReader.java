package io.inlet.ingest.flv;

import io.inlet.ingest.ProtocolException;
import io.netty.buffer.ByteBuf;

/**
 * A bounds-checked cursor over one message payload (or one track's part of it). Every read checks
 * that the bytes are there first, so a short message becomes a {@link ProtocolException} that names
 * the field it ended in, never an IndexOutOfBoundsException from inside Netty.
 */
final class TagReader {

  private final ByteBuf buf;
  private final String what;

  /** Reads payload through a duplicate, so the caller's reader index does not move. */
  static TagReader over(ByteBuf payload, String what) {
    return new TagReader(payload.duplicate(), what);
  }

  private TagReader(ByteBuf buf, String what) {
    this.buf = buf;
    this.what = what;
  }

  int readable() {
    return buf.readableBytes();
  }

  boolean hasMore() {
    return buf.isReadable();
  }

  int u8(String field) {
    need(1, field);
    return buf.readUnsignedByte();
  }

  int u16(String field) {
    need(2, field);
    return buf.readUnsignedShort();
  }

  int u24(String field) {
    need(3, field);
    return buf.readUnsignedMedium();
  }

  /** A signed 24-bit big-endian value, sign-extended (composition times can be negative). */
  int s24(String field) {
    need(3, field);
    return buf.readMedium();
  }

  /** A 32-bit big-endian value such as a FourCC. */
  int u32(String field) {
    need(4, field);
    return buf.readInt();
  }

  void skip(int length, String field) {
    need(length, field);
    buf.skipBytes(length);
  }

  /** The next length bytes as a slice sharing the payload's memory. */
  ByteBuf slice(int length, String field) {
    need(length, field);
    return buf.readSlice(length);
  }

  /** Everything left, as a slice sharing the payload's memory. */
  ByteBuf rest() {
    return buf.readSlice(buf.readableBytes());
  }

  /** A reader confined to the next length bytes, for one track of a multitrack message. */
  TagReader sub(int length, String field) {
    return new TagReader(slice(length, field), what);
  }

  /** A reader over everything left. */
  TagReader subRest() {
    return new TagReader(rest(), what);
  }

  ProtocolException error(String reason) {
    return new ProtocolException(what + " " + reason);
  }

  private void need(int length, String field) {
    int left = buf.readableBytes();
    if (left < length) {
      throw error(
          "ends inside the " + field + " (needs " + length + " bytes, " + left + " left)");
    }
  }
}
