package io.inlet.node.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.inlet.bus.IngestedStream;
import io.inlet.bus.MediaCodec;
import io.inlet.bus.StreamDecodeReport;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The contract's Stream JSON, merged from the ingest side's and the decode side's records. */
class StreamViewTest {

  private static final Instant AT = Instant.parse("2026-11-24T15:00:00Z");
  private static final IngestedStream INGESTED = new IngestedStream("id-1", "cam1", "live", IngestedStream.LIVE, 1, null, "ingest-a", "127.0.0.1:50312", null, AT,
      new IngestedStream.Video("h264", 1280, 720, 30.0), new IngestedStream.Audio("aac", null, 2),
      new IngestedStream.Counters(1000, 800, 30, 47, 3));

  @Test
  void beforeAnyDecoderReportsTheDecodeFiguresAreZeroAndTheTracksUndecodable() {
    StreamDirectory.Entry entry = new StreamDirectory.Entry();
    entry.ingest = INGESTED;
    assertThat(StreamDirectory.view(entry).encode()).isEqualTo("{\"id\":\"id-1\",\"name\":\"cam1\",\"app\":\"live\","
        + "\"state\":\"live\",\"publishes\":1,\"interruptedAt\":null,\"ingestNode\":\"ingest-a\","
        + "\"remoteAddress\":\"127.0.0.1:50312\",\"decodeNode\":null,\"startedAt\":\"2026-11-24T15:00:00Z\","
        + "\"video\":{\"codec\":\"h264\",\"width\":1280,\"height\":720,\"frameRate\":30,\"decodable\":false},"
        + "\"audio\":{\"codec\":\"aac\",\"sampleRate\":null,\"channels\":2,\"decodable\":false},"
        + "\"stats\":{\"bytesIn\":1000,\"bitrateKbps\":800,\"videoFramesIn\":30,\"videoFramesDecoded\":0,\"audioFramesIn\":47,"
        + "\"audioFramesDecoded\":0,\"framesDropped\":3,\"decodeLatencyMs\":{\"p50\":0,\"p99\":0},\"avDriftMs\":0}}");
  }

  @Test
  void theDecodersFiguresWinWhereItKnowsThem() {
    StreamDirectory.Entry entry = new StreamDirectory.Entry();
    entry.ingest = INGESTED;
    entry.ended = true;
    entry.decode = new StreamDecodeReport("cam1", "decode-b", 30, new StreamDecodeReport.Video(MediaCodec.H264, 640, 0, 25.0, true),
        new StreamDecodeReport.Audio(MediaCodec.AAC, 48_000, 2, true),
        new StreamDecodeReport.Counters(30, 28, 47, 47, 2, 12.5, 40.0, -4));
    var view = StreamDirectory.view(entry);
    assertThat(view.getString("state")).isEqualTo("ended");
    assertThat(view.getString("decodeNode")).isEqualTo("decode-b");
    assertThat(view.getJsonObject("video").encode())
        .isEqualTo("{\"codec\":\"h264\",\"width\":640,\"height\":720,\"frameRate\":25.0,\"decodeFrames\":\"all\","
            + "\"decodable\":true}");
    assertThat(view.getJsonObject("audio").getInteger("sampleRate")).isEqualTo(48_000);
    assertThat(view.getJsonObject("stats").encode()).isEqualTo("{\"bytesIn\":1000,\"bitrateKbps\":800,\"videoFramesIn\":30,"
        + "\"videoFramesDecoded\":28,\"audioFramesIn\":47,\"audioFramesDecoded\":47,\"framesDropped\":5,"
        + "\"decodeLatencyMs\":{\"p50\":12.5,\"p99\":40.0},\"avDriftMs\":-4}");
  }

  @Test
  void onlyTheDecoderTheIngestNodePlacedTheStreamOnIsShown() {
    StreamDirectory.Entry entry = new StreamDirectory.Entry();
    entry.ingest = new IngestedStream("id-1", "cam1", "live", IngestedStream.LIVE, 1, null, "ingest-a", "127.0.0.1:50312",
        "decode-b", AT, null, null, new IngestedStream.Counters(1000, 800, 30, 0, 0));
    // A report held up by a partition: the decoder that had the stream before it moved to decode-b.
    entry.decode = new StreamDecodeReport("cam1", "decode-a", 30, null, null, new StreamDecodeReport.Counters(30, 28, 0, 0, 2, 1, 2, 0));
    var view = StreamDirectory.view(entry);
    assertThat(view.getString("decodeNode")).isEqualTo("decode-b");
    assertThat(view.getJsonObject("stats").getLong("videoFramesDecoded")).as("not decode-a's figures").isZero();
    assertThat(StreamDirectory.fromItsDecoder(entry, entry.decode)).isFalse();
    assertThat(StreamDirectory.fromItsDecoder(entry, new StreamDecodeReport("cam1", "decode-b", 30, null, null,
        new StreamDecodeReport.Counters(30, 28, 0, 0, 0, 1, 2, 0)))).isTrue();
  }
}
