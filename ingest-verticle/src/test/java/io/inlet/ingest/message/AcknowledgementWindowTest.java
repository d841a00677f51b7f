package io.inlet.ingest.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Acknowledgement accounting (spec 5.4.3, 5.4.4): given these reads, expect acks here. */
class AcknowledgementWindowTest {

  static Stream<Arguments> reads() {
    return Stream.of(
        Arguments.of("no window, no acknowledgements", 0L,
            List.of(3073L, 10_000_000L), List.of(false, false), 10_003_073L),
        Arguments.of("due when the window is reached, not before", 100L,
            List.of(99L, 1L, 50L, 49L, 1L), List.of(false, true, false, false, true), 200L),
        Arguments.of("one acknowledgement covers a read spanning several windows", 100L,
            List.of(250L, 99L, 1L), List.of(true, false, true), 350L),
        Arguments.of("byte by byte", 3L,
            List.of(1L, 1L, 1L, 1L, 1L, 1L), List.of(false, false, true, false, false, true), 6L),
        Arguments.of("largest window", 0xFFFFFFFFL,
            List.of(0xFFFFFFFEL, 1L), List.of(false, true), 0xFFFFFFFFL),
        Arguments.of("the sequence number wraps at 2^32", 2_500_000L,
            List.of(0xFFFFFFFFL, 2L), List.of(true, false), 1L));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("reads")
  void acknowledges(String name, long window, List<Long> reads, List<Boolean> due, long sequence) {
    AcknowledgementWindow acks = new AcknowledgementWindow();
    acks.setWindow(window);
    List<Boolean> actual = new ArrayList<>();
    for (long read : reads) {
      actual.add(acks.onBytesReceived(read));
    }

    assertThat(actual).isEqualTo(due);
    assertThat(acks.sequenceNumber()).isEqualTo(sequence);
  }

  @Test
  void countsBytesFromBeforeTheWindowWasSet() {
    AcknowledgementWindow acks = new AcknowledgementWindow();
    assertThat(acks.onBytesReceived(3073)).isFalse(); // the handshake, before any window

    acks.setWindow(4000);

    assertThat(acks.onBytesReceived(926)).isFalse();
    assertThat(acks.onBytesReceived(1)).isTrue();
    assertThat(acks.sequenceNumber()).isEqualTo(4000);
  }

  @Test
  void aZeroWindowTurnsAcknowledgementsOff() {
    AcknowledgementWindow acks = new AcknowledgementWindow();
    acks.setWindow(10);
    acks.setWindow(0);

    assertThat(acks.onBytesReceived(1000)).isFalse();
    assertThat(acks.window()).isZero();
  }

  @Test
  void rejectsImpossibleValues() {
    AcknowledgementWindow acks = new AcknowledgementWindow();
    assertThatThrownBy(() -> acks.setWindow(1L << 32)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> acks.setWindow(-1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> acks.onBytesReceived(-1)).isInstanceOf(IllegalArgumentException.class);
  }
}
