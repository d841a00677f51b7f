package io.inlet.ingest.amf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.inlet.ingest.ProtocolException;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Hostile and broken input: every violation is one ProtocolException with a readable reason. */
class Amf0MalformedTest {

  private final Amf0Decoder decoder = new Amf0Decoder();

  static Stream<Arguments> malformed() {
    return Stream.of(
        row("empty input", "", "AMF value ends inside the AMF0 type marker (needs 1 bytes, 0 left)"),
        row("movieclip marker", "04", "unsupported AMF0 type marker 0x04"),
        row("unsupported marker", "0d", "unsupported AMF0 type marker 0x0d"),
        row("recordset marker", "0e", "unsupported AMF0 type marker 0x0e"),
        row("marker past AMF3", "12", "unsupported AMF0 type marker 0x12"),
        row("marker 0xff", "ff", "unsupported AMF0 type marker 0xff"),
        row("object-end where a value belongs", "09", "object-end marker 0x09 where a value"),
        row("property value is object-end", "03 0001 61 09", "object-end marker 0x09 where a value"),
        row("empty name without 0x09", "03 0000 05", "followed by 0x05 instead of the object-end"),
        row("object never ends", "03 0001 61 05", "ends inside the AMF0 property name length"),
        row("string longer than the input", "02 ffff 6162", "ends inside the AMF0 string (needs 65535 bytes, 2 left)"),
        row("long string of 4 GiB", "0c ffffffff 61", "ends inside the AMF0 long string (needs 4294967295 bytes"),
        row("property name longer than the input", "03 0010 61", "ends inside the AMF0 property name (needs 16"),
        row("strict array count of 4 billion", "0a ffffffff 05 05",
            "AMF0 strict array declares 4294967295 elements but only 2 bytes remain"),
        row("reference with an empty table", "07 0000", "AMF0 reference 0 points past the 0"),
        row("reference past the table", "0a 00000002 03 0000 09 07 0002",
            "AMF0 reference 2 points past the 2"),
        row("object referring to itself", "03 0001 61 07 0000 0000 09",
            "AMF0 reference 0 points to a value that encloses it"),
        row("date cut short", "0b 0000000000000000 00", "ends inside the AMF0 date time zone"));
  }

