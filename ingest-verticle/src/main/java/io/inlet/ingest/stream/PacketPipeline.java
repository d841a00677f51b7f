package io.inlet.ingest.stream;

import io.inlet.bus.MediaPacket;
import io.inlet.bus.PacketKind;
import io.inlet.bus.TrackKind;
import io.inlet.ingest.placement.DecoderLink;
import io.inlet.ingest.session.DemuxedPacket;
import io.vertx.core.internal.buffer.BufferInternal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one way a stream's packets go once demuxed: placed on the stream's one {@link Timeline} (across
 * resumes), numbered, kept in the {@link KeyframeCache} (what a decoder that takes the stream later
 * starts from), held back by {@link FlowControl} while the decoder lags, and sent on the
 * {@link DecoderLink}. Event-loop confined.
 */
final class PacketPipeline {

  private static final Logger LOG = LoggerFactory.getLogger(PacketPipeline.class);

  private final StreamInfo info;
  private final Timeline timeline = new Timeline();
  private final KeyframeCache cache;
  private final FlowControl flow;
  private final DecoderLink link;
  private long nextSequence;
  private long inFlight;

  PacketPipeline(StreamInfo info, KeyframeCache cache, FlowControl flow, DecoderLink link) {
    this.info = info;
    this.cache = cache;
    this.flow = flow;
    this.link = link;
  }

  /** A new publisher session continues the stream; the last one's media stopped at {@code lastMediaNanos}. */
  void resumed(long lastMediaNanos) {
    timeline.resumed(lastMediaNanos);
  }

  /** The stream continues here after another node's session; see {@link Timeline#continueAfter}. */
  void continueAfter(long lastDts) {
    timeline.continueAfter(lastDts);
  }

  /** The decode time of the last packet handed on, or {@link Long#MIN_VALUE} before any. */
  long lastDts() {
    return timeline.lastDts();
  }

  void accept(DemuxedPacket demuxed, long nowNanos) {
    boolean videoFrame = demuxed.tag().track() == TrackKind.VIDEO && demuxed.kind() == PacketKind.FRAME;
    if (!timeline.admits(videoFrame, demuxed.keyframe())) {
      info.countDroppedAtIngest();
      return;
    }
    long offset = timeline.offsetFor(demuxed.dts(), nowNanos);
    MediaPacket packet = new MediaPacket(info.name(), nextSequence++, demuxed.tag().track(), demuxed.tag().codec(),
        demuxed.kind(), demuxed.keyframe(), demuxed.dts() + offset, demuxed.pts() + offset, demuxed.receivedAtNanos(),
        BufferInternal.buffer(demuxed.tag().data()));
    timeline.handedOn(packet.dts());
    cache.add(packet);
    if (!link.attached()) {
      return; // the cache keeps it for the decoder that takes the stream
    }
    inFlight = link.inFlight(packet.sequence() - 1);
    switch (flow.offer(packet, inFlight)) {
      case SEND -> link.send(packet);
      case START_DROPPING -> {
        LOG.warn("stream '{}': its decoder is {} packets behind; dropping frames here until it catches up", info.name(), inFlight);
        info.countDroppedAtIngest();
      }
      case DROP -> info.countDroppedAtIngest();
    }
  }

  /** Packets sent to the decoder not yet reported processed, as of the last packet sent. */
  long inFlight() {
    return inFlight;
  }
}
