package io.inlet.ingest.server;

import io.inlet.bus.Addresses;
import io.inlet.bus.BusCodecs;
import io.inlet.ingest.placement.DecoderDirectory;
import io.inlet.ingest.stream.IngestStream;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetServerOptions;
import io.vertx.core.net.NetSocket;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ingest role: terminates RTMP on a Vert.x {@link NetServer} and puts each publish's packets on
 * the event bus. Thin on purpose: it wires options, the listener and timers to the plain classes that
 * do the work. Everything runs on this verticle's event loop.
 */
public final class IngestVerticle extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(IngestVerticle.class);

  private final MeterRegistry meterRegistry;
  private final Set<RtmpConnection> connections = new LinkedHashSet<>();
  private final Map<String, IngestStream> liveStreams = new HashMap<>();
  private IngestOptions options;
  private IngestMetrics metrics;
  private NetServer server;
  private long sweepTimer = -1;
  private long decoderTimer = -1;
  private DecoderDirectory decoders;
  private MessageConsumer<JsonObject> revokedConsumer;

  public IngestVerticle() {
    this(Metrics.globalRegistry);
  }

  public IngestVerticle(MeterRegistry meterRegistry) {
    this.meterRegistry = meterRegistry;
  }

  @Override
  public Future<?> start() {
    BusCodecs.register(vertx);
    options = new IngestOptions(config());
    metrics = new IngestMetrics(meterRegistry);
    decoders = new DecoderDirectory(System::nanoTime).listen(vertx);
    EventBusPublishGate gate = new EventBusPublishGate(vertx, options, liveStreams, metrics, decoders, new LiveStreamRegistry(vertx));
    server = vertx.createNetServer(new NetServerOptions()
        .setHost(options.host())
        .setPort(options.port())
        .setTcpNoDelay(true)
        .setReuseAddress(true));
    server.connectHandler(socket -> accept(socket, gate));
    sweepTimer = vertx.setPeriodic(1000, id -> {
      long now = System.nanoTime();
      List.copyOf(connections).forEach(connection -> connection.checkTimeouts(now));
      publishStats(now);
      gate.renewClaims();
    });
    // Failover is watched more often than the rest: a lost decoder costs its streams < 2 s.
    decoderTimer = vertx.setPeriodic(250, id -> List.copyOf(liveStreams.values()).forEach(IngestStream::checkDecoder));
    revokedConsumer = vertx.eventBus().<JsonObject>consumer(Addresses.KEY_REVOKED, message -> {
      IngestStream stream = liveStreams.get(message.body().getString("name"));
      if (stream != null) {
        stream.endExternally();
      }
    });
    return server.listen().onSuccess(s -> LOG.info("RTMP listening on {}:{}", options.host(), s.actualPort()));
  }

  @Override
  public Future<?> stop() {
    vertx.cancelTimer(sweepTimer);
    vertx.cancelTimer(decoderTimer);
    decoders.close();
    if (revokedConsumer != null) {
      revokedConsumer.unregister();
    }
    List.copyOf(connections).forEach(c -> c.fail(IngestMetrics.Cause.ENDED_BY_SERVER, "the node is stopping"));
    return server == null ? Future.succeededFuture() : server.close();
  }

  /** The bound RTMP port (useful when configured as 0). */
  public int actualPort() {
    return server.actualPort();
  }

  /** The streams this node ingests, by name. Event-loop confined: read it from the verticle's context. */
  public Map<String, IngestStream> liveStreams() {
    return liveStreams;
  }

  /** This verticle's meters. */
  public IngestMetrics metrics() {
    return metrics;
  }

  private void publishStats(long nowNanos) {
    JsonArray streams = new JsonArray();
    for (IngestStream stream : liveStreams.values()) {
      stream.info().sampleBitrate(nowNanos);
      streams.add(stream.info().toJson());
    }
    vertx.eventBus().publish(Addresses.STREAM_STATS, new JsonObject().put("ingestNode", options.nodeId()).put("streams", streams));
  }

  private void accept(NetSocket socket, EventBusPublishGate gate) {
    if (connections.size() >= options.maxConnections()) {
      metrics.closed(IngestMetrics.Cause.CONNECTION_LIMIT);
      LOG.warn("rtmp {}: closing connection: the node already has {} connections", socket.remoteAddress(), options.maxConnections());
      socket.close();
      return;
    }
    RtmpConnection[] holder = new RtmpConnection[1];
    holder[0] = new RtmpConnection(socket, vertx, options, gate, metrics, () -> connections.remove(holder[0]));
    connections.add(holder[0]);
    holder[0].start();
  }
}
