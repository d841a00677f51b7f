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
            new long[] {0, -0x8000_0000L}),
        Arguments.of(
            "FFmpeg's clock wraps at 2^31 and continues forward",
            new long[] {0x7FFF_FF00L, 0x0000_0100L, 0x4000_0000L, 0x7FFF_FFF0L, 0x0000_0010L},
            new long[] {0x7FFF_FF00L, 0x8000_0100L, 0xC000_0000L, 0xFFFF_FFF0L, 0x1_0000_0010L}),
        Arguments.of(
            "after a 2^31 wrap, a small step back across it stays small",
            new long[] {0x7FFF_FFD0L, 0x0000_000AL, 0x7FFF_FFF8L, 0x0000_0014L},
            new long[] {0x7FFF_FFD0L, 0x8000_000AL, 0x7FFF_FFF8L, 0x8000_0014L}),
        Arguments.of(
            "a drop from the top of 31 bits to far above 0 stays backward",
            new long[] {0x7FFF_FF00L, TimelineExtender.WRAP_WINDOW_MS + 0x200},
            new long[] {0x7FFF_FF00L, TimelineExtender.WRAP_WINDOW_MS + 0x200}));
  }

  /**
   * The message times of {@code ffmpeg -re -copyts -i clip.flv -c copy -output_ts_offset 4294965 -f flv rtmp://…}
   * around its wrap, as the 4 timestamp bytes of its FLV tags (UI24 then the extension byte, whose
   * top bit FFmpeg clears): 4,294,965,000 ms is sent as 2,147,481,352, and 2^32 ms as 0.
   */
  @Test
  void followsFfmpegsWrapAtTwoToTheThirtyOne() {
    int[][] tagTimestamps = {
        {0x00, 0x00, 0x00, 0x00}, // sequence headers
        {0xFF, 0xF6, 0xCD, 0x7F}, // the first frame
        {0xFF, 0xFF, 0xDD, 0x7F},
        {0xFF, 0xFF, 0xF2, 0x7F}, // 2,147,483,634: the last message before the wrap
        {0x00, 0x00, 0x05, 0x00}, // 21 ms later
        {0x00, 0x00, 0x2D, 0x00}};
    long[] expected = {0, 2_147_481_293L, 2_147_483_613L, 2_147_483_634L, 2_147_483_653L, 2_147_483_693L};
    TimelineExtender extender = new TimelineExtender();
    for (int i = 0; i < tagTimestamps.length; i++) {
      int[] bytes = tagTimestamps[i];
      long raw = ((long) bytes[3] << 24) | (bytes[0] << 16) | (bytes[1] << 8) | bytes[2];
      assertThat(extender.extend(raw)).as("message %d", i).isEqualTo(expected[i]);
    }
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
