package io.inlet.ingest.message;

import static io.inlet.ingest.message.Vectors.failure;
import static io.inlet.ingest.message.Vectors.hex;
import static io.inlet.ingest.message.Vectors.parse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.inlet.ingest.ProtocolException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Window Acknowledgement Size (spec 5.4.4): given these bytes, expect this window, and back. */
class WindowAckSizeTest {

  @ParameterizedTest(name = "{0} <-> {1}")
  @CsvSource({"00000000, 0", "002625a0, 2500000", "ffffffff, 4294967295"})
  void parsesAndEncodes(String hex, long size) {
    assertThat(parse(WindowAckSize::parse, hex)).isEqualTo(new WindowAckSize(size));
    assertThat(hex(new WindowAckSize(size).encode())).isEqualTo(hex);
  }

  @Test
  void rejectsAWrongSize() {
    ProtocolException e = failure(WindowAckSize::parse, "002625a002");
    assertThat(e).hasMessage("Window Acknowledgement Size payload is 5 bytes, expected 4");
    assertThat(e.kind()).isEqualTo(ProtocolException.Kind.MALFORMED);
  }

  @Test
  void aWindowPast32BitsCannotBeBuilt() {
    assertThatThrownBy(() -> new WindowAckSize(-1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new WindowAckSize(1L << 32)).isInstanceOf(IllegalArgumentException.class);
    assertThat(new WindowAckSize(1).typeId()).isEqualTo(MessageType.WINDOW_ACK_SIZE);
  }
}
