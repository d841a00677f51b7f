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

/** Set Peer Bandwidth (spec 5.4.5): given these bytes, expect this bandwidth and limit, and back. */
class SetPeerBandwidthTest {

  @ParameterizedTest(name = "{0} <-> {1}, {2}")
  @CsvSource({"002625a000, 2500000, 0", "002625a001, 2500000, 1", "ffffffff02, 4294967295, 2"})
  void parsesAndEncodes(String hex, long size, int limitType) {
    assertThat(parse(SetPeerBandwidth::parse, hex)).isEqualTo(new SetPeerBandwidth(size, limitType));
    assertThat(hex(new SetPeerBandwidth(size, limitType).encode())).isEqualTo(hex);
  }

  @ParameterizedTest(name = "{1}")
  @CsvSource(delimiter = ';', value = {
      "002625a0; Set Peer Bandwidth payload is 4 bytes, expected 5",
      "002625a003; Set Peer Bandwidth uses limit type 3, not 0, 1 or 2"})
  void rejectsMalformed(String hex, String reason) {
    ProtocolException e = failure(SetPeerBandwidth::parse, hex);
    assertThat(e).hasMessage(reason);
    assertThat(e.kind()).isEqualTo(ProtocolException.Kind.MALFORMED);
  }

  @Test
  void valuesThatDoNotFitCannotBeBuilt() {
    assertThatThrownBy(() -> new SetPeerBandwidth(1, 3)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new SetPeerBandwidth(1L << 32, 0)).isInstanceOf(IllegalArgumentException.class);
    assertThat(new SetPeerBandwidth(1, SetPeerBandwidth.LIMIT_DYNAMIC).typeId())
        .isEqualTo(MessageType.SET_PEER_BANDWIDTH);
  }
}
