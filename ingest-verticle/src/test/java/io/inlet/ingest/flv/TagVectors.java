package io.inlet.ingest.flv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.inlet.bus.MediaCodec;
import io.inlet.bus.TrackKind;
import io.inlet.ingest.ProtocolException;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Function;

/** Byte-vector helpers shared by the tag parser tests. */
final class TagVectors {

  private TagVectors() {}

  /** Bytes from hex fragments; spaces are ignored so vectors can be grouped by field. */
  static byte[] bytes(String... hexParts) {
    return HexFormat.of().parseHex(String.join("", hexParts).replace(" ", ""));
  }

  /** The hex of an ASCII FourCC, for writing it inside a vector. */
  static String fourCc(String text) {
    return HexFormat.of().formatHex(text.getBytes(StandardCharsets.US_ASCII));
  }

  /** What one tag should look like; data as hex. */
  record Expected(
      MediaCodec codec, int trackId, FlvPacketType type, boolean key, int ct, String data) {}

  static Expected expect(
      MediaCodec codec, int trackId, FlvPacketType type, boolean key, int ct, String data) {
    return new Expected(codec, trackId, type, key, ct, data.replace(" ", ""));
  }

  /** One row of a table: a named payload and the tags it must produce. */
  record Case(String name, byte[] payload, List<Expected> tags) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Case row(String name, byte[] payload, Expected... tags) {
    return new Case(name, payload, List.of(tags));
  }

  /** A malformed payload and a fragment its ProtocolException reason must contain. */
  record Bad(String name, byte[] payload, String reason) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Bad bad(String name, String reason, String... hexParts) {
    return new Bad(name, bytes(hexParts), reason);
  }

  static void assertTags(List<FlvMediaTag> actual, TrackKind track, List<Expected> expected) {
    assertThat(actual).hasSize(expected.size());
    for (int i = 0; i < expected.size(); i++) {
      FlvMediaTag tag = actual.get(i);
      Expected want = expected.get(i);
      assertThat(tag.track()).as("track of tag %d", i).isEqualTo(track);
      assertThat(tag.codec()).as("codec of tag %d", i).isEqualTo(want.codec());
      assertThat(tag.trackId()).as("trackId of tag %d", i).isEqualTo(want.trackId());
      assertThat(tag.type()).as("type of tag %d", i).isEqualTo(want.type());
      assertThat(tag.keyframe()).as("keyframe of tag %d", i).isEqualTo(want.key());
      assertThat(tag.compositionTime()).as("composition time of tag %d", i).isEqualTo(want.ct());
      assertThat(ByteBufUtil.hexDump(tag.data())).as("data of tag %d", i).isEqualTo(want.data());
    }
  }

  /**
   * Parses payload from a wrapped array, then inverts every byte of the array: each tag's data
   * must follow, which only a slice of the payload (not a copy) does. Also checks the payload's
   * reader index did not move.
   */
  static void assertSlicesShareMemory(
      Function<ByteBuf, List<FlvMediaTag>> parser, Case row, TrackKind track) {
    byte[] array = row.payload().clone();
    ByteBuf payload = Unpooled.wrappedBuffer(array);
    List<FlvMediaTag> tags = parser.apply(payload);
    assertThat(payload.readerIndex()).isZero();
    for (int i = 0; i < array.length; i++) {
      array[i] = (byte) ~array[i];
    }
    List<Expected> inverted =
        row.tags().stream()
            .map(
                e ->
                    new Expected(
                        e.codec(), e.trackId(), e.type(), e.key(), e.ct(), invertHex(e.data())))
            .toList();
    assertTags(tags, track, inverted);
  }

  private static String invertHex(String hex) {
    byte[] data = HexFormat.of().parseHex(hex);
    for (int i = 0; i < data.length; i++) {
      data[i] = (byte) ~data[i];
    }
    return HexFormat.of().formatHex(data);
  }

  /**
   * Every prefix of a valid payload, and every single-byte mutation of it, either parses or fails
   * with a ProtocolException: never an IndexOutOfBoundsException or anything else.
   */
  static void assertOnlyProtocolExceptions(Function<ByteBuf, ?> parser, byte[] valid) {
    for (int length = 0; length < valid.length; length++) {
      assertParsesOrRejects(parser, Arrays.copyOf(valid, length));
    }
    int[] replacements = {0x00, 0x01, 0x07, 0x0F, 0x10, 0x7F, 0x80, 0xFF};
    for (int index = 0; index < valid.length; index++) {
      for (int replacement : replacements) {
        byte[] mutated = valid.clone();
        mutated[index] = (byte) replacement;
        assertParsesOrRejects(parser, mutated);
      }
    }
  }

  private static void assertParsesOrRejects(Function<ByteBuf, ?> parser, byte[] payload) {
    Throwable thrown = catchThrowable(() -> parser.apply(Unpooled.wrappedBuffer(payload)));
    if (thrown != null) {
      assertThat(thrown)
          .as("parsing %s", HexFormat.of().formatHex(payload))
          .isExactlyInstanceOf(ProtocolException.class);
      assertThat(((ProtocolException) thrown).reason()).isNotBlank();
    }
  }

  static void assertRejected(Function<ByteBuf, ?> parser, Bad row) {
    // Our two bounds (ModEx prefixes, tracks) are limits; everything else is malformed bytes.
    ProtocolException.Kind kind = row.reason().startsWith("more than")
        ? ProtocolException.Kind.LIMIT_EXCEEDED : ProtocolException.Kind.MALFORMED;
    assertThatThrownBy(() -> parser.apply(Unpooled.wrappedBuffer(row.payload())))
        .isExactlyInstanceOf(ProtocolException.class)
        .hasMessageContaining(row.reason())
        .extracting(e -> ((ProtocolException) e).kind()).isEqualTo(kind);
  }
}
