package io.inlet.ingest.amf;

import static org.assertj.core.api.Assertions.assertThat;

import io.inlet.ingest.ProtocolException;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Message bodies as real publishers send them. */
class Amf0RealWorldTest {

  /** The body of the connect command (message type 0x14) FFmpeg and OBS send first. */
  static final String CONNECT =
      "02 0007 636f6e6e656374" // "connect"
          + " 00 3ff0000000000000" // transaction id 1.0
          + " 03" // command object
          + "   0003 617070 02 0004 6c697665" // app: "live"
          + "   0004 74797065 02 000a 6e6f6e70726976617465" // type: "nonprivate"
          + "   0008 666c617368566572 02 001f" // flashVer:
          + "     464d4c452f332e302028636f6d70617469626c653b20464d53632f312e3029" // "FMLE/3.0 (compatible; FMSc/1.0)"
          + "   0005 746355726c 02 001a" // tcUrl:
          + "     72746d703a2f2f6c6f63616c686f73743a313933352f6c697665" // "rtmp://localhost:1935/live"
          + " 0000 09";

  private static final Amf0Object CONNECT_OBJECT = new Amf0Object()
      .with("app", "live")
      .with("type", "nonprivate")
      .with("flashVer", "FMLE/3.0 (compatible; FMSc/1.0)")
      .with("tcUrl", "rtmp://localhost:1935/live");

  private final Amf0Decoder decoder = new Amf0Decoder();

  @Test
  void decodesConnect() {
    List<Object> values = decoder.decodeAll(Hex.buf(CONNECT));
    assertThat(values).containsExactly("connect", 1.0, CONNECT_OBJECT);
    Amf0Object command = (Amf0Object) values.get(2);
    assertThat(command.string("app")).isEqualTo("live");
    assertThat(command.string("tcUrl")).isEqualTo("rtmp://localhost:1935/live");
    assertThat(command.className()).isNull();
  }

  @Test
  void encodesConnectToTheSameBytes() {
    ByteBuf out = Amf0Encoder.encodeAll("connect", 1, CONNECT_OBJECT);
    assertThat(Hex.of(out)).isEqualTo(Hex.normalize(CONNECT));
  }

  /** Cut anywhere, connect either decodes to its complete leading values or fails cleanly. */
  @Test
  void connectCutAtEveryOffset() {
    byte[] whole = Hex.bytes(CONNECT);
    List<Object> complete = List.of("connect", 1.0, CONNECT_OBJECT);
    for (int length = 0; length < whole.length; length++) {
      ByteBuf prefix = Unpooled.wrappedBuffer(whole, 0, length);
      try {
        List<Object> values = decoder.decodeAll(prefix);
        assertThat(values).as("cut at %d", length).hasSizeLessThan(3)
            .isEqualTo(complete.subList(0, values.size()));
      } catch (ProtocolException expected) {
        assertThat(prefix.readerIndex()).isZero();
      }
    }
  }

  /** The body of the @setDataFrame data message (0x12); FFmpeg writes the ECMA count as 0. */
  static final String SET_DATA_FRAME_COUNT_ZERO =
      "02 000d 40736574446174614672616d65" // "@setDataFrame"
          + " 02 000a 6f6e4d65746144617461" // "onMetaData"
          + " 08 00000000" // ECMA array, count 0 (a lie)
          + "   0008 6475726174696f6e 00 0000000000000000" // duration: 0
          + "   0005 7769647468 00 4094000000000000" // width: 1280
          + "   0006 686569676874 00 4086800000000000" // height: 720
          + "   0009 6672616d6572617465 00 403e000000000000" // framerate: 30
          + "   0007 656e636f646572 02 000c 4c61766636312e372e313030" // encoder: "Lavf61.7.100"
          + " 0000 09";

  @Test
  void decodesSetDataFrameWhoseCountIsZero() {
    assertMetadata(decoder.decodeAll(Hex.buf(SET_DATA_FRAME_COUNT_ZERO)));
  }

  @Test
  void decodesSetDataFrameWhoseCountIsTooLarge() {
    String overcounted = SET_DATA_FRAME_COUNT_ZERO.replace("08 00000000", "08 00000010");
    assertMetadata(decoder.decodeAll(Hex.buf(overcounted)));
  }

  @Test
  void decodesSetDataFrameWhoseCountIsTooSmall() {
    String undercounted = SET_DATA_FRAME_COUNT_ZERO.replace("08 00000000", "08 00000002");
    assertMetadata(decoder.decodeAll(Hex.buf(undercounted)));
  }

  @Test
  void reencodesMetadataAsAnEcmaArrayWithAnHonestCount() {
    List<Object> values = decoder.decodeAll(Hex.buf(SET_DATA_FRAME_COUNT_ZERO));
    ByteBuf out = Amf0Encoder.encodeAll(values.toArray());
    String honest = SET_DATA_FRAME_COUNT_ZERO.replace("08 00000000", "08 00000005");
    assertThat(Hex.of(out)).isEqualTo(Hex.normalize(honest));
  }

  private static void assertMetadata(List<Object> values) {
    assertThat(values).hasSize(3);
    assertThat(values.get(0)).isEqualTo("@setDataFrame");
    assertThat(values.get(1)).isEqualTo("onMetaData");
    assertThat(values.get(2)).isInstanceOf(Amf0EcmaArray.class);
    Amf0EcmaArray metadata = (Amf0EcmaArray) values.get(2);
    assertThat(metadata.keySet())
        .containsExactly("duration", "width", "height", "framerate", "encoder");
    assertThat(metadata.number("width")).isEqualTo(1280.0);
    assertThat(metadata.number("height")).isEqualTo(720.0);
    assertThat(metadata.number("framerate")).isEqualTo(30.0);
    assertThat(metadata.string("encoder")).isEqualTo("Lavf61.7.100");
  }
}
