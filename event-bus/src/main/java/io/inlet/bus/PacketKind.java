package io.inlet.bus;

/** What a {@link MediaPacket} carries. */
public enum PacketKind {
  /** Codec configuration (a sequence header): AVCDecoderConfigurationRecord, AudioSpecificConfig, OpusHead... */
  CONFIG,
  /** One coded frame (an access unit, or one audio frame). */
  FRAME,
  /** End of sequence: the decoder should flush. Carries no data. */
  END
}
