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

/** Set Chunk Size (spec 5.4.1): given these bytes, expect this size, and back. */
class SetChunkSizeTest {

  @ParameterizedTest(name = "{0} <-> {1}")
  @CsvSource({"00000001, 1", "00000080, 128", "00001000, 4096", "7fffffff, 2147483647"})
  void parsesAndEncodes(String hex, int size) {
    assertThat(parse(SetChunkSize::parse, hex)).isEqualTo(new SetChunkSize(size));
    assertThat(hex(new SetChunkSize(size).encode())).isEqualTo(hex);
  }

  @ParameterizedTest(name = "{1}")
  @CsvSource(delimiter = ';', value = {
      "00000000; Set Chunk Size of 0 is below the minimum of 1",
      "80001000; Set Chunk Size has its reserved top bit set",
      "001000; Set Chunk Size payload is 3 bytes, expected 4",
      "0000100000; Set Chunk Size payload is 5 bytes, expected 4"})
  void rejectsMalformed(String hex, String reason) {
    ProtocolException e = failure(SetChunkSize::parse, hex);
    assertThat(e).hasMessage(reason);
    assertThat(e.kind()).isEqualTo(ProtocolException.Kind.MALFORMED);
  }

  @Test
  void aSizeBelowOneCannotBeBuilt() {
    assertThatThrownBy(() -> new SetChunkSize(0)).isInstanceOf(IllegalArgumentException.class);
    assertThat(new SetChunkSize(1).typeId()).isEqualTo(MessageType.SET_CHUNK_SIZE);
  }
}
