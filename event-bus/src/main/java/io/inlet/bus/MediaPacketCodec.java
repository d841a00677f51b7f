package io.inlet.bus;

import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;

/**
 * Binary event-bus codec for {@link MediaPacket}. Inside one JVM the packet object itself is handed
 * over (no copy); between nodes it travels as a compact header followed by the payload.
 *
 * <p>Wire layout (big-endian): version(1) | nameLength(2) name(UTF-8) | sequence(8) | codec(1) |
 * kind(1) | flags(1) | dts(8) | pts(8) | receivedAtMicros(8) | dataLength(4) data.
 */
public final class MediaPacketCodec extends ZeroCopyCodec<MediaPacket> {

  public static final String NAME = "inlet.media-packet";

  public MediaPacketCodec() {
    super(NAME);
  }
  private static final byte VERSION = 1;
  private static final int FLAG_KEYFRAME = 1;

  @Override
  public void encodeToWire(Buffer buffer, MediaPacket packet) {
    byte[] name = packet.stream().getBytes(StandardCharsets.UTF_8);
    buffer.appendByte(VERSION);
    buffer.appendUnsignedShort(name.length);
    buffer.appendBytes(name);
    buffer.appendLong(packet.sequence());
    buffer.appendByte((byte) packet.codec().ordinal());
    buffer.appendByte((byte) packet.kind().ordinal());
    buffer.appendByte((byte) (packet.keyframe() ? FLAG_KEYFRAME : 0));
    buffer.appendLong(packet.dts());
    buffer.appendLong(packet.pts());
    buffer.appendLong(packet.receivedAtMicros());
    buffer.appendInt(packet.data().length());
    buffer.appendBuffer(packet.data());
  }

  @Override
  public MediaPacket decodeFromWire(int pos, Buffer buffer) {
    int at = pos;
    byte version = buffer.getByte(at);
    if (version != VERSION) {
      throw new IllegalStateException("media packet wire version " + version + " is not " + VERSION);
    }
    at += 1;
    int nameLength = buffer.getUnsignedShort(at);
    at += 2;
    String name = buffer.getString(at, at + nameLength, StandardCharsets.UTF_8.name());
    at += nameLength;
    long sequence = buffer.getLong(at);
    at += 8;
    MediaCodec codec = MediaCodec.ofOrdinal(buffer.getByte(at));
    at += 1;
    PacketKind kind = PacketKind.values()[buffer.getByte(at)];
    at += 1;
    boolean keyframe = (buffer.getByte(at) & FLAG_KEYFRAME) != 0;
    at += 1;
    long dts = buffer.getLong(at);
    at += 8;
    long pts = buffer.getLong(at);
    at += 8;
    long receivedAt = buffer.getLong(at);
    at += 8;
    int length = buffer.getInt(at);
    at += 4;
    Buffer data = buffer.getBuffer(at, at + length);
    return new MediaPacket(name, sequence, codec.track(), codec, kind, keyframe, dts, pts, receivedAt, data);
  }
}
