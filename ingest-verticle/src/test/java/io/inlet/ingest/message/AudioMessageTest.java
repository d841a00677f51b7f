package io.inlet.ingest.message;

import static io.inlet.ingest.message.Vectors.failure;
import static io.inlet.ingest.message.Vectors.hex;
import static io.inlet.ingest.message.Vectors.parse;
import static org.assertj.core.api.Assertions.assertThat;

import io.inlet.bus.MediaCodec;
import io.inlet.bus.TrackKind;
import io.inlet.ingest.ProtocolException;
import io.inlet.ingest.flv.FlvPacketType;
import org.junit.jupiter.api.Test;

/**
 * Audio messages (spec 7.1.5): given these bytes, expect these tags (the tag formats themselves are
 * AudioTagParserTest's).
 */
class AudioMessageTest {

  @Test
  void aLegacyAacFrame() {
    AudioMessage audio = parse(payload -> AudioMessage.parse(1, 41, payload), "af 01 | 2110");

    assertThat(audio.messageStreamId()).isEqualTo(1);
    assertThat(audio.timestamp()).isEqualTo(41);
    assertThat(audio.payloadBytes()).isEqualTo(4);
    assertThat(audio.typeId()).isEqualTo(MessageType.AUDIO);
    assertThat(audio.tags()).singleElement().satisfies(tag -> {
      assertThat(tag.track()).isEqualTo(TrackKind.AUDIO);
      assertThat(tag.codec()).isEqualTo(MediaCodec.AAC);
      assertThat(tag.type()).isEqualTo(FlvPacketType.CODED_FRAMES);
      assertThat(hex(tag.data())).isEqualTo("2110");
    });
  }

  @Test
  void anEmptyAudioMessageIsSilence() {
    AudioMessage audio = parse(payload -> AudioMessage.parse(1, 0, payload), "");

    assertThat(audio.tags()).isEmpty();
    assertThat(audio.payloadBytes()).isZero();
  }

  @Test
  void aTruncatedTagIsMalformed() {
    ProtocolException e = failure(payload -> AudioMessage.parse(1, 0, payload), "af");

    assertThat(e).hasMessage("audio message ends inside the AACPacketType (needs 1 bytes, 0 left)");
    assertThat(e.kind()).isEqualTo(ProtocolException.Kind.MALFORMED);
  }
}
