package io.inlet.ingest.message;

import static io.inlet.ingest.message.Vectors.failure;
import static io.inlet.ingest.message.Vectors.hex;
import static io.inlet.ingest.message.Vectors.parse;
import static org.assertj.core.api.Assertions.assertThat;

import io.inlet.bus.MediaCodec;
import io.inlet.bus.TrackKind;
import io.inlet.ingest.ProtocolException;
import io.inlet.ingest.flv.FlvMediaTag;
import io.inlet.ingest.flv.FlvPacketType;
import io.netty.buffer.ByteBuf;
import org.junit.jupiter.api.Test;

/**
 * Audio and video messages (spec 7.1.5): given these bytes, expect these tags (the tag formats
 * themselves are VideoTagParserTest's and AudioTagParserTest's).
 */
class MediaMessageTest {

  @Test
  void aLegacyAvcKeyframe() {
    MediaMessage video = parse(payload -> MediaMessage.video(1, 40, payload), "17 01 000000 | aabbcc");

    assertThat(video.track()).isEqualTo(TrackKind.VIDEO);
    assertThat(video.messageStreamId()).isEqualTo(1);
    assertThat(video.timestamp()).isEqualTo(40);
    assertThat(video.payloadBytes()).isEqualTo(8);
    assertThat(video.typeId()).isEqualTo(MessageType.VIDEO);
    assertThat(video.tags()).singleElement().satisfies(tag -> {
      assertThat(tag.track()).isEqualTo(TrackKind.VIDEO);
      assertThat(tag.codec()).isEqualTo(MediaCodec.H264);
      assertThat(tag.type()).isEqualTo(FlvPacketType.CODED_FRAMES);
      assertThat(tag.keyframe()).isTrue();
      assertThat(hex(tag.data())).isEqualTo("aabbcc");
    });
  }

  @Test
  void theTagDataIsASliceOfThePayloadNotACopy() {
    ByteBuf payload = Vectors.payload("17 01 000000 | aabbcc");
    FlvMediaTag tag = MediaMessage.video(1, 0, payload).tags().get(0);

    payload.setByte(5, 0x11);

    assertThat(hex(tag.data())).isEqualTo("11bbcc");
  }

  @Test
  void anEmptyVideoMessageIsMalformed() {
    ProtocolException e = failure(payload -> MediaMessage.video(1, 0, payload), "");

    assertThat(e).hasMessage("video message ends inside the video tag header (needs 1 bytes, 0 left)");
    assertThat(e.kind()).isEqualTo(ProtocolException.Kind.MALFORMED);
  }

  @Test
  void aLegacyAacFrame() {
    MediaMessage audio = parse(payload -> MediaMessage.audio(1, 41, payload), "af 01 | 2110");

    assertThat(audio.track()).isEqualTo(TrackKind.AUDIO);
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
    MediaMessage audio = parse(payload -> MediaMessage.audio(1, 0, payload), "");

    assertThat(audio.tags()).isEmpty();
    assertThat(audio.payloadBytes()).isZero();
  }

  @Test
  void aTruncatedAudioTagIsMalformed() {
    ProtocolException e = failure(payload -> MediaMessage.audio(1, 0, payload), "af");

    assertThat(e).hasMessage("audio message ends inside the AACPacketType (needs 1 bytes, 0 left)");
    assertThat(e.kind()).isEqualTo(ProtocolException.Kind.MALFORMED);
  }
}
