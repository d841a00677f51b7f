package io.inlet.bus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.buffer.Buffer;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The wire formats between nodes, and the zero-copy hand-over inside one JVM. */
class CodecsTest {

  private static final MediaPacket VIDEO = new MediaPacket("cäm-1", 42, TrackKind.VIDEO, MediaCodec.HEVC, PacketKind.FRAME,
      true, 4_294_967_396L, 4_294_967_436L, 1_764_000_000_123_456L, Buffer.buffer(new byte[] {0, 0, 0, 1, 0x26, 1}));
  private static final MediaPacket CONFIG = new MediaPacket("cäm-1", 3, TrackKind.AUDIO, MediaCodec.OPUS, PacketKind.CONFIG,
      true, 0, 0, -1, Buffer.buffer("OpusHead"));

  @Test
  void aMediaPacketCrossesTheWireUnchanged() {
    MediaPacketCodec codec = new MediaPacketCodec();
    Buffer wire = Buffer.buffer("prefix");
    codec.encodeToWire(wire, VIDEO);
    MediaPacket decoded = codec.decodeFromWire("prefix".length(), wire);
    assertThat(decoded).isEqualTo(VIDEO);
    assertThat(decoded.compositionTime()).isEqualTo(40);
  }

  @Test
  void aBatchCrossesTheWireInOrder() {
    PacketBatchCodec codec = new PacketBatchCodec();
    PacketBatch batch = new PacketBatch("cäm-1", 42, List.of(CONFIG, VIDEO));
    Buffer wire = Buffer.buffer();
    codec.encodeToWire(wire, batch);
    assertThat(codec.decodeFromWire(0, wire)).isEqualTo(batch);
    assertThat(codec.decodeFromWire(0, wireOf(codec, new PacketBatch("x", -1, List.of()))).packets()).isEmpty();
  }

  @Test
  void insideOneJvmTheObjectItselfIsHandedOver() {
    assertThat(new MediaPacketCodec().transform(VIDEO)).isSameAs(VIDEO);
    assertThat(new MediaPacketCodec().name()).isNotEqualTo(new PacketBatchCodec().name());
    assertThat(new MediaPacketCodec().systemCodecID()).isEqualTo((byte) -1);
  }

  @Test
  void anUnknownWireVersionIsRefused() {
    Buffer wire = Buffer.buffer();
    new MediaPacketCodec().encodeToWire(wire, VIDEO);
    wire.setByte(0, (byte) 9);
    assertThatThrownBy(() -> new MediaPacketCodec().decodeFromWire(0, wire)).hasMessageContaining("version 9");
  }

  @Test
  void fourCcsMapToCodecsPerTrack() {
    assertThat(MediaCodec.ofFourCc(TrackKind.VIDEO, fourCc("hvc1"))).isEqualTo(MediaCodec.HEVC);
    assertThat(MediaCodec.ofFourCc(TrackKind.AUDIO, fourCc("Opus"))).isEqualTo(MediaCodec.OPUS);
    assertThat(MediaCodec.ofFourCc(TrackKind.AUDIO, fourCc("hvc1"))).isEqualTo(MediaCodec.UNKNOWN_AUDIO);
    assertThat(MediaCodec.fourCcText(0x61763031)).isEqualTo("av01");
  }

  private static Buffer wireOf(PacketBatchCodec codec, PacketBatch batch) {
    Buffer wire = Buffer.buffer();
    codec.encodeToWire(wire, batch);
    return wire;
  }

  private static int fourCc(String text) {
    return (text.charAt(0) << 24) | (text.charAt(1) << 16) | (text.charAt(2) << 8) | text.charAt(3);
  }
}
