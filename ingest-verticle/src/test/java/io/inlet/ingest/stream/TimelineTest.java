package io.inlet.ingest.stream;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** One increasing timeline across a stream's publisher sessions, and no decoding from mid-GOP after a resume. */
class TimelineTest {

  private static final long MS = 1_000_000;
  private final Timeline timeline = new Timeline();

  /** Hands on a packet of decode time {@code dts} arriving at {@code atMs}; returns its shifted dts. */
  private long handOn(long dts, long atMs) {
    long shifted = dts + timeline.offsetFor(dts, atMs * MS);
    timeline.handedOn(shifted);
    return shifted;
  }

  @Test
  void theFirstSessionKeepsItsOwnTimestamps() {
    assertThat(handOn(0, 100)).isEqualTo(0);
    assertThat(handOn(40, 140)).isEqualTo(40);
    assertThat(timeline.admits(true, false)).isTrue();
  }

  @Test
  void aResumedSessionFollowsTheLastPacketByTheGapsLengthAndKeepsItsOwnSpacing() {
    handOn(0, 1_000);
    handOn(5_000, 6_000); // last packet before the gap, at 6 s
    timeline.resumed(6_000 * MS);

    assertThat(handOn(0, 8_500)).isEqualTo(5_000 + 2_500); // the new encoder starts at 0; 2.5 s of gap
    assertThat(handOn(40, 8_540)).isEqualTo(7_540);
    assertThat(handOn(23, 8_541)).as("audio moves with video").isEqualTo(7_523);
  }

  @Test
  void anEncoderThatContinuesItsOwnClockIsShiftedTheSameWay() {
    handOn(90_000, 1_000);
    timeline.resumed(1_000 * MS);
    assertThat(handOn(92_000, 2_000)).isEqualTo(91_000); // the gap counts, not the encoder's own jump
  }

  @Test
  void everyResumeRebasesOnceMore() {
    handOn(1_000, 1_000);
    timeline.resumed(1_000 * MS);
    assertThat(handOn(0, 3_000)).isEqualTo(3_000);
    timeline.resumed(3_000 * MS);
    assertThat(handOn(0, 4_000)).isEqualTo(4_000);
  }

  @Test
  void afterAResumeVideoWaitsForAKeyframeWhileAudioAndConfigurationGoOn() {
    handOn(0, 0);
    timeline.resumed(0);
    assertThat(timeline.admits(true, false)).as("a frame in the middle of a GOP").isFalse();
    assertThat(timeline.admits(false, true)).as("audio, or a sequence header").isTrue();
    assertThat(timeline.admits(true, true)).as("the new session's first keyframe").isTrue();
    assertThat(timeline.admits(true, false)).as("the frames after it").isTrue();
  }
}
