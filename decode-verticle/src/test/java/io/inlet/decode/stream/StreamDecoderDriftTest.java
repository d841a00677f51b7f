package io.inlet.decode.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.inlet.bus.MediaCodec;
import io.inlet.decode.codec.DecoderSettings;
import io.inlet.decode.testing.BusPackets;
import io.inlet.decode.testing.RecordingSink;
import io.inlet.decode.testing.TestMedia;
import io.inlet.testkit.Demuxed;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * {@code avDriftMs} on real H.264 (with B-frames) and AAC, both tracks interleaved as a publisher
 * sends them: in decode order, each packet arriving when the test says, on a clock the test moves.
 */
class StreamDecoderDriftTest {

  private static final long START = 1_700_000_000_000_000L;
  private static final long MS = 1_000_000;

  private final AtomicLong clock = new AtomicLong(START);
  private final StreamDecoder decoder = new StreamDecoder("cam1", List.of(new RecordingSink()), DecoderSettings.DEFAULT,
      10_000, clock::get);
  private final BusPackets bus = new BusPackets("cam1");
  private final List<Long> driftAfterEachPacket = new ArrayList<>();

  @Test
  void aStreamInStepWithBFramesReadsZeroAtEveryPacket() {
    Demuxed video = TestMedia.H264.demux();
    assertThat(video.packets()).anyMatch(p -> p.ptsMillis() != p.dtsMillis()); // B-frames: pts is not dts
    // Each packet arrives when its decode timestamp says: the encoder and the network keep time.
    publish(video, TestMedia.AAC.demux(), 0, 0, 0);

    // The old figure, pts against arrival of the latest frame, jumped by each frame's composition offset.
    assertThat(driftAfterEachPacket).containsOnly(0L);
    assertThat(decoder.stats().toJson().getJsonObject("stats").getLong("avDriftMs")).isZero();
  }

  @Test
  void audioArrivingLateRelativeToVideoReadsAsAPositiveDrift() {
    publish(TestMedia.H264.demux(), TestMedia.AAC.demux(), 0, 0, 200);

    assertThat(decoder.stats().toJson().getJsonObject("stats").getLong("avDriftMs")).isEqualTo(200);
    publish(TestMedia.H264.demux(), TestMedia.AAC.demux(), 2_000, 35, 0); // now video is the late one
    assertThat(decoder.stats().avDriftMillis()).isEqualTo(-35);
  }

  @Test
  void bothTracksShiftedAtOnceLeaveTheDriftAtZero() {
    Demuxed video = TestMedia.H264.demux();
    Demuxed audio = TestMedia.AAC.demux();
    publish(video, audio, 0, 0, 0);
    // The timestamps jump 10 s ahead on both tracks at once, the arrivals go on: (arrival - dts) falls
    // by 10 s on both. Two more seconds of media later, the window holds only the new timeline.
    publish(video, audio, 12_000, -10_000, -10_000);
    publish(video, audio, 14_000, -10_000, -10_000);

    assertThat(decoder.stats().avDriftMillis()).isZero();
  }

  /**
   * Both tracks, their timestamps moved by {@code offsetMillis}, interleaved in decode order; a packet
   * arrives at its dts plus its track's lateness (on the test's clock), the clock then reads that time.
   */
  private void publish(Demuxed video, Demuxed audio, long offsetMillis, long videoLateMillis, long audioLateMillis) {
    record Arrival(MediaCodec codec, Demuxed.Packet packet, long atNanos) {}
    List<Arrival> arrivals = new ArrayList<>();
    video.packets().forEach(p -> arrivals.add(new Arrival(MediaCodec.H264, p, at(p, offsetMillis, videoLateMillis))));
    audio.packets().forEach(p -> arrivals.add(new Arrival(MediaCodec.AAC, p, at(p, offsetMillis, audioLateMillis))));
    arrivals.sort(Comparator.comparingLong(Arrival::atNanos));
    clock.set(Math.max(clock.get(), arrivals.get(0).atNanos()));
    decoder.onPacket(bus.config(MediaCodec.H264, video.extradata(), clock.get()));
    decoder.onPacket(bus.config(MediaCodec.AAC, audio.extradata(), clock.get()));
    for (Arrival arrival : arrivals) {
      clock.set(Math.max(clock.get(), arrival.atNanos()));
      decoder.onPacket(bus.frame(arrival.codec(), arrival.packet(), offsetMillis, arrival.atNanos()));
      driftAfterEachPacket.add(decoder.stats().avDriftMillis());
    }
  }

  private static long at(Demuxed.Packet packet, long offsetMillis, long lateMillis) {
    return START + (packet.dtsMillis() + offsetMillis + lateMillis) * MS;
  }
}
