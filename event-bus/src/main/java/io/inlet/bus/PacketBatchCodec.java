package io.inlet.bus;

import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Event-bus codec for {@link PacketBatch}: a count followed by length-prefixed {@link MediaPacket}s. */
public final class PacketBatchCodec extends ZeroCopyCodec<PacketBatch> {

  public static final String NAME = "inlet.packet-batch";

  public PacketBatchCodec() {
    super(NAME);
  }
  private final MediaPacketCodec packetCodec = new MediaPacketCodec();

  @Override
  public void encodeToWire(Buffer buffer, PacketBatch batch) {
    byte[] name = batch.stream().getBytes(StandardCharsets.UTF_8);
    buffer.appendUnsignedShort(name.length).appendBytes(name);
    buffer.appendLong(batch.lastSequence());
    buffer.appendInt(batch.packets().size());
    for (MediaPacket packet : batch.packets()) {
      int lengthAt = buffer.length();
      buffer.appendInt(0);
      packetCodec.encodeToWire(buffer, packet);
      buffer.setInt(lengthAt, buffer.length() - lengthAt - 4);
    }
  }

  @Override
  public PacketBatch decodeFromWire(int pos, Buffer buffer) {
    int at = pos;
    int nameLength = buffer.getUnsignedShort(at);
    at += 2;
    String name = buffer.getString(at, at + nameLength, StandardCharsets.UTF_8.name());
    at += nameLength;
    long lastSequence = buffer.getLong(at);
    at += 8;
    int count = buffer.getInt(at);
    at += 4;
    List<MediaPacket> packets = new ArrayList<>(Math.min(count, 4096));
    for (int i = 0; i < count; i++) {
      int length = buffer.getInt(at);
      at += 4;
      packets.add(packetCodec.decodeFromWire(at, buffer));
      at += length;
    }
    return new PacketBatch(name, lastSequence, packets);
  }
}
