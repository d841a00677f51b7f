package io.inlet.ingest.stream;

import io.inlet.bus.Addresses;
import io.inlet.bus.MediaCodec;
import io.inlet.bus.MediaPacket;
import io.inlet.bus.PacketBatch;
import io.inlet.bus.PacketKind;
import io.inlet.bus.StreamEvent;
import io.inlet.bus.TrackKind;
import io.inlet.ingest.placement.DecoderDirectory;
import io.inlet.ingest.placement.DecoderLink;
import io.inlet.ingest.session.DemuxedPacket;
import io.inlet.ingest.session.PublishedStream;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.internal.buffer.BufferInternal;
import java.util.Map;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One live publish on the ingest side: numbers its packets, keeps the keyframe cache, finds the
 * stream a decoder, sends it the packets point to point (so one decoder gets them in order, the
 * cache first), and publishes the stream's started and ended events.
 */
public final class IngestStream implements PublishedStream {

  private static final Logger LOG = LoggerFactory.getLogger(IngestStream.class);

  private final StreamInfo info;
  private final EventBus bus;
  private final KeyframeCache cache;
  private final Consumer<IngestStream> onClosed;
  private long nextSequence;
  private boolean closed;
  private Runnable endedExternally = () -> {};
  private final DecoderLink link;
  private final long maxInFlight;
  private boolean holdingBack;
  private long inFlight;

  public IngestStream(StreamInfo info, Vertx vertx, DecoderDirectory decoders, int cacheMaxPackets, long cacheMaxBytes,
      long maxInFlight, Consumer<IngestStream> onClosed) {
    this.info = info;
    this.maxInFlight = maxInFlight;
    this.bus = vertx.eventBus();
    this.link = new DecoderLink(vertx, decoders, info.name(), this::snapshot, this::attached, System::nanoTime);
    this.cache = new KeyframeCache(cacheMaxPackets, cacheMaxBytes);
    this.onClosed = onClosed;
  }

  /** Publishes the started event and asks for a decoder; call once the publisher was told its publish started. */
  public void announceStarted() {
    bus.publish(Addresses.STREAM_EVENTS, StreamEvent.started(info.toMessage()).toJson());
    link.place();
  }

  /**
   * Flow control: when the decoder's reported progress lags more than {@code maxInFlight} packets
   * behind (it is stuck or far too slow), frames are no longer sent but dropped here, up to the next
   * video keyframe once the lag is back under half the bound; the event bus never buffers without
   * bound. Configuration and end packets always go.
   */
  private boolean holdBack(MediaPacket packet) {
    inFlight = link.inFlight(packet.sequence() - 1);
    if (packet.kind() != PacketKind.FRAME) {
      return false;
    }
    if (!holdingBack && inFlight > maxInFlight) {
      holdingBack = true;
      LOG.warn("stream '{}': its decoder is {} packets behind; dropping frames here until it catches up", info.name(), inFlight);
    }
    if (holdingBack) {
      boolean resume = packet.track() == TrackKind.VIDEO && packet.keyframe() && inFlight <= maxInFlight / 2;
      if (!resume) {
        info.countDroppedAtIngest();
        return true;
      }
      holdingBack = false;
    }
    return false;
  }

  /** Packets sent to the decoder not yet reported processed, as of the last packet. */
  public long inFlight() {
    return inFlight;
  }

  /** The link to this stream's decoder (placement, failover, rebalancing). */
  public DecoderLink decoderLink() {
    return link;
  }

  /** Called a few times a second by the verticle: moves the stream if its decoder was lost. */
  public void checkDecoder() {
    link.check();
  }

  private PacketBatch snapshot() {
    PacketBatch batch = new PacketBatch(info.name(), nextSequence - 1, cache.snapshot());
    cache.firstDecoderAttached();
    return batch;
  }

  private void attached(String decodeNode, String previousDecodeNode, boolean moved) {
    info.decodeNode(decodeNode);
    if (moved) {
      bus.publish(Addresses.STREAM_EVENTS, StreamEvent.moved(info.toMessage(), previousDecodeNode).toJson());
    }
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
    emit(packet.tag().track(), packet.tag().codec(), packet.kind(), packet.keyframe(), packet.dts(), packet.pts(),
        packet.receivedAtMicros(), BufferInternal.buffer(packet.tag().data()));
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
      bus.publish(Addresses.STREAM_EVENTS, StreamEvent.ended(info.toMessage(), reason).toJson());
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

  private void emit(TrackKind track, MediaCodec codec, PacketKind kind, boolean keyframe,
      long dts, long pts, long receivedAtMicros, Buffer data) {
    if (closed) {
      return;
    }
    if (track == TrackKind.VIDEO) {
      info.videoCodec(codec);
      if (kind == PacketKind.FRAME) {
        info.countVideoFrame();
      }
    } else {
      info.audioCodec(codec);
      if (kind == PacketKind.FRAME) {
        info.countAudioFrame();
      }
    }
    MediaPacket packet = new MediaPacket(info.name(), nextSequence++, track, codec, kind, keyframe, dts, pts, receivedAtMicros, data);
    cache.add(packet);
    if (link.attached() && holdBack(packet)) {
      return;
    }
    link.send(packet);
  }
}
