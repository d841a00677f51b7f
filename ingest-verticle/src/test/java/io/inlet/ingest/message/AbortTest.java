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

/** Abort (spec 5.4.2): given these bytes, expect this chunk stream, and back. */
class AbortTest {

  @ParameterizedTest(name = "{0} <-> {1}")
  @CsvSource({"00000002, 2", "00000006, 6", "0001003f, 65599"})
  void parsesAndEncodes(String hex, int chunkStreamId) {
    assertThat(parse(Abort::parse, hex)).isEqualTo(new Abort(chunkStreamId));
    assertThat(hex(new Abort(chunkStreamId).encode())).isEqualTo(hex);
  }

  @ParameterizedTest(name = "{1}")
  @CsvSource(delimiter = ';', value = {
      "00000001; Abort names chunk stream 1, outside 2..65599",
      "00010040; Abort names chunk stream 65600, outside 2..65599",
      "ffffffff; Abort names chunk stream 4294967295, outside 2..65599",
      "''; Abort payload is 0 bytes, expected 4"})
  void rejectsMalformed(String hex, String reason) {
    ProtocolException e = failure(Abort::parse, hex);
    assertThat(e).hasMessage(reason);
    assertThat(e.kind()).isEqualTo(ProtocolException.Kind.MALFORMED);
  }

  @Test
  void onlyRealChunkStreamsCanBeBuilt() {
    assertThatThrownBy(() -> new Abort(1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Abort(65600)).isInstanceOf(IllegalArgumentException.class);
    assertThat(new Abort(2).typeId()).isEqualTo(MessageType.ABORT);
  }
}
