package io.inlet.bus;

import io.vertx.core.buffer.Buffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Binary codec of {@link DecoderReport}, twice a second per decode verticle: version(1) |
 * decodeNode | decoderId | assignAddress | capacity(4) | count(4), then per stream: name |
 * decodeNode | sequence(8) | video (presence(1), codec wire id(1), width(4), height(4),
 * frameRate(8), decodable(1)) | audio (presence(1), codec wire id(1), sampleRate(4), channels(4),
 * decodable(1)) | five counters(8 each) | latency p50, p99(8 each) | avDrift(8).
 */
public final class DecoderReportCodec extends ZeroCopyCodec<DecoderReport> {

  public static final String NAME = "inlet.decoder-report";
  /** More streams than any decoder takes. */
  static final int MAX_STREAMS = 100_000;
  private static final int MIN_STREAM_BYTES = 2 + 2 + 8 + 1 + 1 + 8 * 8;
  private static final int VERSION = 2;

  public DecoderReportCodec() {
    super(NAME);
  }

  @Override
  public void encodeToWire(Buffer buffer, DecoderReport report) {
    WireWriter out = new WireWriter(buffer).u8(VERSION).string(report.decodeNode()).string(report.decoderId())
        .string(report.assignAddress()).i32(report.capacity()).i32(report.streams().size());
    for (StreamDecodeReport stream : report.streams()) {
      out.string(stream.name()).string(stream.decodeNode()).i64(stream.sequence());
      StreamDecodeReport.Video video = stream.video();
      out.bool(video != null);
      if (video != null) {
        out.u8(video.codec().wireId()).i32(video.width()).i32(video.height()).f64(video.frameRate()).bool(video.decodable())
            .bool(video.keyframesOnly());
      }
      StreamDecodeReport.Audio audio = stream.audio();
      out.bool(audio != null);
      if (audio != null) {
        out.u8(audio.codec().wireId()).i32(audio.sampleRate()).i32(audio.channels()).bool(audio.decodable());
      }
      StreamDecodeReport.Counters c = stream.stats();
      out.i64(c.videoFramesIn()).i64(c.videoFramesDecoded()).i64(c.audioFramesIn()).i64(c.audioFramesDecoded())
          .i64(c.framesDropped()).f64(c.latencyP50()).f64(c.latencyP99()).i64(c.avDriftMs());
    }
  }

  @Override
  public DecoderReport decodeFromWire(int pos, Buffer buffer) {
    WireReader in = new WireReader(buffer, pos, "decoder report");
    in.version(VERSION);
    String decodeNode = in.string("decodeNode");
    String decoderId = in.string("decoderId");
    String assignAddress = in.string("assignAddress");
    int capacity = in.i32("capacity");
    int count = in.count("streams", MAX_STREAMS, MIN_STREAM_BYTES);
    List<StreamDecodeReport> streams = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      streams.add(readStream(in));
    }
    return new DecoderReport(decodeNode, decoderId, assignAddress, capacity, streams);
  }

  private static StreamDecodeReport readStream(WireReader in) {
    String name = in.string("name");
    String decodeNode = in.string("stream decodeNode");
    long sequence = in.i64("sequence");
    StreamDecodeReport.Video video = in.bool("video presence") ? new StreamDecodeReport.Video(
        MediaCodec.ofWireId(in.u8("video codec")), in.i32("width"), in.i32("height"), in.f64("frameRate"),
        in.bool("video decodable"), in.bool("video keyframes only")) : null;
    StreamDecodeReport.Audio audio = in.bool("audio presence") ? new StreamDecodeReport.Audio(
        MediaCodec.ofWireId(in.u8("audio codec")), in.i32("sampleRate"), in.i32("channels"), in.bool("audio decodable"))
        : null;
    StreamDecodeReport.Counters counters = new StreamDecodeReport.Counters(in.i64("videoFramesIn"),
        in.i64("videoFramesDecoded"), in.i64("audioFramesIn"), in.i64("audioFramesDecoded"), in.i64("framesDropped"),
        in.f64("latency p50"), in.f64("latency p99"), in.i64("avDriftMs"));
    return new StreamDecodeReport(name, decodeNode, sequence, video, audio, counters);
  }
}
