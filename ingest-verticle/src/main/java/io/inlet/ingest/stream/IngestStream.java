package io.inlet.ingest.stream;

import io.inlet.bus.Addresses;
import io.inlet.bus.MediaCodec;
import io.inlet.bus.MediaPacket;
import io.inlet.bus.PacketBatch;
import io.inlet.bus.PacketKind;
import io.inlet.bus.TrackKind;
import io.inlet.ingest.session.PublishedStream;
import io.netty.buffer.ByteBuf;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.json.JsonObject;
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
  private final String packetAddress;
  private final KeyframeCache cache;
  private final StreamDemuxer demuxer;
  private final Consumer<IngestStream> onClosed;
  private long nextSequence;
  private boolean closed;
  private Runnable endedExternally = () -> {};
  private boolean placementFailureLogged;
  /** Whether a decoder has the stream: only then do live packets go on the bus. */
  private boolean attached;
  private final io.vertx.core.Vertx vertx;

  static final long PLACEMENT_TIMEOUT_MS = 2_000;
  static final long PLACEMENT_RETRY_MS = 1_000;

  public IngestStream(StreamInfo info, io.vertx.core.Vertx vertx, int cacheMaxPackets, long cacheMaxBytes, Consumer<IngestStream> onClosed) {
    this.info = info;
    this.vertx = vertx;
    this.bus = vertx.eventBus();
    this.packetAddress = Addresses.streamPackets(info.name());
    this.cache = new KeyframeCache(cacheMaxPackets, cacheMaxBytes);
    this.onClosed = onClosed;
    this.demuxer = new StreamDemuxer(this::emit, line -> LOG.info("stream '{}': {}", info.name(), line));
  }

  /** Publishes the started event and asks for a decoder; call once the publisher was told its publish started. */
  public void announceStarted() {
    bus.publish(Addresses.STREAM_EVENTS, info.toJson().put("type", "started"));
    placeDecoder();
  }

  /**
   * Asks for a decoder on {@link Addresses#DECODE_ASSIGN}. While none has the stream, packets only go
   * to the cache; when one takes it, it first gets the cache as one {@link PacketBatch} and then every
   * live packet, in order, from this one sender. Until a decoder takes the stream (no decode node, or
   * all full) it stays up undecoded and is offered again every {@link #PLACEMENT_RETRY_MS}.
   */
  private void placeDecoder() {
    if (closed) {
      return;
    }
    attached = false;
    DeliveryOptions timeout = new DeliveryOptions().setSendTimeout(PLACEMENT_TIMEOUT_MS);
    bus.<JsonObject>request(Addresses.DECODE_ASSIGN, new JsonObject().put("name", info.name()), timeout)
        .onSuccess(reply -> {
          if (closed) {
            return;
          }
          info.decodeNode(reply.body().getString("decodeNode"));
          bus.send(packetAddress, new PacketBatch(info.name(), nextSequence - 1, cache.snapshot()));
          cache.firstDecoderAttached();
          attached = true;
        })
        .onFailure(cause -> {
          if (!placementFailureLogged) {
            placementFailureLogged = true;
            LOG.warn("stream '{}': no decoder took it yet ({}); it stays up undecoded and is offered again", info.name(), cause.getMessage());
          }
          if (!closed) {
            vertx.setTimer(PLACEMENT_RETRY_MS, id -> placeDecoder());
          }
        });
  }

  public StreamInfo info() {
    return info;
  }

  @Override
  public String name() {
    return info.name();
  }

  @Override
  public void onAudio(long timestamp, ByteBuf payload, long receivedAtMicros) {
    info.countBytes(payload.readableBytes());
    demuxer.onAudio(timestamp, payload, receivedAtMicros);
  }

  @Override
  public void onVideo(long timestamp, ByteBuf payload, long receivedAtMicros) {
    info.countBytes(payload.readableBytes());
    demuxer.onVideo(timestamp, payload, receivedAtMicros);
  }

  @Override
  public void onAggregate(long timestamp, ByteBuf payload, long receivedAtMicros) {
    info.countBytes(payload.readableBytes());
    demuxer.onAggregate(timestamp, payload, receivedAtMicros);
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
    bus.publish(Addresses.STREAM_EVENTS, info.toJson().put("type", "ended").put("reason", reason));
    LOG.info("stream '{}' ended: {} ({} bytes, {} video and {} audio frames in)",
        info.name(), reason, info.bytesIn(), info.videoFramesIn(), info.audioFramesIn());
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
    if (attached) {
      bus.send(packetAddress, packet);
    }
  }
}
