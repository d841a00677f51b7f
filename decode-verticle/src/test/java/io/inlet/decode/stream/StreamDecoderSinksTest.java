package io.inlet.decode.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.inlet.bus.MediaCodec;
import io.inlet.bus.MediaPacket;
import io.inlet.decode.codec.DecoderSettings;
import io.inlet.decode.sink.AudioFrame;
import io.inlet.decode.sink.FrameHashSink;
import io.inlet.decode.sink.FrameSink;
import io.inlet.decode.sink.SnapshotSink;
import io.inlet.decode.sink.VideoFrame;
import io.inlet.decode.testing.BusPackets;
import io.inlet.decode.testing.RecordingSink;
import io.inlet.decode.testing.TestMedia;
import io.inlet.testkit.FrameMd5;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Inlet's own sinks fed by a {@link StreamDecoder}, and a failing sink kept from harming the others. */
class StreamDecoderSinksTest {

  private static final long NOW = 1_700_000_000_000_000L;

  @TempDir Path dir;
  private final BusPackets bus = new BusPackets("cam1");

  @Test
  void frameHashSinkWritesPtsAndMd5LinesEqualToFfmpegsFramemd5() throws Exception {
    StreamDecoder decoder = decoder(new FrameHashSink(dir.resolve("hashes"), "cam1"));
    bus.track(MediaCodec.H264, TestMedia.H264.demux(), 0, NOW).forEach(decoder::onPacket);
    bus.track(MediaCodec.AAC, TestMedia.AAC.demux(), 0, NOW).forEach(decoder::onPacket); // no lines for audio
    decoder.close();

    String written = Files.readString(dir.resolve("hashes").resolve("cam1.video.md5"), StandardCharsets.US_ASCII);
    List<String> expected = FrameMd5.hashLines(TestMedia.H264.reference());
    assertThat(written).isEqualTo(String.join("\n", expected) + "\n");
  }

  @Test
  void frameHashSinkTruncatesTheFileOfAnEarlierStreamOfTheSameName() throws Exception {
    Path hashes = Files.createDirectories(dir.resolve("hashes"));
    Files.writeString(hashes.resolve("cam1.video.md5"), "0 00000000000000000000000000000000\n".repeat(500));
    StreamDecoder decoder = decoder(new FrameHashSink(hashes, "cam1"));
    decoder.close();

    assertThat(hashes.resolve("cam1.video.md5")).isEmptyFile();
  }

  @Test
  void snapshotIsAJpegOfTheLatestFrameOnceOneWasDecoded() throws Exception {
    SnapshotSink snapshots = new SnapshotSink();
    StreamDecoder decoder = decoder(snapshots);
    List<MediaPacket> packets = bus.track(MediaCodec.H264, TestMedia.H264.demux(), 0, NOW);
    decoder.onPacket(packets.get(0));
    assertThat(snapshots.snapshot()).isNull();

    packets.subList(1, 6).forEach(decoder::onPacket);
    assertThat(decoder.stats().videoFramesDecoded()).isPositive();
    byte[] first = snapshots.snapshot();
    assertThat(first).startsWith(0xFF, 0xD8).endsWith(0xFF, 0xD9);
    assertThat(snapshots.snapshot()).isEqualTo(first); // nothing new decoded, same picture

    packets.subList(6, packets.size()).forEach(decoder::onPacket);
    byte[] later = snapshots.snapshot();
    assertThat(later).startsWith(0xFF, 0xD8).endsWith(0xFF, 0xD9).isNotEqualTo(first);

    decoder.close();
    assertThat(snapshots.snapshot()).isNull();
  }

  @Test
  void aSinkThatThrowsDoesNotStopTheOthersOrTheStream() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    FrameSink failing = new FrameSink() {
      @Override
      public void onVideoFrame(VideoFrame frame) {
        calls.incrementAndGet();
        throw new IllegalStateException("video sink broken");
      }

      @Override
      public void onAudioFrame(AudioFrame frame) {
        calls.incrementAndGet();
        throw new IllegalStateException("audio sink broken");
      }

      @Override
      public void close() {
        calls.incrementAndGet();
        throw new IllegalStateException("close broken");
      }
    };
    RecordingSink recording = new RecordingSink();
    SnapshotSink snapshots = new SnapshotSink();
    StreamDecoder decoder = new StreamDecoder("cam1", List.of(failing, recording, snapshots), DecoderSettings.DEFAULT, 1_000,
        () -> NOW);

    bus.track(MediaCodec.H264, TestMedia.H264.demux(), 0, NOW).forEach(decoder::onPacket);
    bus.track(MediaCodec.AAC, TestMedia.AAC.demux(), 0, NOW).forEach(decoder::onPacket);
    decoder.onPacket(bus.end(MediaCodec.H264, NOW));
    assertThat(snapshots.snapshot()).startsWith(0xFF, 0xD8);
    decoder.close();

    int videoFrames = TestMedia.H264.reference().size();
    int audioFrames = TestMedia.AAC.reference().size();
    assertThat(recording.video()).containsExactlyElementsOf(FrameMd5.hashLines(TestMedia.H264.reference()));
    assertThat(recording.audioPts()).hasSize(audioFrames);
    assertThat(recording.closes()).isEqualTo(1);
    assertThat(calls.get()).isEqualTo(videoFrames + audioFrames + 1);
    assertThat(decoder.stats().videoFramesDecoded()).isEqualTo(videoFrames);
    assertThat(decoder.stats().audioFramesDecoded()).isEqualTo(audioFrames);
    assertThat(snapshots.snapshot()).isNull(); // closed too, after the failing sink's close
  }

  private StreamDecoder decoder(FrameSink sink) {
    return new StreamDecoder("cam1", List.of(sink), DecoderSettings.DEFAULT, 1_000, () -> NOW);
  }
}
