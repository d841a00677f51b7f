package io.inlet.decode.verticle;

import io.inlet.bus.Addresses;
import io.inlet.bus.AssignRequest;
import io.inlet.bus.Assignment;
import io.inlet.bus.BusCodecs;
import io.inlet.bus.DecoderReport;
import io.inlet.bus.IngestStats;
import io.inlet.bus.IngestedStream;
import io.inlet.bus.JsonFields;
import io.inlet.bus.ReplyCodes;
import io.inlet.bus.StreamDecodeReport;
import io.inlet.bus.StreamEvent;
import io.inlet.bus.WireFormatException;
import io.inlet.decode.codec.DecoderSettings;
import io.inlet.decode.sink.FrameHashSink;
import io.inlet.decode.sink.FrameSink;
import io.inlet.decode.sink.FrameSinkFactory;
import io.inlet.decode.sink.SnapshotSink;
import io.inlet.decode.sink.StreamDescriptor;
import io.inlet.decode.stream.StreamDecoder;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import io.vertx.core.Future;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.swscale;
import org.bytedeco.javacpp.Loader;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The decode role. Deployed as worker verticles on the named pool {@link DecodeOptions#WORKER_POOL};
 * each instance is one worker context, so every stream it takes is pinned to it and its packets
 * decode in order, never on an event loop. Thin: it takes streams offered on
 * {@link Addresses#DECODE_ASSIGN}, wires them to {@link StreamDecoder}s and reports their figures.
 */
public final class DecodeVerticle extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(DecodeVerticle.class);

  /** By stream id: a new stream of the same name is another stream. */
  private final Map<String, DecodedStream> streams = new LinkedHashMap<>();
  private final MeterRegistry meterRegistry;
  private DecodeMetrics metrics;

  public DecodeVerticle() {
    this(Metrics.globalRegistry);
  }

  public DecodeVerticle(MeterRegistry meterRegistry) {
    this.meterRegistry = meterRegistry;
  }
  private final List<MessageConsumer<?>> consumers = new ArrayList<>();
  private DecodeOptions options;
  private DecoderSettings settings;
  private long statsTimer = -1;
  /** The latest report, built on this verticle's thread and read by the heartbeat's event loop. */
  private volatile DecoderReport lastReport;
  /** This verticle instance's identity in the cluster: ingest nodes address it by this. */
  private final String decoderId = UUID.randomUUID().toString();
  /**
   * A stream its ingest node stops reporting for this long ended with that node, or its ingest node
   * reports it decoded elsewhere (this decoder was taken for lost and the stream moved): it is freed.
   * A stream whose publisher is silent or interrupted is still reported, so it keeps its decoder: the
   * stream's lease decides, not a packet timer.
   */
  static final long INGEST_SILENCE_MS = 4_000;
  static final long REPORT_INTERVAL_MS = 500;
  /** The one packet address of this decoder, subscribed at start (see {@link PacketRouter}). */
  private PacketRouter packets;

  @Override
  public Future<?> start() {
    BusCodecs.register(vertx);
    // Load FFmpeg's native libraries now, on this worker thread, not when the first stream arrives:
    // loading takes 0.3-1.2 s, which would put the first streams past the lag bound and drop frames.
    Loader.load(avcodec.class);
    Loader.load(swscale.class);
    options = new DecodeOptions(config());
    metrics = new DecodeMetrics(meterRegistry);
    settings = new DecoderSettings(options.threads(), options.hwaccel(), options.decodeFrames());
    packets = new PacketRouter(vertx.eventBus(), Addresses.decoderPackets(decoderId));
    consumers.add(vertx.eventBus().consumer(Addresses.DECODE_ASSIGN, this::onAssign));
    consumers.add(vertx.eventBus().consumer(Addresses.decoderAssign(decoderId), this::onAssign));
    consumers.add(vertx.eventBus().<IngestStats>consumer(Addresses.STREAM_STATS, message -> onIngestReport(message.body())));
    consumers.add(vertx.eventBus().<Object>consumer(Addresses.STREAM_EVENTS, message -> onStreamEvent(message.body())));
    lastReport = report();
    statsTimer = vertx.setPeriodic(REPORT_INTERVAL_MS, id -> {
      releaseOrphans();
      lastReport = report();
    });
    // The heartbeat runs on an event loop (a child deployment, undeployed with this verticle), and
    // starts once every address is subscribed: an ingest node that hears it may send here at once.
    List<Future<Void>> subscribed = new ArrayList<>(consumers.stream().map(MessageConsumer::completion).toList());
    subscribed.add(packets.registered());
    return Future.all(subscribed).compose(v -> vertx.deployVerticle(new DecoderHeartbeat(() -> lastReport)));
  }

  @Override
  public Future<?> stop() {
    vertx.cancelTimer(statsTimer);
    List.copyOf(streams.keySet()).forEach(id -> release(id, "the decode node is stopping"));
    List<Future<Void>> unregistered = new ArrayList<>(consumers.stream().map(MessageConsumer::unregister).toList());
    unregistered.add(packets.close());
    return Future.all(unregistered);
  }

  private void onAssign(Message<Object> request) {
    if (!(request.body() instanceof AssignRequest asked)) {
      return; // an ingest node looking this address up ahead of need (see DecoderDirectory)
    }
    String id = asked.id();
    DecodedStream known = streams.get(id);
    if (known != null) {
      if (asked.publishes() < known.publishes()) {
        request.fail(ReplyCodes.CONFLICT, "A newer publisher session of stream '" + asked.stream() + "' is decoded here.");
      } else {
        if (asked.publishes() > known.publishes()) {
          // A resume on another ingest node: same decoder and sinks, a new attachment for the new session.
          known.newPublisherSession(asked.publishes());
          LOG.info("stream '{}': publisher session #{} continues on this decoder", asked.stream(), asked.publishes());
        }
        request.reply(assignment(known));
      }
      return;
    }
    if (streams.size() >= options.maxStreams()) {
      request.fail(ReplyCodes.UNAVAILABLE, "This decoder already decodes " + options.maxStreams() + " streams.");
      return;
    }
    DecodedStream stream = open(asked);
    streams.put(id, stream);
    stream.attach();
    LOG.info("stream '{}': decoding on {}", asked.stream(), options.nodeId());
    lastReport = report(); // list it at once: a busy decoder's next report may be late
    request.reply(assignment(stream));
  }

  private DecodedStream open(AssignRequest asked) {
    String name = asked.stream();
    SnapshotSink snapshots = new SnapshotSink();
    List<FrameSink> sinks = new ArrayList<>();
    sinks.add(snapshots);
    if (options.frameHashDir() != null) {
      sinks.add(new FrameHashSink(Path.of(options.frameHashDir()), name));
    }
    StreamDescriptor descriptor = new StreamDescriptor(name, options.nodeId());
    for (FrameSinkFactory factory : ServiceLoader.load(FrameSinkFactory.class)) {
      sinks.add(factory.open(descriptor));
    }
    StreamDecoder decoder = new StreamDecoder(name, sinks, settings, options.maxLagMs(), System::nanoTime, metrics);
    metrics.streamsTaken.increment();
    return new DecodedStream(asked.id(), name, asked.publishes(), decoder, snapshots, vertx.eventBus(), packets,
        () -> release(asked.id(), "it moved to another decoder"), this::reportNow);
  }

  /**
   * Publishes a fresh report at once, beside the heartbeat's: a stream just taken has decoded its
   * cached packets, and the cluster's view (the API, the ingest side) shows it decoding here now
   * rather than up to a second later.
   */
  private void reportNow() {
    lastReport = report();
    vertx.eventBus().publish(Addresses.DECODE_STATS, lastReport);
  }

  private void release(String id, String reason) {
    DecodedStream stream = streams.remove(id);
    if (stream != null) {
      String name = stream.name();
      lastReport = report();
      stream.close();
      metrics.streamsReleased.increment();
      LOG.info("stream '{}': decoder freed ({}): {} video and {} audio frames decoded, {} dropped", name, reason,
          stream.decoder().stats().videoFramesDecoded(), stream.decoder().stats().audioFramesDecoded(),
          stream.decoder().stats().framesDropped());
    }
  }

  private Assignment assignment(DecodedStream stream) {
    return new Assignment(options.nodeId(), decoderId, packets.address(), stream.attachment());
  }

  /**
   * This decoder's report: its load, its streams and their figures. Built twice a second on the
   * decoder's own thread; published by {@link DecoderHeartbeat}, even with no streams, as the
   * decoder's heartbeat.
   */
  private DecoderReport report() {
    List<StreamDecodeReport> reports = new ArrayList<>(streams.size());
    for (DecodedStream stream : streams.values()) {
      reports.add(stream.decoder().stats().report(stream.name(), options.nodeId(), stream.decoder().lastSequence()));
    }
    return new DecoderReport(options.nodeId(), decoderId, Addresses.decoderAssign(decoderId), options.maxStreams(), reports);
  }

  private void onIngestReport(IngestStats report) {
    long now = System.nanoTime();
    for (IngestedStream reported : report.streams()) {
      DecodedStream stream = reported.id() == null ? null : streams.get(reported.id());
      if (stream == null) {
        continue;
      }
      boolean decodedElsewhere = reported.decodeNode() != null && !reported.decodeNode().equals(options.nodeId());
      if (decodedElsewhere && stream.attachedMillis(now) > INGEST_SILENCE_MS) {
        release(stream.id(), "its ingest node has it decoded on " + reported.decodeNode());
      } else {
        stream.ingestSeen(now);
      }
    }
  }

  /** Public address: plain JSON from anyone; what is not a stream event is ignored. */
  private void onStreamEvent(Object body) {
    StreamEvent event;
    try {
      event = StreamEvent.fromJson(JsonFields.object(body));
    } catch (WireFormatException notAnEvent) {
      LOG.debug("ignoring a message on {} that is not a stream event: {}", Addresses.STREAM_EVENTS, notAnEvent.getMessage());
      return;
    }
    if (event.type() == StreamEvent.Type.ENDED && event.stream().id() != null) {
      release(event.stream().id(), "the stream ended");
    }
  }

  /** Frees the streams of an ingest node that died without saying so (no ended event will come). */
  private void releaseOrphans() {
    long now = System.nanoTime();
    List.copyOf(streams.values()).stream()
        .filter(stream -> stream.ingestSilentMillis(now) > INGEST_SILENCE_MS)
        .forEach(stream -> release(stream.id(), "its ingest node stopped reporting it"));
  }
}
