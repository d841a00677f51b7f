package io.inlet.ingest.message;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MessageTypeTest {

  @Test
  void namesMessageTypes() {
    assertThat(MessageType.name(MessageType.SET_CHUNK_SIZE)).isEqualTo("SetChunkSize");
    assertThat(MessageType.name(MessageType.COMMAND_AMF0)).isEqualTo("CommandAmf0");
    assertThat(MessageType.name(MessageType.AGGREGATE)).isEqualTo("Aggregate");
    assertThat(MessageType.name(7)).isEqualTo("unknown(7)");
  }
}
