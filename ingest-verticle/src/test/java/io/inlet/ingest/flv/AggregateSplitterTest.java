package io.inlet.ingest.flv;

import static io.inlet.ingest.flv.TagVectors.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.inlet.ingest.ProtocolException;
import io.inlet.ingest.flv.AggregateSplitter.SubTag;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class AggregateSplitterTest {

  // FLV tag: type, UI24 size, UI24 timestamp, UI8 extended timestamp, UI24 stream id, body, UI32
  // back pointer (11 + size).
  private static final String VIDEO_AT_100 = "09 000005 000064 00 000000 1701000000 00000010";
  private static final String AUDIO_AT_110 = "08 000002 00006e 00 000000 af01 0000000d";
  private static final byte[] TWO_TAGS = bytes(VIDEO_AT_100, AUDIO_AT_110);
  private static final int FIRST_TAG_LENGTH = 11 + 5 + 4;

  private static List<SubTag> split(byte[] payload, long timestamp) {
    return AggregateSplitter.split(Unpooled.wrappedBuffer(payload), timestamp);
  }

  @Test
  void splitsTwoTagsAndRebasesTimestamps() {
    List<SubTag> tags = split(TWO_TAGS, 1000);
    assertThat(tags).hasSize(2);
    assertThat(tags.get(0).typeId()).isEqualTo(9);
    assertThat(tags.get(0).timestamp()).isEqualTo(1000);
    assertThat(ByteBufUtil.hexDump(tags.get(0).body())).isEqualTo("1701000000");
    assertThat(tags.get(1).typeId()).isEqualTo(8);
    assertThat(tags.get(1).timestamp()).isEqualTo(1010);
    assertThat(ByteBufUtil.hexDump(tags.get(1).body())).isEqualTo("af01");
  }

  @Test
  void readsTheExtendedTimestampByteAsTheHighByte() {
    byte[] payload =
        bytes("09 000001 000000 01 000000 aa 0000000c", "09 000001 000010 01 000000 bb 0000000c");
    assertThat(split(payload, 5)).extracting(SubTag::timestamp).containsExactly(5L, 21L);
  }

  @Test
  void rebasingWrapsAt32Bits() {
    byte[] payload =
        bytes("08 000001 000000 00 000000 aa 0000000c", "08 000001 000020 00 000000 bb 0000000c");
    assertThat(split(payload, 0xFFFF_FFF0L))
        .extracting(SubTag::timestamp)
        .containsExactly(0xFFFF_FFF0L, 0x10L);
  }

  @Test
  void subTagBeforeTheFirstStaysBefore() {
    byte[] payload =
        bytes("08 000001 000064 00 000000 aa 0000000c", "08 000001 00005a 00 000000 bb 0000000c");
    assertThat(split(payload, 50)).extracting(SubTag::timestamp).containsExactly(50L, 40L);
  }

  @Test
  void emptyAggregateHasNoTags() {
    assertThat(split(new byte[0], 7)).isEmpty();
  }

  @Test
  void bodiesAreSlicesOfThePayload() {
    byte[] array = TWO_TAGS.clone();
    ByteBuf payload = Unpooled.wrappedBuffer(array);
    List<SubTag> tags = AggregateSplitter.split(payload, 0);
    assertThat(payload.readerIndex()).isZero();
    array[11] = 0x27; // first body byte
    assertThat(tags.get(0).body().getByte(0)).isEqualTo((byte) 0x27);
  }

  @Test
  void truncationAtEveryOffsetIsRejectedUnlessOnATagBoundary() {
    for (int length = 0; length < TWO_TAGS.length; length++) {
      byte[] prefix = Arrays.copyOf(TWO_TAGS, length);
      if (length == 0) {
        assertThat(split(prefix, 0)).isEmpty();
      } else if (length == FIRST_TAG_LENGTH) {
        assertThat(split(prefix, 0)).hasSize(1);
      } else {
        assertThatThrownBy(() -> split(prefix, 0))
            .as("prefix of %d bytes", length)
            .isExactlyInstanceOf(ProtocolException.class)
            .hasMessageStartingWith("aggregate message ends inside the sub-tag");
      }
    }
  }

  @Test
  void bodyRunningPastThePayloadIsRejected() {
    assertThatThrownBy(() -> split(bytes("09 000010 000000 00 000000 aabb"), 0))
        .isExactlyInstanceOf(ProtocolException.class)
        .hasMessageContaining("ends inside the sub-tag body (needs 16 bytes, 2 left)");
  }

  @Test
  void rejectsTypesOtherThanAudioVideoAndScript() {
    assertThatThrownBy(() -> split(bytes("16 000001 000000 00 000000 aa 0000000c"), 0))
        .isExactlyInstanceOf(ProtocolException.class)
        .hasMessageContaining("sub-tag of type 22");
    // The FLV filter (encryption) bit set on a video tag.
    assertThatThrownBy(() -> split(bytes("29 000001 000000 00 000000 aa 0000000c"), 0))
        .isExactlyInstanceOf(ProtocolException.class);
  }

  @Test
  void mutatedAggregateFailsOnlyWithProtocolException() {
    TagVectors.assertOnlyProtocolExceptions(p -> AggregateSplitter.split(p, 0), TWO_TAGS);
  }
}
