package io.inlet.bus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.buffer.Buffer;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The wire formats between nodes, and the zero-copy hand-over inside one JVM. */
class CodecsTest {

  /** A reading of the sending JVM's monotonic clock: an arbitrary origin, as {@code System.nanoTime()}'s. */
  private static final long NOW = 7_654_321_000_000_000L;
  private static final long MS = 1_000_000;
  private static final MediaPacket VIDEO = new MediaPacket("cäm-1", 42, TrackKind.VIDEO, MediaCodec.HEVC, PacketKind.FRAME,
      true, 4_294_967_396L, 4_294_967_436L, NOW - 250 * MS, Buffer.buffer(new byte[] {0, 0, 0, 1, 0x26, 1}));
  private static final MediaPacket CONFIG = new MediaPacket("cäm-1", 3, TrackKind.AUDIO, MediaCodec.OPUS, PacketKind.CONFIG,
      true, 0, 0, NOW - 1_000 * MS, Buffer.buffer("OpusHead"));
  private static final int CODEC_AT = 1 + 2 + "cäm-1".getBytes(java.nio.charset.StandardCharsets.UTF_8).length + 8;
  private static final int AGE_AT = CODEC_AT + 1 + 1 + 1 + 8 + 8;

  @Test
  void aMediaPacketCrossesTheWireUnchanged() {
    // Encoded and decoded at the same instant of one clock: even the arrival comes back as it was.
    MediaPacketCodec codec = new MediaPacketCodec(() -> NOW);
    Buffer wire = Buffer.buffer("prefix");
    codec.encodeToWire(wire, VIDEO);
    MediaPacket decoded = codec.decodeFromWire("prefix".length(), wire);
    assertThat(decoded).isEqualTo(VIDEO);
    assertThat(decoded.compositionTime()).isEqualTo(40);
  }

  @Test
  void anArrivalCrossesTheWireAsAnAgeAndComesBackOnTheReceiversClock() {
    // The receiving machine's clock has another origin altogether (here 3 hours "before" the epoch of nanoTime).
    long receiverNow = -10_800_000 * MS;
    Buffer wire = Buffer.buffer();
    new MediaPacketCodec(() -> NOW).encodeToWire(wire, VIDEO);
    assertThat(wire.getLong(AGE_AT)).isEqualTo(250 * MS);

    MediaPacket received = new MediaPacketCodec(() -> receiverNow).decodeFromWire(0, wire);
    assertThat(received.receivedAtNanos()).isEqualTo(receiverNow - 250 * MS);
    assertThat(received).usingRecursiveComparison().ignoringFields("receivedAtNanos").isEqualTo(VIDEO);
  }

  @Test
  void noAbsoluteTimeIsOnTheWire() {
    // The same packet on a sender whose clock reads a day later, stamped a day later: the same bytes.
    long day = 86_400_000 * MS;
    MediaPacket later = new MediaPacket(VIDEO.stream(), VIDEO.sequence(), VIDEO.track(), VIDEO.codec(), VIDEO.kind(),
        VIDEO.keyframe(), VIDEO.dts(), VIDEO.pts(), VIDEO.receivedAtNanos() + day, VIDEO.data());
    Buffer wire = Buffer.buffer();
    new MediaPacketCodec(() -> NOW).encodeToWire(wire, VIDEO);
    Buffer laterWire = Buffer.buffer();
    new MediaPacketCodec(() -> NOW + day).encodeToWire(laterWire, later);
    assertThat(laterWire).isEqualTo(wire);
  }

  @Test
  void theAgeIsReadOffTheSystemClockByDefault() {
    MediaPacket stamped = new MediaPacket("cam", 1, TrackKind.VIDEO, MediaCodec.H264, PacketKind.FRAME, true, 0, 0,
        System.nanoTime() - 250 * MS, Buffer.buffer(new byte[] {1}));
    Buffer wire = Buffer.buffer();
    new MediaPacketCodec().encodeToWire(wire, stamped);
    MediaPacket received = new MediaPacketCodec().decodeFromWire(0, wire);
    long ageMillis = (System.nanoTime() - received.receivedAtNanos()) / MS;
    assertThat(ageMillis).isBetween(250L, 250L + 5_000L); // the upper bound only absorbs a slow test machine
  }

  @Test
  void aPacketStampedInTheFutureIsSentAsFreshAndANegativeAgeIsRefused() {
    Buffer wire = Buffer.buffer();
    new MediaPacketCodec(() -> VIDEO.receivedAtNanos() - 5 * MS).encodeToWire(wire, VIDEO);
    assertThat(wire.getLong(AGE_AT)).isZero();
    assertThat(new MediaPacketCodec(() -> NOW).decodeFromWire(0, wire).receivedAtNanos()).isEqualTo(NOW);

    wire.setLong(AGE_AT, -1);
    assertThatThrownBy(() -> new MediaPacketCodec(() -> NOW).decodeFromWire(0, wire))
        .isInstanceOf(WireFormatException.class).hasMessageContaining("age -1 ns is negative");
  }

  @Test
  void aBatchCrossesTheWireInOrder() {
    PacketBatchCodec codec = new PacketBatchCodec(() -> NOW);
    PacketBatch batch = new PacketBatch("cäm-1", 42, List.of(CONFIG, VIDEO));
    Buffer wire = Buffer.buffer();
    codec.encodeToWire(wire, batch);
    assertThat(codec.decodeFromWire(0, wire)).isEqualTo(batch);
    assertThat(codec.decodeFromWire(0, wireOf(codec, new PacketBatch("x", -1, List.of()))).packets()).isEmpty();
  }

