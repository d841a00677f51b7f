package io.inlet.ingest.stream;

import io.inlet.bus.PacketKind;
import io.inlet.bus.TrackKind;
import io.inlet.ingest.placement.DecoderDirectory;
import io.inlet.ingest.placement.DecoderLink;
import io.inlet.ingest.session.DemuxedPacket;
import io.inlet.ingest.session.PublishedStream;
import io.vertx.core.Vertx;
import java.util.Map;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One live publish on the ingest side, as the session feeds it. Its packets go one way, through the
 * {@link PacketPipeline} (numbering, keyframe cache, flow control) to the {@link DecoderLink};
 * placement and failover live in the link, the lifecycle events in {@link StreamEvents}, the figures
 * in {@link StreamInfo}. Event-loop confined.
 */
public final class IngestStream implements PublishedStream {

  private static final Logger LOG = LoggerFactory.getLogger(IngestStream.class);

  private final StreamInfo info;
  private final StreamEvents events;
  private final DecoderLink link;
  private final PacketPipeline pipeline;
  private final Consumer<IngestStream> onClosed;
  private boolean closed;
  private Runnable endedExternally = () -> {};

  IngestStream(StreamInfo info, Vertx vertx, DecoderDirectory decoders, int cacheMaxPackets, long cacheMaxBytes,
      long maxInFlight, Consumer<IngestStream> onClosed) {
    this.info = info;
    this.onClosed = onClosed;
    this.events = new StreamEvents(vertx.eventBus(), info);
    KeyframeCache cache = new KeyframeCache(cacheMaxPackets, cacheMaxBytes);
    this.link = new DecoderLink(vertx, decoders, info.name(), () -> cache.handOver(info.name()), events::attached, System::nanoTime);
    this.pipeline = new PacketPipeline(info, cache, new FlowControl(maxInFlight), link);
  }

  /**
   * Publishes the started event and asks for a decoder. Called as soon as the name is claimed, before
   * the session answers the publisher (StreamBegin, NetStream.Publish.Start), so the event and the
   * placement come before any media.
   */
  void announceStarted() {
    events.started();
    link.place();
  }

  /** Packets sent to the decoder not yet reported processed, as of the last packet. */
  public long inFlight() {
    return pipeline.inFlight();
  }

  /** The link to this stream's decoder (placement, failover, rebalancing). */
  public DecoderLink decoderLink() {
    return link;
  }

  /** Called a few times a second by the verticle: moves the stream if its decoder was lost. */
  public void checkDecoder() {
    link.check();
  }

  public StreamInfo info() {
    return info;
  }

  @Override
  public String name() {
    return info.name();
  }

  @Override
  public void onMediaBytes(int payloadBytes) {
    info.countBytes(payloadBytes);
  }

  @Override
  public void onPacket(DemuxedPacket packet) {
    if (closed) {
      return;
    }
    TrackKind track = packet.tag().track();
    if (track == TrackKind.VIDEO) {
      info.videoCodec(packet.tag().codec());
    } else {
      info.audioCodec(packet.tag().codec());
    }
    if (packet.kind() == PacketKind.FRAME) {
      if (track == TrackKind.VIDEO) {
        info.countVideoFrame();
      } else {
        info.countAudioFrame();
      }
    }
    pipeline.accept(packet);
  }

  @Override
  public void onMetadata(Map<String, Object> metadata) {
    info.metadata(metadata);
  }

  @Override
  public void close(String reason) {
    if (closed) {
      return;
    }
    closed = true;
    // The ended event goes out once the decoder link is settled, so it follows the stream's last packet.
    link.close(() -> {
      events.ended(reason);
      LOG.info("stream '{}' ended: {} ({} bytes, {} video and {} audio frames in)",
          info.name(), reason, info.bytesIn(), info.videoFramesIn(), info.audioFramesIn());
    });
    onClosed.accept(this);
  }

  /** Ends the publish from the server side (key revoked, node draining): the publisher is disconnected. */
  public void endExternally() {
    endedExternally.run();
  }

  @Override
  public void onEndedExternally(Runnable action) {
    endedExternally = action;
  }
}
