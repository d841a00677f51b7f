package io.inlet.ingest.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.inlet.bus.MediaCodec;
import io.inlet.bus.PacketKind;
import io.inlet.bus.TrackKind;
import io.inlet.ingest.flv.FlvMediaTag;
import io.inlet.ingest.flv.FlvPacketType;
import io.inlet.ingest.message.MediaMessage;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Parsed media to packets: the 64-bit timeline, the track choice, what a decoder takes. */
class StreamDemuxerTest {

  private final List<DemuxedPacket> packets = new ArrayList<>();
  private final List<String> notices = new ArrayList<>();
  private final StreamDemuxer demuxer = new StreamDemuxer(packets::add, notices::add);

  private static FlvMediaTag video(int trackId, FlvPacketType type, boolean key, int compositionTime, ByteBuf data) {
    return new FlvMediaTag(TrackKind.VIDEO, MediaCodec.H264, trackId, type, key, compositionTime, data);
  }

  private static FlvMediaTag audio(int trackId, FlvPacketType type) {
    return new FlvMediaTag(TrackKind.AUDIO, MediaCodec.AAC, trackId, type, true, 0, Unpooled.EMPTY_BUFFER);
  }

  private void accept(long timestamp, FlvMediaTag... tags) {
    demuxer.accept(new MediaMessage(TrackKind.VIDEO, 1, timestamp, List.of(tags), 0), 7);
  }

  @Test
  void mapsTagTypesToPacketKindsAndKeepsDataAsASlice() {
    ByteBuf frame = Unpooled.wrappedBuffer(new byte[] {1, 2, 3});
    accept(1000,
        video(0, FlvPacketType.SEQUENCE_START, false, 0, Unpooled.EMPTY_BUFFER),
        video(0, FlvPacketType.CODED_FRAMES, false, 40, frame),
        video(0, FlvPacketType.METADATA, false, 0, Unpooled.EMPTY_BUFFER),
        video(0, FlvPacketType.COMMAND, false, 0, Unpooled.EMPTY_BUFFER),
        video(0, FlvPacketType.SEQUENCE_END, false, 0, Unpooled.EMPTY_BUFFER));

    assertThat(packets).extracting(DemuxedPacket::kind)
        .containsExactly(PacketKind.CONFIG, PacketKind.FRAME, PacketKind.END);
    assertThat(packets).extracting(DemuxedPacket::keyframe).containsExactly(true, false, true);
    assertThat(packets.get(1).dts()).isEqualTo(1000);
    assertThat(packets.get(1).pts()).isEqualTo(1040);
    assertThat(packets.get(1).receivedAtNanos()).isEqualTo(7);
    assertThat(packets.get(1).tag().data()).isSameAs(frame);
  }

  @Test
  void extendsTheClockToSixtyFourBits() {
    // Forward over the wrap, a small step back, two long steps forward, over the wrap again.
    long[] raw = {0xFFFF_FFF0L, 0x10, 0x05, 0x7FFF_0000L, 0xFFFE_0000L, 0x10};
    for (long timestamp : raw) {
      accept(timestamp, video(0, FlvPacketType.CODED_FRAMES, true, 0, Unpooled.EMPTY_BUFFER));
    }
    demuxer.accept(new MediaMessage(TrackKind.AUDIO, 1, 0x20, List.of(audio(0, FlvPacketType.CODED_FRAMES)), 0), 7);

    assertThat(packets).extracting(DemuxedPacket::dts).containsExactly(
        0xFFFF_FFF0L, 0x1_0000_0010L, 0x1_0000_0005L, 0x1_7FFF_0000L, 0x1_FFFE_0000L, 0x2_0000_0010L,
        0x2_0000_0020L);
  }

  @Test
  void keepsTheFirstTrackOfEachKindAndSaysSoOnce() {
    accept(0,
        video(1, FlvPacketType.CODED_FRAMES, true, 0, Unpooled.EMPTY_BUFFER),
        video(2, FlvPacketType.CODED_FRAMES, true, 0, Unpooled.EMPTY_BUFFER),
        video(3, FlvPacketType.CODED_FRAMES, true, 0, Unpooled.EMPTY_BUFFER));
    demuxer.accept(new MediaMessage(TrackKind.AUDIO, 1, 0, List.of(
        audio(4, FlvPacketType.CODED_FRAMES), audio(1, FlvPacketType.CODED_FRAMES)), 0), 7);
    accept(40, video(2, FlvPacketType.CODED_FRAMES, true, 0, Unpooled.EMPTY_BUFFER),
        video(1, FlvPacketType.CODED_FRAMES, false, 0, Unpooled.EMPTY_BUFFER));

    assertThat(packets).extracting(p -> p.tag().track() + "@" + p.dts())
        .containsExactly("VIDEO@0", "AUDIO@0", "VIDEO@40");
    assertThat(notices).containsExactly(
        "multitrack publish: using video track 1 and skipping track 2 (and any further ones)",
        "multitrack publish: using audio track 4 and skipping track 1 (and any further ones)");
  }
}
