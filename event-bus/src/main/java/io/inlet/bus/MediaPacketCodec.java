package io.inlet.bus;

import io.vertx.core.buffer.Buffer;

/**
 * Binary event-bus codec for {@link MediaPacket}, the per-packet hot path. Inside one JVM the packet
 * object itself is handed over (no copy); between nodes it travels as a compact header followed by
 * the payload.
 *
 * <p>Wire layout (big-endian): version(1) | nameLength(2) name(UTF-8) | sequence(8) | codec wire
 * id(1) | kind wire id(1) | flags(1) | dts(8) | pts(8) | receivedAtMicros(8) | dataLength(4) data.
 */
public final class MediaPacketCodec extends ZeroCopyCodec<MediaPacket> {

  public static final String NAME = "inlet.media-packet";
  /** No packet payload is larger than an RTMP message, whose length field has 24 bits. */
  static final int MAX_DATA_BYTES = 0xFFFFFF;
  /** The fewest bytes one encoded packet takes (an empty name and no data). */
  static final int MIN_WIRE_BYTES = 1 + 2 + 8 + 1 + 1 + 1 + 8 + 8 + 8 + 4;
  private static final int VERSION = 2;
  private static final int FLAG_KEYFRAME = 1;

  public MediaPacketCodec() {
    super(NAME);
  }

  @Override
  public void encodeToWire(Buffer buffer, MediaPacket packet) {
    new WireWriter(buffer)
        .u8(VERSION)
        .string(packet.stream())
        .i64(packet.sequence())
        .u8(packet.codec().wireId())
        .u8(packet.kind().wireId())
        .u8(packet.keyframe() ? FLAG_KEYFRAME : 0)
        .i64(packet.dts())
        .i64(packet.pts())
        .i64(packet.receivedAtMicros())
        .bytes(packet.data());
  }

  @Override
  public MediaPacket decodeFromWire(int pos, Buffer buffer) {
    return read(new WireReader(buffer, pos, "media packet"));
  }

  static MediaPacket read(WireReader in) {
    in.version(VERSION);
    String name = in.string("stream name");
    long sequence = in.i64("sequence");
    MediaCodec codec = MediaCodec.ofWireId(in.u8("codec"));
    PacketKind kind = PacketKind.ofWireId(in.u8("kind"));
    boolean keyframe = (in.u8("flags") & FLAG_KEYFRAME) != 0;
    long dts = in.i64("dts");
    long pts = in.i64("pts");
    long receivedAt = in.i64("receivedAtMicros");
    Buffer data = in.bytes(in.length("data", MAX_DATA_BYTES));
    return new MediaPacket(name, sequence, codec.track(), codec, kind, keyframe, dts, pts, receivedAt, data);
  }
}
