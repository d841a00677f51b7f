package io.inlet.ingest.flv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class TimelineExtenderTest {

  /** Raw 32-bit timestamps fed in order, and the 64-bit times they must come out as. */
  static Stream<Arguments> sequences() {
    return Stream.of(
        Arguments.of(
            "first value taken as is", new long[] {0xFFFF_FF00L}, new long[] {0xFFFF_FF00L}),
        Arguments.of(
            "wrap-around continues forward",
            new long[] {0xFFFF_FF00L, 0x0000_0100L, 0x0000_0200L},
            new long[] {0xFFFF_FF00L, 0x1_0000_0100L, 0x1_0000_0200L}),
        Arguments.of(
            "two wraps",
            new long[] {0xF000_0000L, 0x2000_0000L, 0x9000_0000L, 0x0000_0010L},
            new long[] {0xF000_0000L, 0x1_2000_0000L, 0x1_9000_0000L, 0x2_0000_0010L}),
        Arguments.of(
            "small backward step stays backward",
            new long[] {1000, 900, 1100},
            new long[] {1000, 900, 1100}),
        Arguments.of(
            "backward step across the wrap",
            new long[] {0x0000_0010L, 0xFFFF_FFF0L},
            new long[] {0x10L, -0x10L}),
        Arguments.of(
            "big forward jump under 2^31",
            new long[] {1000, 1000 + 0x7FFF_0000L},
            new long[] {1000, 1000 + 0x7FFF_0000L}),
        Arguments.of(
            "a jump of 2^31 or more reads as backward",
            new long[] {0, 0x8000_0000L},
            new long[] {0, -0x8000_0000L}));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("sequences")
  void extends32BitClock(String name, long[] raw, long[] expected) {
    TimelineExtender extender = new TimelineExtender();
    for (int i = 0; i < raw.length; i++) {
      assertThat(extender.extend(raw[i])).as("value %d", i).isEqualTo(expected[i]);
    }
  }

  @Test
  void rejectsValuesOutside32Bits() {
    TimelineExtender extender = new TimelineExtender();
    assertThatThrownBy(() -> extender.extend(-1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> extender.extend(0x1_0000_0000L))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
