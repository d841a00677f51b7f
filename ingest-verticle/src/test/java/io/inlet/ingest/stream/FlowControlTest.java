package io.inlet.ingest.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.inlet.bus.MediaCodec;
import io.inlet.bus.MediaPacket;
import io.inlet.bus.PacketKind;
import io.inlet.bus.TrackKind;
import io.inlet.ingest.stream.FlowControl.Verdict;
import io.vertx.core.buffer.Buffer;
import org.junit.jupiter.api.Test;

/** The hold-back rule: drop frames while the decoder lags, resume at a keyframe once it caught up. */
class FlowControlTest {

  private final FlowControl flow = new FlowControl(100);

  private static MediaPacket video(PacketKind kind, boolean keyframe) {
    return new MediaPacket("cam", 0, TrackKind.VIDEO, MediaCodec.H264, kind, keyframe, 0, 0, 0, Buffer.buffer(new byte[1]));
  }

  private static MediaPacket audio() {
    return new MediaPacket("cam", 0, TrackKind.AUDIO, MediaCodec.AAC, PacketKind.FRAME, true, 0, 0, 0, Buffer.buffer(new byte[1]));
  }

  @Test
  void framesGoWhileTheDecoderIsWithinTheBound() {
    assertThat(flow.offer(video(PacketKind.FRAME, false), 0)).isEqualTo(Verdict.SEND);
    assertThat(flow.offer(video(PacketKind.FRAME, false), 100)).isEqualTo(Verdict.SEND);
    assertThat(flow.offer(audio(), 100)).isEqualTo(Verdict.SEND);
  }

  @Test
  void beyondTheBoundFramesAreDroppedAndTheFirstDropIsTold() {
    assertThat(flow.offer(video(PacketKind.FRAME, false), 101)).isEqualTo(Verdict.START_DROPPING);
    assertThat(flow.offer(audio(), 90)).isEqualTo(Verdict.DROP);
    assertThat(flow.offer(video(PacketKind.FRAME, false), 10)).isEqualTo(Verdict.DROP);
  }

  @Test
  void configurationAndEndPacketsAlwaysGo() {
    flow.offer(video(PacketKind.FRAME, false), 500);
    assertThat(flow.offer(video(PacketKind.CONFIG, false), 500)).isEqualTo(Verdict.SEND);
    assertThat(flow.offer(video(PacketKind.END, false), 500)).isEqualTo(Verdict.SEND);
  }

  @Test
  void sendingResumesOnlyAtAVideoKeyframeOnceTheLagIsUnderHalfTheBound() {
    flow.offer(video(PacketKind.FRAME, false), 101);
    assertThat(flow.offer(video(PacketKind.FRAME, true), 51)).isEqualTo(Verdict.DROP); // still too far behind
    assertThat(flow.offer(audio(), 0)).isEqualTo(Verdict.DROP); // audio frames are no starting point
    assertThat(flow.offer(video(PacketKind.FRAME, false), 0)).isEqualTo(Verdict.DROP); // mid-GOP
    assertThat(flow.offer(video(PacketKind.FRAME, true), 50)).isEqualTo(Verdict.SEND);
    assertThat(flow.offer(video(PacketKind.FRAME, false), 60)).isEqualTo(Verdict.SEND);
  }
}
