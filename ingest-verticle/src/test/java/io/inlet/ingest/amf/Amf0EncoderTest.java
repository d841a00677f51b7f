package io.inlet.ingest.amf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** What the encoder accepts beyond the decoder's own types, and where the string forms switch. */
class Amf0EncoderTest {

  static Stream<Arguments> javaValues() {
    return Stream.of(
        Arguments.of("Integer", 1, "00 3ff0000000000000"),
        Arguments.of("Long", 1935L, "00 409e3c0000000000"),
        Arguments.of("Float", 2.0f, "00 4000000000000000"),
        Arguments.of("plain Map as object", new TreeMap<>(Map.of("a", true)), "03 0001 61 0101 0000 09"),
        Arguments.of("Amf0Object without class", new Amf0Object().with("a", true),
            "03 0001 61 0101 0000 09"),
        Arguments.of("List.of as strict array", List.of(true), "0a 00000001 0101"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("javaValues")
  void encodesJavaValues(String name, Object value, String hex) {
    ByteBuf out = Unpooled.buffer();
    Amf0Encoder.encode(out, value);
    assertThat(Hex.of(out)).isEqualTo(Hex.normalize(hex));
  }

  @Test
  void stringOf65535BytesIsAShortString() {
    ByteBuf out = Amf0Encoder.encodeAll("a".repeat(0xFFFF));
    assertThat(out.readableBytes()).isEqualTo(3 + 0xFFFF);
    assertThat(Hex.of(out.slice(0, 3))).isEqualTo("02ffff");
  }

  @Test
  void stringOver65535BytesIsALongString() {
    String s = "a".repeat(0x10000);
    ByteBuf out = Amf0Encoder.encodeAll(s);
    assertThat(Hex.of(out.slice(0, 5))).isEqualTo("0c00010000");
    assertThat(new Amf0Decoder().decode(out)).isEqualTo(s);
  }

  @Test
  void longStringThresholdCountsUtf8BytesNotChars() {
    String s = "\u00e9".repeat(0x8000); // 32768 chars, 65536 UTF-8 bytes
    ByteBuf out = Amf0Encoder.encodeAll(s);
    assertThat(out.getByte(0)).isEqualTo((byte) 0x0c);
    assertThat(new Amf0Decoder().decode(out)).isEqualTo(s);
  }

  @Test
  void rejectsTypesWithoutAnAmf0Form() {
    assertThatThrownBy(() -> Amf0Encoder.encodeAll(new Object()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("java.lang.Object");
    assertThatThrownBy(() -> Amf0Encoder.encodeAll((Object) new byte[1]))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void rejectsPropertyNamesThatCannotBeWritten() {
    assertThatThrownBy(() -> Amf0Encoder.encodeAll(new Amf0Object().with("", 1)))
        .isInstanceOf(IllegalArgumentException.class);
    Map<Object, Object> nonStringKey = new HashMap<>();
    nonStringKey.put(1, 1);
    assertThatThrownBy(() -> Amf0Encoder.encodeAll(nonStringKey))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Amf0Encoder.encodeAll(new Amf0Object().with("k".repeat(0x10000), 1)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aValueContainingItselfIsAnErrorNotAStackOverflow() {
    List<Object> loop = new ArrayList<>();
    loop.add(loop);
    assertThatThrownBy(() -> Amf0Encoder.encodeAll(loop))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("nested deeper");
  }

  @Test
  void roundTripsANestedValue() {
    Amf0Object value = new Amf0Object()
        .with("list", new ArrayList<>(List.of(1.0, "two", new Amf0Object("T").with("x", false))))
        .with("meta", new Amf0EcmaArray().with("d", new Amf0Date(1.5e12, (short) 0)))
        .with("u", Amf0Undefined.INSTANCE)
        .with("n", null);
    assertThat(new Amf0Decoder().decode(Amf0Encoder.encodeAll(value))).isEqualTo(value);
  }
}
