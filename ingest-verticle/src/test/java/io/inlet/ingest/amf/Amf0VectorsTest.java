package io.inlet.ingest.amf;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every AMF0 type both ways, byte by byte as laid out in the AMF0 specification, section 2:
 * a marker byte, then the type's fields in network byte order.
 */
class Amf0VectorsTest {

  private final Amf0Decoder decoder = new Amf0Decoder();

  /** Canonical encodings: decoding gives the value, encoding the value gives these bytes. */
  static Stream<Arguments> roundTrip() {
    return Stream.of(
        // 2.2 number: marker 0x00, IEEE-754 double, big-endian.
        row("number 0", "00 0000000000000000", 0.0),
        row("number 1", "00 3ff0000000000000", 1.0),
        row("number -2.5", "00 c004000000000000", -2.5),
        row("number 1935", "00 409e3c0000000000", 1935.0),
        row("number +infinity", "00 7ff0000000000000", Double.POSITIVE_INFINITY),
        // 2.3 boolean: marker 0x01, one byte.
        row("boolean false", "01 00", false),
        row("boolean true", "01 01", true),
        // 2.4 string: marker 0x02, u16 byte length, UTF-8.
        row("empty string", "02 0000", ""),
        row("string live", "02 0004 6c697665", "live"),
        row("string with 2-byte UTF-8", "02 0002 c3a9", "\u00e9"),
        row("string with 4-byte UTF-8", "02 0004 f09f8eac", "\ud83c\udfac"),
        // 2.5 object: (u16 name, value)* then empty name and object-end 0x09.
        row("empty object", "03 0000 09", new Amf0Object()),
        row("object {a: 1}", "03 0001 61 00 3ff0000000000000 0000 09",
            new Amf0Object().with("a", 1.0)),
        row("nested object", "03 0001 6f 03 0001 62 01 01 0000 09 0000 09",
            new Amf0Object().with("o", new Amf0Object().with("b", true))),
        // 2.7 null, 2.8 undefined: the marker alone.
        row("null", "05", null),
        row("undefined", "06", Amf0Undefined.INSTANCE),
        // 2.10 ECMA array: u32 count, then properties like an object.
        row("empty ECMA array", "08 00000000 0000 09", new Amf0EcmaArray()),
        row("ECMA array {a: 1}", "08 00000001 0001 61 00 3ff0000000000000 0000 09",
            new Amf0EcmaArray().with("a", 1.0)),
        // 2.12 strict array: u32 count, then that many values.
        row("empty strict array", "0a 00000000", List.of()),
        row("strict array [1, \"b\", null]", "0a 00000003 00 3ff0000000000000 02 0001 62 05",
            Arrays.asList(1.0, "b", null)),
        // 2.13 date: double milliseconds, then s16 time zone.
        row("date epoch", "0b 0000000000000000 0000", new Amf0Date(0, (short) 0)),
        row("date with time zone -60", "0b 4275d3ef79800000 ffc4",
            new Amf0Date(1.5e12, (short) -60)),
        // 2.18 typed object: u16 class name, then properties like an object.
        row("typed object", "10 0003 466f6f 0001 78 05 0000 09",
            new Amf0Object("Foo").with("x", null)));
  }

  /** Valid input that the encoder never produces, or produces differently. */
  static Stream<Arguments> decodeOnly() {
    ArrayList<Object> sharedTwice = new ArrayList<>();
    Amf0Object shared = new Amf0Object().with("k", 2.0);
    sharedTwice.add(shared);
    sharedTwice.add(shared);
    return Stream.of(
        row("any nonzero boolean byte is true", "01 05", true),
        // 2.14 long string: u32 length; the encoder only uses it past 65535 bytes.
        row("short long string", "0c 00000003 616263", "abc"),
        // 2.17 XML document: a long string.
        row("XML document", "0f 00000004 3c612f3e", "<a/>"),
        // 2.9 reference: u16 index into complex values in the order they started
        // (the strict array is 0, the object 1).
        row("reference to an earlier object", "0a 00000002 03 0001 6b 00 4000000000000000 0000 09"
            + " 07 0001", sharedTwice),
        // 2.10: the count is a hint; the end marker decides.
        row("ECMA array with count 0 but one property",
            "08 00000000 0001 61 01 01 0000 09", new Amf0EcmaArray().with("a", true)),
        row("ECMA array with count 9 but one property",
            "08 00000009 0001 61 01 01 0000 09", new Amf0EcmaArray().with("a", true)));
  }

  private static Arguments row(String name, String hex, Object value) {
    return Arguments.of(name, hex, value);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("roundTrip")
  void decodesSpecVector(String name, String hex, Object expected) {
    ByteBuf in = Hex.buf(hex);
    Object actual = decoder.decode(in);
    assertThat(actual).isEqualTo(expected);
    if (expected instanceof Map) {
      assertThat(actual).hasSameClassAs(expected); // an ECMA array must not come back as an object
    }
    assertThat(in.isReadable()).as("consumed exactly the value").isFalse();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("roundTrip")
  void encodesSpecVector(String name, String hex, Object value) {
    ByteBuf out = Unpooled.buffer();
    Amf0Encoder.encode(out, value);
    assertThat(Hex.of(out)).isEqualTo(Hex.normalize(hex));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("decodeOnly")
  void decodesNonCanonicalVector(String name, String hex, Object expected) {
    ByteBuf in = Hex.buf(hex);
    assertThat(decoder.decode(in)).isEqualTo(expected);
    assertThat(in.isReadable()).isFalse();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("roundTrip")
  void decodesTheValueAndLeavesWhatFollows(String name, String hex, Object expected) {
    ByteBuf in = Unpooled.wrappedBuffer(Hex.bytes(hex + "05"));
    assertThat(decoder.decode(in)).isEqualTo(expected);
    assertThat(Hex.of(in)).isEqualTo("05");
  }

  @Test
  void referenceResolvesToTheSameInstance() {
    List<?> list = (List<?>) decoder.decode(Hex.buf(
        "0a 00000002 03 0000 09 07 0001"));
    assertThat(list.get(1)).isSameAs(list.get(0));
  }

  @Test
  void typedObjectKeepsItsClassName() {
    Object value = decoder.decode(Hex.buf("10 0003 466f6f 0000 09"));
    assertThat(value).isInstanceOf(Amf0Object.class);
    assertThat(((Amf0Object) value).className()).isEqualTo("Foo");
    assertThat(value).isNotEqualTo(new Amf0Object("Bar"));
  }
}