  private static Arguments row(String name, String hex, String reason) {
    return Arguments.of(name, hex, reason);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("malformed")
  void rejectsWithAReason(String name, String hex, String reason) {
    ByteBuf in = Hex.buf(hex);
    assertThatThrownBy(() -> decoder.decode(in))
        .isExactlyInstanceOf(ProtocolException.class)
        .hasMessageContaining(reason);
    assertThat(in.readerIndex()).as("reader index restored").isZero();
  }

  @ParameterizedTest(name = "{0} is {1}")
  @org.junit.jupiter.params.provider.CsvSource({
      "'', MALFORMED", "09, MALFORMED", "07 0000, MALFORMED", "04, UNSUPPORTED", "0d, UNSUPPORTED",
      "11 0a 07 07 466f6f, UNSUPPORTED"})
  void kindSaysWhatWentWrong(String hex, ProtocolException.Kind kind) {
    assertThatThrownBy(() -> decoder.decode(Hex.buf(hex)))
        .isExactlyInstanceOf(ProtocolException.class)
        .extracting(e -> ((ProtocolException) e).kind()).isEqualTo(kind);
  }

  @Test
  void goingOverTheBudgetIsALimitExceeded() {
    Amf0Decoder small = new Amf0Decoder(1, 1);
    assertThatThrownBy(() -> small.decode(Hex.buf("0a 00000001 0a 00000000")))
        .extracting(e -> ((ProtocolException) e).kind()).isEqualTo(ProtocolException.Kind.LIMIT_EXCEEDED);
    assertThatThrownBy(() -> small.decode(Hex.buf("0a 00000002 05 05")))
        .extracting(e -> ((ProtocolException) e).kind()).isEqualTo(ProtocolException.Kind.LIMIT_EXCEEDED);
  }

  /** Every valid encoding cut at every offset is truncated, and must say so, never IOOBE. */
  static Stream<Arguments> validEncodings() {
    return Stream.concat(
        Stream.concat(Amf0VectorsTest.roundTrip(), Amf0VectorsTest.decodeOnly()),
        Amf3DecoderTest.vectors())
        .map(a -> Arguments.of(a.get()[0], a.get()[1]));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("validEncodings")
  void truncationAtEveryOffsetIsAProtocolException(String name, String hex) {
    byte[] whole = Hex.bytes(hex);
    for (int length = 0; length < whole.length; length++) {
      ByteBuf prefix = Unpooled.wrappedBuffer(whole, 0, length);
      assertThatThrownBy(() -> decoder.decode(prefix))
          .as("%s cut to %d of %d bytes", name, length, whole.length)
          .isExactlyInstanceOf(ProtocolException.class);
    }
  }

  @Test
  void nestingTenThousandObjectsDeepFailsFast() {
    // A complete, otherwise valid encoding: 10,000 x {a: ...} around a null.
    ByteBuf in = Unpooled.buffer();
    for (int i = 0; i < 10_000; i++) {
      in.writeBytes(Hex.bytes("03 0001 61"));
    }
    in.writeByte(0x05);
    for (int i = 0; i < 10_000; i++) {
      in.writeBytes(Hex.bytes("0000 09"));
    }
    assertThatThrownBy(() -> decoder.decode(in))
        .isExactlyInstanceOf(ProtocolException.class)
        .hasMessage("AMF value nested deeper than 64 levels");
  }

  @Test
  void nestingTenThousandStrictArraysDeepFailsFast() {
    ByteBuf in = Unpooled.buffer();
    for (int i = 0; i < 10_000; i++) {
      in.writeBytes(Hex.bytes("0a 00000001"));
    }
    in.writeByte(0x05);
    assertThatThrownBy(() -> decoder.decode(in))
        .isExactlyInstanceOf(ProtocolException.class)
        .hasMessageContaining("nested deeper");
  }

  @Test
  void depthUpToTheLimitDecodes() {
    assertThat(decoder.decode(nestedArrays(64))).isNotNull();
    assertThatThrownBy(() -> decoder.decode(nestedArrays(65)))
        .isExactlyInstanceOf(ProtocolException.class);
  }

  /** Event loops run on default (1 MiB) stacks; the deepest allowed value must fit in half. */
  @Test
  void theDepthCapFitsInHalfADefaultStack() throws InterruptedException {
    Amf0Decoder deepest = new Amf0Decoder(Amf0Decoder.MAX_DEPTH_CAP, 1_000_000);
    AtomicReference<Throwable> failure = new AtomicReference<>();
    Runnable decodeDeepest = () -> {
      try {
        deepest.decode(nestedObjects(Amf0Decoder.MAX_DEPTH_CAP));
        deepest.decode(nestedAmf3Objects(Amf0Decoder.MAX_DEPTH_CAP));
      } catch (Throwable t) {
        failure.set(t);
      }
    };
    Thread thread = new Thread(null, decodeDeepest, "half-stack", 512 * 1024);
    thread.start();
    thread.join();
    assertThat(failure.get()).as("%s", failure.get()).isNull();
  }

  @Test
  void tooManyEntriesFails() {
    Amf0Decoder small = new Amf0Decoder(8, 2);
    assertThat(small.decode(Hex.buf("03 0001 61 05 0001 62 05 0000 09"))).isNotNull();
    assertThatThrownBy(() -> small.decode(Hex.buf("03 0001 61 05 0001 62 05 0001 63 05 0000 09")))
        .isExactlyInstanceOf(ProtocolException.class)
        .hasMessage("AMF value has more than 2 properties and elements in total");
  }

  @Test
  void strictArrayCountOverTheEntryLimitFailsBeforeAllocating() {
    Amf0Decoder small = new Amf0Decoder(8, 10);
    ByteBuf in = Unpooled.buffer();
    in.writeByte(0x0a).writeInt(11);
    in.writeZero(11 * 9); // eleven numbers 0.0
    assertThatThrownBy(() -> small.decode(in)).isExactlyInstanceOf(ProtocolException.class)
        .hasMessageContaining("more than 10");
  }

  @Test
  void entryLimitSpansAllValuesOfOneMessage() {
    Amf0Decoder small = new Amf0Decoder(8, 2);
    ByteBuf in = Hex.buf("03 0001 61 05 0000 09  03 0001 61 05 0001 62 05 0000 09");
    assertThatThrownBy(() -> small.decodeAll(in)).isExactlyInstanceOf(ProtocolException.class);
  }

  /**
   * A few bytes of references to references would expand into a huge graph; each reference is
   * charged the entries of what it points to, so this fails instead.
   */
  @Test
  void referenceExpansionCountsAgainstTheEntryLimit() {
    ByteBuf in = Unpooled.buffer();
    int levels = 40;
    in.writeByte(0x0a).writeInt(levels); // outer array, reference index 0
    in.writeBytes(Hex.bytes("0a 00000002 05 05")); // index 1: two entries
    for (int k = 1; k < levels; k++) { // index k+1: [ref k, ref k], doubling the size
      in.writeByte(0x0a).writeInt(2);
      in.writeByte(0x07).writeShort(k).writeByte(0x07).writeShort(k);
    }
    assertThatThrownBy(() -> decoder.decode(in))
        .isExactlyInstanceOf(ProtocolException.class)
        .hasMessageContaining("more than 65536");
  }

  @Test
  void decodeAllRestoresTheReaderIndexOnFailure() {
    ByteBuf in = Hex.buf("05 05 04");
    assertThatThrownBy(() -> decoder.decodeAll(in)).isExactlyInstanceOf(ProtocolException.class);
    assertThat(in.readerIndex()).isZero();
  }

  @Test
  void limitsAreValidated() {
    assertThatThrownBy(() -> new Amf0Decoder(0, 10)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Amf0Decoder(Amf0Decoder.MAX_DEPTH_CAP + 1, 10))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Amf0Decoder(8, -1)).isInstanceOf(IllegalArgumentException.class);
  }

  /** {@code depth} objects {a: ...}, the innermost holding null. */
  private static ByteBuf nestedObjects(int depth) {
    ByteBuf in = Unpooled.buffer();
    for (int i = 0; i < depth; i++) {
      in.writeBytes(Hex.bytes("03 0001 61"));
    }
    in.writeByte(0x05);
    for (int i = 0; i < depth; i++) {
      in.writeBytes(Hex.bytes("0000 09"));
    }
    return in;
  }

  /** {@code depth} AMF3 dynamic objects {a: ...}, the innermost holding null. */
  private static ByteBuf nestedAmf3Objects(int depth) {
    ByteBuf in = Unpooled.buffer().writeByte(0x11);
    in.writeBytes(Hex.bytes("0a 0b 01 03 61"));
    for (int i = 1; i < depth; i++) {
      in.writeBytes(Hex.bytes("0a 01 00")); // traits reference 0, member name "a" by reference
    }
    in.writeByte(0x01);
    for (int i = 0; i < depth; i++) {
      in.writeByte(0x01); // end of dynamic members
    }
    return in;
  }

  /** {@code depth} strict arrays, each holding the next, the innermost holding null. */
  private static ByteBuf nestedArrays(int depth) {
    ByteBuf in = Unpooled.buffer();
    for (int i = 0; i < depth; i++) {
      in.writeByte(0x0a).writeInt(1);
    }
    return in.writeByte(0x05);
  }
}
