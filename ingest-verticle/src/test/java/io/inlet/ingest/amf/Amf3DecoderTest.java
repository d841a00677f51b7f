package io.inlet.ingest.amf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.inlet.ingest.ProtocolException;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * AMF3 values after the AMF0 avmplus-object marker 0x11, byte by byte from the AMF3
 * specification, section 3. U29 headers: low bit 1 for an inline value (the rest is a length or
 * count), 0 for a reference (the rest is an index).
 */
class Amf3DecoderTest {

  private final Amf0Decoder decoder = new Amf0Decoder();

  static Stream<Arguments> vectors() {
    Amf0Object foo5 = new Amf0Object("Foo").with("x", 5.0);
    return Stream.of(
        // 3.2 - 3.5: the marker alone.
        row("undefined", "11 00", Amf0Undefined.INSTANCE),
        row("null", "11 01", null),
        row("false", "11 02", false),
        row("true", "11 03", true),
        // 3.6 integer: U29, 29-bit two's complement; maps to Double like AMF0 numbers.
        row("integer 0", "11 04 00", 0.0),
        row("integer 127", "11 04 7f", 127.0),
        row("integer 128", "11 04 81 00", 128.0),
        row("integer 1280", "11 04 8a 00", 1280.0),
        row("integer max 2^28-1", "11 04 bf ffffff", 268435455.0),
        row("integer min -2^28", "11 04 c0 808000", -268435456.0),
        row("integer -1", "11 04 ff ffffff", -1.0),
        // 3.7 double.
        row("double 1", "11 05 3ff0000000000000", 1.0),
        // 3.8 string: U29S (length << 1 | 1), UTF-8.
        row("empty string", "11 06 01", ""),
        row("string live", "11 06 09 6c697665", "live"),
        row("string reference", "11 09 05 01 06 09 6c697665 06 00", List.of("live", "live")),
        // 3.9 / 3.13 XMLDocument and XML: U29X then UTF-8.
        row("XML document", "11 07 09 3c612f3e", "<a/>"),
        row("XML", "11 0b 09 3c612f3e", "<a/>"),
        // 3.10 date: U29D (0 << 1 | 1) then double milliseconds, no time zone.
        row("date", "11 08 01 4090000000000000", new Amf0Date(1024.0, (short) 0)),
        // 3.11 array: U29A dense count, associative (name, value)* until "", dense values.
        row("dense array", "11 09 05 01 04 01 06 03 62", Arrays.asList(1.0, "b")),
        row("array with associative part", "11 09 03 03 61 04 01 01 04 02",
            new Amf0EcmaArray().with("a", 1.0).with("0", 2.0)),
        // 3.12 object: U29O-traits 0x0b = inline, dynamic, 0 sealed; class name ""; members.
        row("anonymous dynamic object", "11 0a 0b 01 03 61 04 01 01",
            new Amf0Object().with("a", 1.0)),
        // 0x13 = inline traits, sealed, 1 member; class "Foo", member "x", value 5.
        row("typed sealed object", "11 0a 13 07 466f6f 03 78 04 05", foo5),
        // second object reuses traits 0 (header 0b01): only the member value follows.
        row("traits reference", "11 09 05 01 0a 13 07 466f6f 03 78 04 05 0a 01 04 06",
            List.of(foo5, new Amf0Object("Foo").with("x", 6.0))),
        // object and date references index the object table: the enclosing array is 0.
        row("object reference", "11 09 05 01 0a 0b 01 01 0a 02",
            List.of(new Amf0Object(), new Amf0Object())),
        row("date reference", "11 09 05 01 08 01 4090000000000000 08 02",
            List.of(new Amf0Date(1024.0, (short) 0), new Amf0Date(1024.0, (short) 0))));
  }

