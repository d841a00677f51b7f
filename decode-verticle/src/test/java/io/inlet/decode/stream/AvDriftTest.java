package io.inlet.decode.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.inlet.bus.TrackKind;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The drift estimator on synthetic packet timings: video every 40 ms, audio every 21 ms (AAC at 48 kHz),
 * interleaved as they arrive; {@code audioLate} and {@code shift} say how the timings depart from
 * a publisher in step.
 */
class AvDriftTest {

  private static final long MS = 1_000_000;
  /** Any origin: here a negative {@code System.nanoTime()} reading. */
  private static final long T0 = -4_000_000 * MS;

  private final AvDrift drift = new AvDrift();
  /** The drift read after each packet, with the stream time (ms) it was read at. */
  private final List<long[]> readings = new ArrayList<>();

  @Test
  void withoutBothTracksThereIsNoDrift() {
    assertThat(drift.millis()).isZero();
    drift.add(TrackKind.AUDIO, T0, 0);
    drift.add(TrackKind.AUDIO, T0 + 500 * MS, 0); // wildly off, but nothing to compare it with
    assertThat(drift.millis()).isZero();
  }

  @Test
  void aTrackSilentForLongerThanTheWindowNoLongerCounts() {
    play(0, 2_000, t -> 0, t -> 300);
    assertThat(drift.millis()).isEqualTo(300);
    for (long t = 2_000; t <= 5_100; t += 40) {
      drift.add(TrackKind.VIDEO, T0 + t * MS, t); // the audio encoder died at 2 s
    }
    assertThat(drift.millis()).isZero();
  }

  @Test
  void oneLatePacketOrAJitteryNetworkDoNotMoveIt() {
    // Audio arrives in bursts: each packet up to 60 ms late, then a 2 s stall on one packet.
    play(0, 3_000, t -> 0, t -> (t / 21) % 4 * 20);
    drift.add(TrackKind.AUDIO, T0 + 3_000 * MS + 2_000 * MS, 3_000);
    assertThat(drift.millis()).isBetween(20L, 40L);
  }

  @Test
  void itFollowsAnEncoderThatDriftsSlowly() {
    // Audio falls behind by 30 ms a second, from 0 to 300 ms over 10 s.
    play(0, 10_000, t -> 0, t -> t * 30 / 1_000);
    // The median of the last 3 s: the lateness of 1.5 s ago, within a packet.
    assertThat(drift.millis()).isBetween(253L, 257L);
  }

  @Test
  void bothTracksShiftedAtOnceLeaveItAtZero() {
    // At 5 s both timelines jump: 10 s later arrivals for the same timestamps (a resumed publisher whose
    // gap was not re-based), then 10 s earlier ones at 15 s (timestamps jumping ahead).
    play(0, 20_000, t -> t < 5_000 ? 0 : t < 15_000 ? 10_000 : 0, t -> t < 5_000 ? 0 : t < 15_000 ? 10_000 : 0);

    assertThat(readings).allSatisfy(r -> {
      long at = r[0];
      boolean settled = at < 5_000 || (at > 8_000 && at < 15_000) || at > 18_000;
      if (settled) {
        assertThat(r[1]).as("at %d ms", at).isZero();
      }
    });
    // While a jump crosses the middle of the window, the two medians flip within one packet interval of
    // each other: off 0 for at most the few packets of one video interval, once per jump.
    assertThat(readings.stream().filter(r -> r[1] != 0 && r[0] < 15_000).count()).isBetween(0L, 3L);
    assertThat(readings.stream().filter(r -> r[1] != 0 && r[0] >= 15_000).count()).isBetween(0L, 3L);
  }

  /** The lateness (ms) of a track's packet whose timestamp is {@code t} ms. */
  private interface Lateness {
    long at(long t);
  }

  /** Video and audio packets of stream times [from, to) ms, arriving at their timestamp plus lateness. */
  private void play(long from, long to, Lateness videoLate, Lateness audioLate) {
    long video = from;
    long audio = from;
    while (video < to || audio < to) {
      long t;
      if (video <= audio && video < to) {
        t = video;
        arriveAt(TrackKind.VIDEO, t, videoLate.at(t));
        video += 40;
      } else {
        t = audio;
        arriveAt(TrackKind.AUDIO, t, audioLate.at(t));
        audio += 21;
      }
      readings.add(new long[] {t, drift.millis()});
    }
  }

  private void arriveAt(TrackKind track, long dtsMillis, long lateMillis) {
    // A jump of the arrivals by +10 s is the same as timestamps 10 s behind them: dts moves, arrival is real time.
    drift.add(track, T0 + dtsMillis * MS, dtsMillis - lateMillis);
  }
}
