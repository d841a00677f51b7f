package io.inlet.bus;

import io.vertx.core.buffer.Buffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Binary codec of {@link IngestStats}, a once-a-second message per ingest node: version(1) |
 * ingestNode | count(4), then per stream its name, app, ingestNode, remoteAddress, decodeNode
 * (nullable strings), startedAt (nullable instant), video and audio (a presence byte, then the codec
 * name and the nullable numbers) and its five counters.
 */
public final class IngestStatsCodec extends ZeroCopyCodec<IngestStats> {

  public static final String NAME = "inlet.ingest-stats";
  /** More streams than any ingest node carries. */
  static final int MAX_STREAMS = 100_000;
  /** The least one stream takes: its name's length, the lifecycle fields (3 absent + publishes), the rest as before. */
  private static final int MIN_STREAM_BYTES = 2 + 3 + 4 + 5 + 1 + 2 + 5 * 8;
  private static final int VERSION = 2;

  public IngestStatsCodec() {
    super(NAME);
  }

  @Override
  public void encodeToWire(Buffer buffer, IngestStats stats) {
    WireWriter out = new WireWriter(buffer).u8(VERSION).string(stats.ingestNode()).i32(stats.streams().size());
    for (IngestedStream stream : stats.streams()) {
      out.nullableString(stream.id()).string(stream.name()).nullableString(stream.app()).nullableString(stream.state())
          .i32(stream.publishes()).nullableInstant(stream.interruptedAt()).nullableString(stream.ingestNode())
          .nullableString(stream.remoteAddress()).nullableString(stream.decodeNode()).nullableInstant(stream.startedAt());
      IngestedStream.Video video = stream.video();
      out.bool(video != null);
      if (video != null) {
        out.nullableString(video.codec()).nullableNumber(video.width()).nullableNumber(video.height())
            .nullableNumber(video.frameRate());
      }
      IngestedStream.Audio audio = stream.audio();
      out.bool(audio != null);
      if (audio != null) {
        out.nullableString(audio.codec()).nullableNumber(audio.sampleRate()).nullableNumber(audio.channels());
      }
      IngestedStream.Counters counters = stream.stats();
      out.i64(counters.bytesIn()).i64(counters.bitrateKbps()).i64(counters.videoFramesIn()).i64(counters.audioFramesIn())
          .i64(counters.framesDroppedAtIngest());
    }
  }

  @Override
  public IngestStats decodeFromWire(int pos, Buffer buffer) {
    WireReader in = new WireReader(buffer, pos, "ingest stats");
    in.version(VERSION);
    String ingestNode = in.string("ingestNode");
    int count = in.count("streams", MAX_STREAMS, MIN_STREAM_BYTES);
    List<IngestedStream> streams = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      streams.add(readStream(in));
    }
    return new IngestStats(ingestNode, streams);
  }

  private static IngestedStream readStream(WireReader in) {
    String id = in.nullableString("id");
    String name = in.string("name");
    String app = in.nullableString("app");
    String state = in.nullableString("state");
    int publishes = in.i32("publishes");
    java.time.Instant interruptedAt = in.nullableInstant("interruptedAt");
    String node = in.nullableString("ingestNode");
    String remoteAddress = in.nullableString("remoteAddress");
    String decodeNode = in.nullableString("decodeNode");
    java.time.Instant startedAt = in.nullableInstant("startedAt");
    IngestedStream.Video video = in.bool("video presence") ? new IngestedStream.Video(in.nullableString("video codec"),
        in.nullableNumber("width"), in.nullableNumber("height"), in.nullableNumber("frameRate")) : null;
    IngestedStream.Audio audio = in.bool("audio presence") ? new IngestedStream.Audio(in.nullableString("audio codec"),
        in.nullableNumber("sampleRate"), in.nullableNumber("channels")) : null;
    IngestedStream.Counters counters = new IngestedStream.Counters(in.i64("bytesIn"), in.i64("bitrateKbps"),
        in.i64("videoFramesIn"), in.i64("audioFramesIn"), in.i64("framesDroppedAtIngest"));
    return new IngestedStream(id, name, app, state, publishes, interruptedAt, node, remoteAddress, decodeNode, startedAt, video, audio, counters);
  }
}
