package io.inlet.ingest.stream;

import io.inlet.bus.MediaPacket;
import io.inlet.bus.PacketKind;
import io.inlet.bus.TrackKind;
import io.inlet.ingest.flv.AggregateSplitter;
import io.inlet.ingest.flv.AudioTagParser;
import io.inlet.ingest.flv.FlvMediaTag;
import io.inlet.ingest.flv.TimelineExtender;
import io.inlet.ingest.flv.VideoTagParser;
import io.inlet.ingest.message.MessageType;
import io.netty.buffer.ByteBuf;
import io.vertx.core.internal.buffer.BufferInternal;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Turns one publish's RTMP audio, video and aggregate messages into {@link MediaPacket}s: FLV and
 * Enhanced RTMP tags parsed, the 32-bit RTMP clock extended to a 64-bit timeline, one track of each
 * kind chosen (the first seen; further tracks of a multitrack stream are reported once and skipped).
 * Payloads are sliced, never copied.
 */
public final class StreamDemuxer {

  /** Receives the packets, numbered later by the stream. */
  public interface PacketSink {
    void accept(TrackKind track, io.inlet.bus.MediaCodec codec, PacketKind kind, boolean keyframe,
        long dts, long pts, long receivedAtMicros, io.vertx.core.buffer.Buffer data);
  }

  private final PacketSink sink;
  private final Consumer<String> notice;
  private final TimelineExtender timeline = new TimelineExtender();
  private final Map<TrackKind, Integer> chosenTrack = new EnumMap<>(TrackKind.class);
  private final Map<TrackKind, Boolean> extraTrackReported = new EnumMap<>(TrackKind.class);

  /**
   * @param sink where packets go
   * @param notice one line about the stream worth logging (an extra track skipped)
   */
  public StreamDemuxer(PacketSink sink, Consumer<String> notice) {
    this.sink = sink;
    this.notice = notice;
  }

  public void onAudio(long timestamp, ByteBuf payload, long receivedAtMicros) {
    emit(AudioTagParser.parse(payload), timeline.extend(timestamp), receivedAtMicros);
  }

  public void onVideo(long timestamp, ByteBuf payload, long receivedAtMicros) {
    emit(VideoTagParser.parse(payload), timeline.extend(timestamp), receivedAtMicros);
  }

  public void onAggregate(long timestamp, ByteBuf payload, long receivedAtMicros) {
    for (AggregateSplitter.SubTag tag : AggregateSplitter.split(payload, timestamp)) {
      switch (tag.typeId()) {
        case MessageType.AUDIO -> onAudio(tag.timestamp(), tag.body(), receivedAtMicros);
        case MessageType.VIDEO -> onVideo(tag.timestamp(), tag.body(), receivedAtMicros);
        default -> {
          // Script data inside an aggregate carries nothing a decoder needs.
        }
      }
    }
  }

  private void emit(List<FlvMediaTag> tags, long dts, long receivedAtMicros) {
    for (FlvMediaTag tag : tags) {
      PacketKind kind = switch (tag.type()) {
        case SEQUENCE_START -> PacketKind.CONFIG;
        case CODED_FRAMES -> PacketKind.FRAME;
        case SEQUENCE_END -> PacketKind.END;
        default -> null; // metadata, commands and multichannel layouts are not decoder input
      };
      if (kind == null || !isChosenTrack(tag)) {
        continue;
      }
      boolean keyframe = kind != PacketKind.FRAME || tag.keyframe();
      sink.accept(tag.track(), tag.codec(), kind, keyframe, dts, dts + tag.compositionTime(), receivedAtMicros,
          BufferInternal.buffer(tag.data()));
    }
  }

  private boolean isChosenTrack(FlvMediaTag tag) {
    Integer chosen = chosenTrack.putIfAbsent(tag.track(), tag.trackId());
    if (chosen == null || chosen == tag.trackId()) {
      return true;
    }
    if (extraTrackReported.putIfAbsent(tag.track(), Boolean.TRUE) == null) {
      notice.accept("multitrack publish: using " + tag.track().name().toLowerCase() + " track " + chosen
          + " and skipping track " + tag.trackId() + " (and any further ones)");
    }
    return false;
  }
}
