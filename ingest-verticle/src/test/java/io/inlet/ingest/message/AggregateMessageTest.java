package io.inlet.ingest.message;

import static io.inlet.ingest.message.Vectors.failure;
import static io.inlet.ingest.message.Vectors.parse;
import static org.assertj.core.api.Assertions.assertThat;

import io.inlet.bus.TrackKind;
import io.inlet.ingest.ProtocolException;
import org.junit.jupiter.api.Test;

/**
 * Aggregate messages (spec 7.1.6): given these FLV tags, expect these audio and video messages (the
 * splitting itself is AggregateSplitterTest's).
 */
class AggregateMessageTest {

  /** Video at 100, script data at 100, audio at 110 (sub-tag clock), each with its back pointer. */
  private static final String THREE_TAGS =
      "09 000005 000064 00 000000 | 17 01 000000 | 00000010"
          + "12 000001 000064 00 000000 | 05 | 0000000c"
          + "08 000002 00006e 00 000000 | af 01 | 0000000d";

  @Test
  void splitsIntoMediaMessagesRebasedOnTheAggregateTimestamp() {
    AggregateMessage aggregate = parse(payload -> AggregateMessage.parse(1, 1000, payload), THREE_TAGS);

    assertThat(aggregate.payloadBytes()).isEqualTo(53);
    assertThat(aggregate.typeId()).isEqualTo(MessageType.AGGREGATE);
    assertThat(aggregate.parts()).hasSize(2);
    assertThat(aggregate.parts()).extracting(MediaMessage::track).containsExactly(TrackKind.VIDEO, TrackKind.AUDIO);
    assertThat(aggregate.parts()).extracting(MediaMessage::timestamp).containsExactly(1000L, 1010L);
    assertThat(aggregate.parts()).extracting(MediaMessage::payloadBytes).containsExactly(5, 2);
    assertThat(aggregate.parts()).allSatisfy(part -> assertThat(part.messageStreamId()).isEqualTo(1));
  }

  @Test
  void aMalformedPartIsMalformed() {
    ProtocolException e = failure(payload -> AggregateMessage.parse(1, 0, payload),
        "09 000001 000000 00 000000 | 00 | 0000000c");

    assertThat(e).hasMessage("video message uses reserved video frame type 0");
    assertThat(e.kind()).isEqualTo(ProtocolException.Kind.MALFORMED);
  }

  @Test
  void aTruncatedSubTagIsMalformed() {
    ProtocolException e = failure(payload -> AggregateMessage.parse(1, 0, payload), "09 000010 000000");

    assertThat(e.reason()).startsWith("aggregate message ends inside the sub-tag");
    assertThat(e.kind()).isEqualTo(ProtocolException.Kind.MALFORMED);
  }
}
