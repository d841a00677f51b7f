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

/** Acknowledgement (spec 5.4.3): given these bytes, expect this sequence number, and back. */
class AcknowledgementTest {

  @ParameterizedTest(name = "{0} <-> {1}")
  @CsvSource({"00000000, 0", "00000c01, 3073", "ffffffff, 4294967295"})
  void parsesAndEncodes(String hex, long sequenceNumber) {
    assertThat(parse(Acknowledgement::parse, hex)).isEqualTo(new Acknowledgement(sequenceNumber));
    assertThat(hex(new Acknowledgement(sequenceNumber).encode())).isEqualTo(hex);
  }

  @Test
  void rejectsAWrongSize() {
    ProtocolException e = failure(Acknowledgement::parse, "0000");
    assertThat(e).hasMessage("Acknowledgement payload is 2 bytes, expected 4");
    assertThat(e.kind()).isEqualTo(ProtocolException.Kind.MALFORMED);
  }

  @Test
  void aSequenceNumberPast32BitsCannotBeBuilt() {
    assertThatThrownBy(() -> new Acknowledgement(1L << 32)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Acknowledgement(-1)).isInstanceOf(IllegalArgumentException.class);
    assertThat(new Acknowledgement(0).typeId()).isEqualTo(MessageType.ACKNOWLEDGEMENT);
  }
}
