package io.inlet.ingest.server;

import io.inlet.bus.Addresses;
import io.inlet.bus.EndStream;
import io.inlet.bus.HandOverRequest;
import io.inlet.bus.ReplyCodes;
import io.inlet.bus.BusCodecs;
import io.inlet.bus.IngestStats;
import io.inlet.bus.IngestedStream;
import io.inlet.bus.RevokedKey;
import io.inlet.ingest.placement.DecoderDirectory;
import io.inlet.ingest.placement.LinkProbes;
import io.inlet.ingest.publish.ClusterPublishGate;
import io.inlet.ingest.publish.StandardPublishPolicy;
import io.inlet.ingest.publish.PublishPolicy;
import io.inlet.ingest.publish.StreamLeases;
import io.inlet.ingest.session.PublishGate;
import io.inlet.ingest.stream.IngestStream;
import io.inlet.ingest.stream.LiveStreams;
import io.inlet.ingest.stream.StreamSettings;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetServerOptions;
import io.vertx.core.net.NetSocket;
import io.vertx.core.net.PemKeyCertOptions;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
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
  private IngestOptions options;
  private IngestMetrics metrics;
  private NetServer server;
  private long sweepTimer = -1;
  private long decoderTimer = -1;
  private long rebalanceTimer = -1;
  /** One stream moves per ingest node per interval: decoders' reports catch up between moves. */
  static final long REBALANCE_INTERVAL_MS = 3_000;
  private DecoderDirectory decoders;
  private LiveStreams liveStreams;
  private StreamLeases leases;
  private PublishPolicy policy;
  private NetServer tlsServer;
  private final CloseLog closeLog = new CloseLog(LoggerFactory.getLogger(RtmpConnection.class));
  private final List<MessageConsumer<?>> consumers = new ArrayList<>();

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
    liveStreams = new LiveStreams(vertx, decoders, new StreamSettings(options.cacheMaxPackets(), options.cacheMaxBytes(),
        options.cacheMaxNodeBytes(),
        options.maxInFlight(), options.reconnectGraceMs()), metrics);
    metrics.inFlight(liveStreams::inFlight);
    metrics.keyframeCaches(liveStreams::cachedBytes, liveStreams::cacheMemoryBytes);
    leases = new StreamLeases(vertx);
    policy = new StandardPublishPolicy(options.publisherTakeover(), options.takeoverIdleMs());
    ClusterPublishGate gate = new ClusterPublishGate(vertx, options.nodeId(), options.authTimeoutMs(), policy, leases, liveStreams, metrics);
    server = vertx.createNetServer(new NetServerOptions()
        .setHost(options.host())
        .setPort(options.port())
        .setTcpNoDelay(true)
        .setReuseAddress(true));
    server.connectHandler(socket -> accept(socket, gate));
    LinkProbes probes = new LinkProbes(vertx, decoders, meterRegistry, System::nanoTime);
    sweepTimer = vertx.setPeriodic(1000, id -> {
      long now = System.nanoTime();
      probes.probe();
      List.copyOf(connections).forEach(connection -> connection.checkTimeouts(now));
      publishStats(now);
      closeLog.flush();
      leases.renewAll();
    });
    if (options.rebalanceThreshold() > 0) {
      rebalanceTimer = vertx.setPeriodic(REBALANCE_INTERVAL_MS, id -> rebalance());
    }
    // Failover is watched more often than the rest: a lost decoder costs its streams < 2 s.
    decoderTimer = vertx.setPeriodic(250, id -> liveStreams.all().forEach(IngestStream::checkDecoder));
    consumers.add(vertx.eventBus().<RevokedKey>consumer(Addresses.KEY_REVOKED, message ->
        liveStreams.get(message.body().name()).ifPresent(stream -> stream.endExternally("its key was revoked"))));
    consumers.add(vertx.eventBus().<Object>consumer(Addresses.ingestNode(options.nodeId()), message -> {
      if (message.body() instanceof HandOverRequest request) {
        gate.onHandOverRequest(request).onComplete(result -> {
          if (result.succeeded()) {
            message.reply(result.result());
          } else if (result.cause() instanceof ReplyException refused) {
            message.fail(refused.failureCode(), refused.getMessage());
          } else {
            message.fail(ReplyCodes.UNAVAILABLE, "The stream could not be handed over: " + result.cause().getMessage());
          }
        });
      } else if (message.body() instanceof EndStream end) {
        Optional<IngestStream> stream = liveStreams.get(end.name());
        if (stream.isEmpty()) {
          message.fail(ReplyCodes.NOT_FOUND, "Stream '" + end.name() + "' is not ingested on this node.");
          return;
        }
        stream.get().endExternally("ended by an operator");
        message.reply(null);
      }
    }));
    Future<?> plain = server.listen().onSuccess(s -> LOG.info("RTMP listening on {}:{}", options.host(), s.actualPort()));
    if (options.tlsPort() < 0) {
      return plain;
    }
    // RTMPS: the same protocol stack behind TLS, on a listener of its own beside plain RTMP.
    tlsServer = vertx.createNetServer(new NetServerOptions()
        .setHost(options.host())
        .setPort(options.tlsPort())
        .setTcpNoDelay(true)
        .setReuseAddress(true)
        .setSsl(true)
        .setKeyCertOptions(new PemKeyCertOptions().setCertPath(options.tlsCertPath()).setKeyPath(options.tlsKeyPath())));
    tlsServer.connectHandler(socket -> accept(socket, gate));
    return plain.compose(v -> tlsServer.listen())
        .onSuccess(s -> LOG.info("RTMPS listening on {}:{}", options.host(), s.actualPort()));
  }

  @Override
  public Future<?> stop() {
    vertx.cancelTimer(sweepTimer);
    vertx.cancelTimer(decoderTimer);
    vertx.cancelTimer(rebalanceTimer);
    decoders.close();
    consumers.forEach(MessageConsumer::unregister);
    endEverything("the node is stopping");
    Future<Void> tls = tlsServer == null ? Future.succeededFuture() : tlsServer.close();
    return server == null ? tls : Future.all(server.close(), tls);
  }

  /**
   * Drains the node: no new connections or publishes; every connection gets Enhanced RTMP's reconnect
   * request (to {@code reconnectUrl}, or to its own URL when null) and is closed after {@code graceMs}
   * unless it left earlier. Completes when every connection is gone.
   */
  public Future<Void> drain(long graceMs, String reconnectUrl) {
    Promise<Void> drained = Promise.promise();
    context.runOnContext(v -> {
      policy.drain();
      // The listeners stay bound (closing a Vert.x server closes its connections too); new connections
      // are turned away in accept() while draining, and readiness already sends traffic elsewhere.
      List.copyOf(connections).forEach(c -> c.requestReconnect(reconnectUrl));
      LOG.info("draining: {} connections asked to reconnect; closing them in {} ms", connections.size(), graceMs);
      long graceTimer = vertx.setTimer(graceMs, id -> endEverything("the node is draining"));
      long poll = vertx.setPeriodic(50, id -> {
        if (connections.isEmpty()) {
          vertx.cancelTimer(id);
          vertx.cancelTimer(graceTimer);
          drained.tryComplete();
        }
      });
      drained.future().onComplete(done -> vertx.cancelTimer(poll));
    });
    return drained.future();
  }

  /**
   * Ends every stream (a draining or stopping node takes no resume: its streams end rather than wait
   * out a grace window) and closes every connection.
   */
  private void endEverything(String reason) {
    liveStreams.all().forEach(stream -> stream.endExternally(reason));
    List.copyOf(connections).forEach(c -> c.fail(IngestMetrics.Cause.ENDED_BY_SERVER, reason));
  }

  /** The bound RTMPS port, or -1 without TLS. */
  public int actualTlsPort() {
    return tlsServer == null ? -1 : tlsServer.actualPort();
  }

  /** The bound RTMP port (useful when configured as 0). */
  public int actualPort() {
    return server.actualPort();
  }

  /** The streams this node ingests. */
  public LiveStreams liveStreams() {
    return liveStreams;
  }

  /** This verticle's meters. */
  public IngestMetrics metrics() {
    return metrics;
  }

  /** Scale-out: when a decoder has far more streams than another, moves one of this node's streams over. */
  private void rebalance() {
    decoders.imbalance(options.rebalanceThreshold()).ifPresent(pair -> liveStreams.all().stream()
        .filter(stream -> pair[0].id().equals(stream.decoderLink().decoderId()))
        .findFirst()
        .ifPresent(stream -> {
          LOG.info("rebalancing: moving stream '{}' from {} ({} streams) to {} ({} streams)", stream.name(),
              pair[0].node(), pair[0].streams(), pair[1].node(), pair[1].streams());
          stream.decoderLink().moveTo(pair[1]);
        }));
  }

  private void publishStats(long nowNanos) {
    List<IngestedStream> streams = new ArrayList<>(liveStreams.size());
    for (IngestStream stream : liveStreams.all()) {
      stream.info().sampleBitrate(nowNanos);
      streams.add(stream.info().toMessage());
    }
    vertx.eventBus().publish(Addresses.STREAM_STATS, new IngestStats(options.nodeId(), streams));
  }

  private void accept(NetSocket socket, PublishGate gate) {
    if (policy.draining()) {
      metrics.closed(IngestMetrics.Cause.ENDED_BY_SERVER);
      socket.close();
      return;
    }
    if (connections.size() >= options.maxConnections()) {
      metrics.closed(IngestMetrics.Cause.CONNECTION_LIMIT);
      if (closeLog.allow()) {
        LOG.warn("rtmp {}: closing connection: the node already has {} connections", socket.remoteAddress(), options.maxConnections());
      }
      socket.close();
      return;
    }
    RtmpConnection[] holder = new RtmpConnection[1];
    holder[0] = new RtmpConnection(socket, vertx, options, gate, metrics, closeLog, () -> connections.remove(holder[0]));
    connections.add(holder[0]);
    holder[0].start();
  }
}
