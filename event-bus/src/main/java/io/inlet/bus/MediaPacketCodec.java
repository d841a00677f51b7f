package io.inlet.bus;

import io.vertx.core.buffer.Buffer;
import java.util.function.LongSupplier;

/**
 * Binary event-bus codec for {@link MediaPacket}, the per-packet hot path. Inside one JVM the packet
 * object itself is handed over (no copy; its arrival time stays on the same clock); between nodes it
 * travels as a compact header followed by the payload.
 *
 * <p>Wire layout (big-endian): version(1) | nameLength(2) name(UTF-8) | sequence(8) | codec wire
 * id(1) | kind wire id(1) | flags(1) | dts(8) | pts(8) | ageNanos(8) | dataLength(4) data.
 *
 * <p>No absolute time crosses the wire: {@link MediaPacket#receivedAtNanos()} is a reading of the
 * sender's monotonic clock, meaningless on another machine. The sender writes the packet's age (how
 * long ago its last byte arrived, at encoding time) and the receiver rebuilds the arrival on its own
 * clock as "now minus that age". The time the packet spends in transit on the bus (well under a
 * millisecond on a LAN) is therefore not counted in the receiver's figures: that is the price of never
 * comparing two machines' clocks, whose skew can be seconds.
 */
public final class MediaPacketCodec extends ZeroCopyCodec<MediaPacket> {

  public static final String NAME = "inlet.media-packet";
  /** No packet payload is larger than an RTMP message, whose length field has 24 bits. */
  static final int MAX_DATA_BYTES = 0xFFFFFF;
  /** The fewest bytes one encoded packet takes (an empty name and no data). */
  static final int MIN_WIRE_BYTES = 1 + 2 + 8 + 1 + 1 + 1 + 8 + 8 + 8 + 4;
  /** 3: the arrival time became the packet's age (it was an epoch time in 2). */
  private static final int VERSION = 3;
  private static final int FLAG_KEYFRAME = 1;

  private final LongSupplier nanoClock;

  /** A codec on this JVM's {@link System#nanoTime()}, the clock packets are stamped with. */
  public MediaPacketCodec() {
    this(System::nanoTime);
  }

  /** A codec reading {@code nanoClock} for ages: tests stand in for two machines' clocks with it. */
  public MediaPacketCodec(LongSupplier nanoClock) {
    super(NAME);
    this.nanoClock = nanoClock;
  }

  @Override
  public void encodeToWire(Buffer buffer, MediaPacket packet) {
    // A packet cannot arrive in the future; should a caller stamp one so, it is as fresh as can be.
    long ageNanos = Math.max(0, nanoClock.getAsLong() - packet.receivedAtNanos());
    new WireWriter(buffer)
        .u8(VERSION)
        .string(packet.stream())
        .i64(packet.sequence())
        .u8(packet.codec().wireId())
        .u8(packet.kind().wireId())
        .u8(packet.keyframe() ? FLAG_KEYFRAME : 0)
        .i64(packet.dts())
        .i64(packet.pts())
        .i64(ageNanos)
        .bytes(packet.data());
  }

  @Override
  public MediaPacket decodeFromWire(int pos, Buffer buffer) {
    return read(new WireReader(buffer, pos, "media packet"));
  }

  /** One packet at the reader's position; its arrival rebuilt on this codec's clock. */
  MediaPacket read(WireReader in) {
    in.version(VERSION);
    String name = in.string("stream name");
    long sequence = in.i64("sequence");
    MediaCodec codec = MediaCodec.ofWireId(in.u8("codec"));
    PacketKind kind = PacketKind.ofWireId(in.u8("kind"));
    boolean keyframe = (in.u8("flags") & FLAG_KEYFRAME) != 0;
    long dts = in.i64("dts");
    long pts = in.i64("pts");
    long ageNanos = in.i64("ageNanos");
    if (ageNanos < 0) {
      throw new WireFormatException("media packet: age " + ageNanos + " ns is negative");
    }
    Buffer data = in.bytes(in.length("data", MAX_DATA_BYTES));
    long receivedAtNanos = nanoClock.getAsLong() - ageNanos;
    return new MediaPacket(name, sequence, codec.track(), codec, kind, keyframe, dts, pts, receivedAtNanos, data);
  }
}
