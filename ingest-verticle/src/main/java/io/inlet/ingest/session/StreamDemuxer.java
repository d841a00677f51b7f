package io.inlet.ingest.session;

import io.inlet.bus.PacketKind;
import io.inlet.bus.TrackKind;
import io.inlet.ingest.flv.FlvMediaTag;
import io.inlet.ingest.flv.TimelineExtender;
import io.inlet.ingest.message.MediaMessage;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Turns one publish's parsed audio and video messages into {@link DemuxedPacket}s: the 32-bit RTMP
 * clock extended to a 64-bit timeline, one track of each kind chosen (the first seen; further
 * tracks of a multitrack stream are reported once and skipped), and only what a decoder takes
 * (configuration, frames, sequence ends). One instance per publish, so each publish's timeline
 * starts at its first message. Payloads stay slices, never copied.
 */
final class StreamDemuxer {

  private final Consumer<DemuxedPacket> sink;
  private final Consumer<String> notice;
  private final TimelineExtender timeline = new TimelineExtender();
  private final Map<TrackKind, Integer> chosenTrack = new EnumMap<>(TrackKind.class);
  private final Map<TrackKind, Boolean> extraTrackReported = new EnumMap<>(TrackKind.class);

  /**
   * @param sink where packets go
   * @param notice one line about the stream worth logging (an extra track skipped)
   */
  StreamDemuxer(Consumer<DemuxedPacket> sink, Consumer<String> notice) {
    this.sink = sink;
    this.notice = notice;
  }

  /** One audio or video message (or one part of an aggregate), in arrival order. */
  void accept(MediaMessage message, long receivedAtNanos) {
    long dts = timeline.extend(message.timestamp());
    for (FlvMediaTag tag : message.tags()) {
      PacketKind kind = switch (tag.type()) {
        case SEQUENCE_START -> PacketKind.CONFIG;
        case CODED_FRAMES -> PacketKind.FRAME;
        case SEQUENCE_END -> PacketKind.END;
        default -> null; // metadata, commands and multichannel layouts are not decoder input
      };
      if (kind == null || !isChosenTrack(tag)) {
        continue;
      }
      sink.accept(new DemuxedPacket(tag, kind, dts, receivedAtNanos));
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
