package io.inlet.ingest.flv;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.inlet.ingest.ProtocolException;
import io.inlet.ingest.message.MessageType;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.List;

/**
 * Any audio, video or aggregate message body: tags that are slices inside the payload, or a
 * ProtocolException; the payload's reader index never moves.
 */
class TagParserFuzzTest {

  @FuzzTest(maxDuration = "60s")
  void videoTag(byte[] input) {
    parse(Unpooled.wrappedBuffer(input), MessageType.VIDEO);
  }

  @FuzzTest(maxDuration = "60s")
  void audioTag(byte[] input) {
    parse(Unpooled.wrappedBuffer(input), MessageType.AUDIO);
  }

  /** The first four bytes are the aggregate message's timestamp, the rest its body. */
  @FuzzTest(maxDuration = "60s")
  void aggregate(byte[] input) {
    if (input.length < 4) {
      return;
    }
    long timestamp = Unpooled.wrappedBuffer(input).getUnsignedInt(0);
    ByteBuf payload = Unpooled.wrappedBuffer(input, 4, input.length - 4);
    List<AggregateSplitter.SubTag> tags;
    try {
      tags = AggregateSplitter.split(payload, timestamp);
    } catch (ProtocolException e) {
      assertThat(payload.readerIndex()).isZero();
      return;
    }
    assertThat(payload.readerIndex()).isZero();
    for (AggregateSplitter.SubTag tag : tags) {
      assertThat(tag.timestamp()).isBetween(0L, 0xFFFF_FFFFL);
      assertThat(tag.body().readableBytes()).isLessThanOrEqualTo(payload.readableBytes());
      // What the demuxer does next with each sub-tag.
      parse(tag.body(), tag.typeId());
    }
  }

  private static void parse(ByteBuf payload, int typeId) {
    int readerIndex = payload.readerIndex();
    List<FlvMediaTag> tags;
    try {
      tags = switch (typeId) {
        case MessageType.VIDEO -> VideoTagParser.parse(payload);
        case MessageType.AUDIO -> AudioTagParser.parse(payload);
        default -> List.of();
      };
    } catch (ProtocolException e) {
      assertThat(payload.readerIndex()).isEqualTo(readerIndex);
      assertThat(e.reason()).isNotBlank();
      return;
    }
    assertThat(payload.readerIndex()).isEqualTo(readerIndex);
    assertThat(tags).hasSizeLessThanOrEqualTo(Multitrack.MAX_TRACKS);
    for (FlvMediaTag tag : tags) {
      assertThat(tag.data().readableBytes()).isLessThanOrEqualTo(payload.readableBytes());
      assertThat(tag.codec()).isNotNull();
      assertThat(tag.type()).isNotNull();
    }
  }
}
