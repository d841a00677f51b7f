package io.inlet.bus;

import io.vertx.core.buffer.Buffer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * Event-bus codec for {@link PacketBatch}: version(1) | nameLength(2) name | lastSequence(8) |
 * count(4), then each {@link MediaPacket} prefixed by its encoded length(4), in the packet codec's
 * form: each carries its age, rebuilt on the receiver's clock (see {@link MediaPacketCodec}).
 */
public final class PacketBatchCodec extends ZeroCopyCodec<PacketBatch> {

  public static final String NAME = "inlet.packet-batch";
  /** Far above any keyframe cache a node keeps; a larger count is a corrupt or hostile batch. */
  static final int MAX_PACKETS = 1 << 20;
  /** 2: the packets carry their age instead of an epoch time. */
  private static final int VERSION = 2;

  private final MediaPacketCodec packetCodec;

  /** A codec on this JVM's {@link System#nanoTime()}, the clock packets are stamped with. */
  public PacketBatchCodec() {
    this(System::nanoTime);
  }

  /** A codec reading {@code nanoClock} for the packets' ages. */
  public PacketBatchCodec(LongSupplier nanoClock) {
    super(NAME);
    this.packetCodec = new MediaPacketCodec(nanoClock);
  }

  @Override
  public void encodeToWire(Buffer buffer, PacketBatch batch) {
    WireWriter out = new WireWriter(buffer).u8(VERSION).string(batch.stream()).i64(batch.lastSequence())
        .i32(batch.packets().size());
    for (MediaPacket packet : batch.packets()) {
      int lengthAt = out.length();
      out.i32(0);
      packetCodec.encodeToWire(buffer, packet);
      out.patchInt(lengthAt, out.length() - lengthAt - 4);
    }
  }

  @Override
  public PacketBatch decodeFromWire(int pos, Buffer buffer) {
    WireReader in = new WireReader(buffer, pos, "packet batch");
    in.version(VERSION);
    String name = in.string("stream name");
    long lastSequence = in.i64("lastSequence");
    int count = in.count("packets", MAX_PACKETS, 4 + MediaPacketCodec.MIN_WIRE_BYTES);
    List<MediaPacket> packets = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      int length = in.length("packet", Integer.MAX_VALUE);
      int start = in.position();
      packets.add(packetCodec.read(in));
      // A packet must take exactly the bytes its length says: anything else is a corrupt batch.
      if (in.position() - start != length) {
        throw new WireFormatException("packet batch: packet " + i + " took " + (in.position() - start)
            + " bytes but declared " + length);
      }
    }
    return new PacketBatch(name, lastSequence, packets);
  }
}