  @Test
  void aBatchsPacketsKeepTheirOwnAgesOnTheReceiversClock() {
    long receiverNow = 42 * MS;
    Buffer wire = wireOf(new PacketBatchCodec(() -> NOW), new PacketBatch("cäm-1", 42, List.of(CONFIG, VIDEO)));
    List<MediaPacket> received = new PacketBatchCodec(() -> receiverNow).decodeFromWire(0, wire).packets();
    assertThat(received).extracting(MediaPacket::receivedAtNanos).containsExactly(receiverNow - 1_000 * MS, receiverNow - 250 * MS);
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
  void enumsTravelByTheirWireIdNotTheirPosition() {
    Buffer wire = Buffer.buffer();
    new MediaPacketCodec().encodeToWire(wire, VIDEO);
    int codecAt = CODEC_AT;
    assertThat(wire.getUnsignedByte(codecAt)).isEqualTo((short) MediaCodec.HEVC.wireId());
    assertThat(wire.getUnsignedByte(codecAt + 1)).isEqualTo((short) PacketKind.FRAME.wireId());
    for (MediaCodec codec : MediaCodec.values()) {
      assertThat(MediaCodec.ofWireId(codec.wireId())).isSameAs(codec);
    }
    for (PacketKind kind : PacketKind.values()) {
      assertThat(PacketKind.ofWireId(kind.wireId())).isSameAs(kind);
    }
  }

  @Test
  void anUnknownEnumIdIsRefusedByName() {
    int codecAt = CODEC_AT;
    Buffer unknownCodec = Buffer.buffer();
    new MediaPacketCodec().encodeToWire(unknownCodec, VIDEO);
    unknownCodec.setByte(codecAt, (byte) 200);
    assertThatThrownBy(() -> new MediaPacketCodec().decodeFromWire(0, unknownCodec))
        .isInstanceOf(WireFormatException.class).hasMessageContaining("codec wire id 200");
    Buffer unknownKind = Buffer.buffer();
    new MediaPacketCodec().encodeToWire(unknownKind, VIDEO);
    unknownKind.setByte(codecAt + 1, (byte) 0);
    assertThatThrownBy(() -> new MediaPacketCodec().decodeFromWire(0, unknownKind))
        .isInstanceOf(WireFormatException.class).hasMessageContaining("packet kind wire id 0");
  }

  @Test
  void aTruncatedPacketIsRefusedAtEveryLength() {
    Buffer wire = Buffer.buffer();
    new MediaPacketCodec().encodeToWire(wire, VIDEO);
    for (int length = 0; length < wire.length(); length++) {
      Buffer cut = wire.getBuffer(0, length);
      assertThatThrownBy(() -> new MediaPacketCodec().decodeFromWire(0, cut))
          .as("cut at %d", length).isInstanceOf(WireFormatException.class).hasMessageStartingWith("media packet: ");
    }
  }

  @Test
  void anOversizedPayloadLengthIsRefusedBeforeAllocating() {
    Buffer wire = Buffer.buffer();
    new MediaPacketCodec().encodeToWire(wire, VIDEO);
    int lengthAt = wire.length() - VIDEO.data().length() - 4;
    wire.setInt(lengthAt, 1_000);
    assertThatThrownBy(() -> new MediaPacketCodec().decodeFromWire(0, wire))
        .isInstanceOf(WireFormatException.class).hasMessageContaining("declares 1000 bytes but 6 remain");
    wire.setInt(lengthAt, -1);
    assertThatThrownBy(() -> new MediaPacketCodec().decodeFromWire(0, wire))
        .isInstanceOf(WireFormatException.class).hasMessageContaining("data length -1 is outside");
  }

  @Test
  void aBatchWithAnImpossibleCountOrAWrongPacketLengthIsRefused() {
    PacketBatchCodec codec = new PacketBatchCodec();
    Buffer wire = wireOf(codec, new PacketBatch("x", 4, List.of(CONFIG)));
    int countAt = 1 + 2 + 1 + 8;
    Buffer hugeCount = wire.copy().setInt(countAt, Integer.MAX_VALUE);
    assertThatThrownBy(() -> codec.decodeFromWire(0, hugeCount))
        .isInstanceOf(WireFormatException.class).hasMessageContaining("packets count");
    Buffer moreThanFits = wire.copy().setInt(countAt, 1_000);
    assertThatThrownBy(() -> codec.decodeFromWire(0, moreThanFits))
        .isInstanceOf(WireFormatException.class).hasMessageContaining("cannot fit");
    Buffer shortLength = wire.copy();
    shortLength.setInt(countAt + 4, shortLength.getInt(countAt + 4) - 1);
    assertThatThrownBy(() -> codec.decodeFromWire(0, shortLength))
        .isInstanceOf(WireFormatException.class).hasMessageContaining("declared");
    for (int length = 0; length < wire.length(); length++) {
      Buffer cut = wire.getBuffer(0, length);
      assertThatThrownBy(() -> codec.decodeFromWire(0, cut)).isInstanceOf(WireFormatException.class);
    }
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
