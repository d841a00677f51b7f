package io.inlet.ingest.message;

import static io.inlet.ingest.message.Vectors.failure;
import static io.inlet.ingest.message.Vectors.parse;
import static org.assertj.core.api.Assertions.assertThat;

import io.inlet.ingest.ProtocolException;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Data messages (spec 7.1.2): given these AMF bytes, expect these values and this metadata. */
class DataMessageTest {

  private static final String SET_DATA_FRAME = "02 000d 40736574446174614672616d65";
  private static final String ON_METADATA = "02 000a 6f6e4d65746144617461";
  /** An ECMA array {width: 1280}. */
  private static final String PROPERTIES = "08 00000001 0005 7769647468 00 4094000000000000 0000 09";

  @Test
  void metadataAsFfmpegAndObsSendIt() {
    DataMessage data = parse(payload -> DataMessage.parse(1, payload, false),
        SET_DATA_FRAME + ON_METADATA + PROPERTIES);

    assertThat(data.values()).hasSize(3).startsWith("@setDataFrame", "onMetaData");
    assertThat(data.metadata()).contains(Map.of("width", 1280.0));
    assertThat(data.typeId()).isEqualTo(MessageType.DATA_AMF0);
  }

  @Test
  void metadataAsFlashSendsIt() {
    DataMessage data = parse(payload -> DataMessage.parse(1, payload, false), ON_METADATA + PROPERTIES);

    assertThat(data.metadata()).contains(Map.of("width", 1280.0));
  }

  @Test
  void metadataInAnAmf3DataMessage() {
    DataMessage data = parse(payload -> DataMessage.parse(1, payload, true), "00" + ON_METADATA + PROPERTIES);

    assertThat(data.metadata()).contains(Map.of("width", 1280.0));
    assertThat(data.typeId()).isEqualTo(MessageType.DATA_AMF3);
  }

  @Test
  void otherDataCarriesNoMetadata() {
    assertThat(parse(payload -> DataMessage.parse(1, payload, false), "").metadata()).isEmpty();
    assertThat(parse(payload -> DataMessage.parse(1, payload, false), ON_METADATA).metadata()).isEmpty();
    DataMessage nulls = parse(payload -> DataMessage.parse(1, payload, false), "02 0006 6f6e43756500 | 05");
    assertThat(nulls.values()).isEqualTo(Arrays.asList("onCue\0", null));
    assertThat(nulls.metadata()).isEmpty();
  }

  @Test
  void malformedAmfIsMalformed() {
    ProtocolException e = failure(payload -> DataMessage.parse(1, payload, false), "08 000000");

    assertThat(e).hasMessage("AMF value ends inside the AMF0 ECMA array count (needs 4 bytes, 3 left)");
    assertThat(e.kind()).isEqualTo(ProtocolException.Kind.MALFORMED);
  }
}
