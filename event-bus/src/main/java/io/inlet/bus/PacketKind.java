package io.inlet.bus;

/**
 * What a {@link MediaPacket} carries. {@link #wireId()} is what the binary codec carries: fixed per
 * kind, never reused, independent of the declaration order.
 */
public enum PacketKind {
  /** Codec configuration (a sequence header): AVCDecoderConfigurationRecord, AudioSpecificConfig, OpusHead... */
  CONFIG(1),
  /** One coded frame (an access unit, or one audio frame). */
  FRAME(2),
  /** End of sequence: the decoder should flush. Carries no data. */
  END(3);

  private static final PacketKind[] VALUES = values();

  private final int wireId;

  PacketKind(int wireId) {
    this.wireId = wireId;
  }

  /** This kind's stable identity on the wire (one byte). */
  public int wireId() {
    return wireId;
  }

  /** The kind with this wire id; an id this node does not know is a {@link WireFormatException}. */
  public static PacketKind ofWireId(int wireId) {
    for (PacketKind kind : VALUES) {
      if (kind.wireId == wireId) {
        return kind;
      }
    }
    throw new WireFormatException("unknown packet kind wire id " + wireId);
  }
}