  private static Arguments row(String name, String hex, Object value) {
    return Arguments.of(name, hex, value);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("vectors")
  void decodesSpecVector(String name, String hex, Object expected) {
    ByteBuf in = Hex.buf(hex);
    assertThat(decoder.decode(in)).isEqualTo(expected);
    assertThat(in.isReadable()).isFalse();
  }

  @Test
  void byteArrayDecodesToBytes() {
    assertThat(decoder.decode(Hex.buf("11 0c 07 010203"))).isEqualTo(new byte[] {1, 2, 3});
  }

  @Test
  void objectReferenceIsTheSameInstance() {
    List<?> list = (List<?>) decoder.decode(Hex.buf("11 09 05 01 0a 0b 01 01 0a 02"));
    assertThat(list.get(1)).isSameAs(list.get(0));
  }

  /** A data message whose payload switches to AMF3, as Flash Player 9+ may send. */
  @Test
  void amf3SwitchInsideADataMessage() {
    ByteBuf message = Hex.buf(
        "02 000a 6f6e4d65746144617461" // "onMetaData"
            + " 11 0a 0b 01" // AMF3 anonymous dynamic object
            + "   0b 7769647468 04 8a00" // width: 1280 (U29)
            + "   0f 656e636f646572 06 07 6f6273" // encoder: "obs"
            + "   01" // end of dynamic members
            + " 11 06 09 6c697665" // a following AMF3 string: "live"
            + " 11 04 7f"); // and integer 127
    assertThat(decoder.decodeAll(message)).containsExactly(
        "onMetaData",
        new Amf0Object().with("width", 1280.0).with("encoder", "obs"),
        "live",
        127.0);
  }

  static Stream<Arguments> malformed() {
    return Stream.of(
        Arguments.of("externalizable traits", "11 0a 07 07 466f6f",
            "AMF3 externalizable objects are not supported"),
        Arguments.of("vector of int", "11 0d 01 00", "unsupported AMF3 type marker 0x0d"),
        Arguments.of("dictionary", "11 11 01 00", "unsupported AMF3 type marker 0x11"),
        Arguments.of("string reference with an empty table", "11 06 00",
            "AMF3 string reference 0 points past the 0"),
        Arguments.of("traits reference with an empty table", "11 0a 01",
            "AMF3 traits reference 0 points past the 0"),
        Arguments.of("object reference past the table", "11 0a 02",
            "AMF3 object reference 1 points past the 0"),
        Arguments.of("array containing itself", "11 09 03 01 09 00",
            "AMF3 object reference 0 points to a value that encloses it"),
        Arguments.of("string longer than the input", "11 06 ff ffffff 61",
            "ends inside the AMF3 string (needs 268435455 bytes"),
        Arguments.of("byte array longer than the input", "11 0c 81 01 61",
            "ends inside the AMF3 byte array (needs 64 bytes"),
        Arguments.of("dense count larger than the input", "11 09 bf ffffff 01",
            "AMF3 array declares 134217727 elements"),
        Arguments.of("sealed count larger than the input", "11 0a bf ffff f3 01",
            "AMF3 traits declares"),
        Arguments.of("tables are per switch", "0a 00000002 11 06 09 6c697665 11 06 00",
            "AMF3 string reference 0 points past the 0"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("malformed")
  void rejectsWithAReason(String name, String hex, String reason) {
    assertThatThrownBy(() -> decoder.decode(Hex.buf(hex)))
        .isExactlyInstanceOf(ProtocolException.class)
        .hasMessageContaining(reason);
  }

  @Test
  void nestingTenThousandArraysDeepFailsFast() {
    ByteBuf in = Unpooled.buffer();
    in.writeByte(0x11);
    for (int i = 0; i < 10_000; i++) {
      in.writeBytes(Hex.bytes("09 03 01")); // array: one dense element, no associative part
    }
    in.writeByte(0x01);
    assertThatThrownBy(() -> decoder.decode(in))
        .isExactlyInstanceOf(ProtocolException.class)
        .hasMessage("AMF value nested deeper than 64 levels");
  }

  @Test
  void amf3CountsAgainstTheSameEntryLimit() {
    Amf0Decoder small = new Amf0Decoder(8, 2);
    assertThatThrownBy(() -> small.decode(Hex.buf("11 09 07 01 01 01 01")))
        .isExactlyInstanceOf(ProtocolException.class)
        .hasMessageContaining("more than 2");
  }
}
