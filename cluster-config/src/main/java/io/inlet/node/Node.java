package io.inlet.node;

import io.inlet.auth.service.WriteQuorum;
import io.inlet.auth.verticle.AuthOptions;
import io.inlet.bus.BusCodecs;
import io.inlet.cluster.HazelcastClusterFactory;
import io.inlet.decode.verticle.DecodeOptions;
import io.inlet.decode.verticle.DecodeVerticle;
import io.inlet.ingest.server.IngestVerticle;
import io.inlet.node.http.AdminToken;
import io.inlet.node.http.HttpApi;
import io.inlet.node.http.StreamDirectory;
import io.inlet.node.webhook.EventWebhookOptions;
import io.inlet.node.webhook.EventWebhookVerticle;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.ThreadingModel;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import java.net.BindException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Inlet node: a Vert.x instance (clustered or not), the verticles of its roles, and its HTTP
 * surface. Holds no protocol or decoding logic.
 */
public final class Node {

  private static final Logger LOG = LoggerFactory.getLogger(Node.class);

  private final NodeOptions options;
  private final PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final List<String> deployments = new ArrayList<>();
  private Vertx vertx;
  private WriteQuorum authQuorum = WriteQuorum.ALWAYS;
  private HttpServer http;
  private DataDir dataDir;
  private IngestVerticle ingest;
  private volatile boolean ready;
  private volatile boolean draining;

  private final java.io.PrintStream out;

  public Node(NodeOptions options) {
    this(options, System.out);
  }

  /** @param out where the first-start banner goes */
  public Node(NodeOptions options, java.io.PrintStream out) {
    this.options = options;
    this.out = out;
  }

  /** Starts everything; fails with a {@link UsageException} for a user's mistake. */
  public Future<Void> start() {
    Set<Role> roles = options.roles();
    if (roles.contains(Role.AUTH)) {
      dataDir = DataDir.open(options.dataDir(), true, options.adminToken());
    }
    return createVertx()
        .compose(v -> {
          vertx = v;
          BusCodecs.register(vertx);
          return deployRoles(roles);
        })
        .compose(v -> startHttp())
        .compose(v -> {
          ready = true;
          return FirstStart.runIfNeeded(vertx, options, dataDir, roles, out,
              ingest != null ? ingest.actualPort() : options.rtmpPort(), http.actualPort());
        });
  }

  /**
   * Drains and stops: readiness turns 503; no new publishes; live publishers get Enhanced RTMP's
   * reconnect request and are closed after the grace period (their decoders flush on the ended
   * events); then every verticle stops and Vert.x closes.
   */
  public Future<Void> stop() {
    draining = true;
    if (vertx == null) {
      return Future.succeededFuture();
    }
    Future<Void> drained = ingest == null ? Future.succeededFuture()
        : ingest.drain(options.drainGraceMs(), options.reconnectUrl());
    return drained
        // A moment for the ended events to reach the decoders, which flush and free the streams.
        .compose(v -> {
          io.vertx.core.Promise<Void> settled = io.vertx.core.Promise.promise();
          vertx.setTimer(200, id -> settled.complete());
          return settled.future();
        })
        .compose(v -> vertx.close());
  }

  /** The bound RTMP port, for tests that start on port 0. */
  public int rtmpPort() {
    return ingest.actualPort();
  }

  public int httpPort() {
    return http.actualPort();
  }

  public NodeOptions options() {
    return options;
  }

  public Vertx vertx() {
    return vertx;
  }

  private Future<Vertx> createVertx() {
    VertxOptions vertxOptions = new VertxOptions()
        // Decoding runs on worker pools; a blocked event loop is a bug worth a warning at 2 s.
        .setMaxEventLoopExecuteTime(2).setMaxEventLoopExecuteTimeUnit(TimeUnit.SECONDS);
    // Vert.x's own meters (event bus, net and HTTP servers, worker pools) go to the same registry as Inlet's.
    vertxOptions.setMetricsOptions(new MicrometerMetricsOptions().setEnabled(true).setJvmMetricsEnabled(true));
    MicrometerMetricsFactory metricsFactory = new MicrometerMetricsFactory(metrics);
    ClusterMode mode = options.cluster();
    if (mode == ClusterMode.OFF) {
      return Future.succeededFuture(Vertx.builder().with(vertxOptions).withMetrics(metricsFactory).build());
    }
    vertxOptions.getEventBusOptions().setHost(options.clusterHost()).setClusterPublicHost(options.clusterHost()).setPort(0);
    HazelcastClusterManager manager = mode == ClusterMode.TCP
        ? HazelcastClusterFactory.tcp(options.clusterHost(), options.clusterPort(), options.members())
        : HazelcastClusterFactory.kubernetes(options.clusterHost(), options.clusterPort(), options.kubernetesService());
    authQuorum = HazelcastClusterFactory.authWriteQuorum(manager);
    return Vertx.builder().with(vertxOptions).withMetrics(metricsFactory).withClusterManager(manager).buildClustered()
        .recover(cause -> Future.failedFuture(new UsageException("could not join the cluster on "
            + options.clusterHost() + ":" + options.clusterPort() + ": " + cause.getMessage())));
  }

  private Future<Void> deployRoles(Set<Role> roles) {
    Future<Void> chain = Future.succeededFuture();
    if (roles.contains(Role.AUTH)) {
      chain = chain.compose(v -> deploy(new io.inlet.auth.verticle.AuthVerticle(metrics, authQuorum), options.authOptions().toJson(), "auth"));
    }
    if (roles.contains(Role.INGEST)) {
      ingest = new IngestVerticle(metrics);
      chain = chain.compose(v -> deploy(ingest, options.ingestOptions().toJson(), "ingest")
          .recover(cause -> Future.failedFuture(bindFailure(cause, options.rtmpsPort() < 0 ? "RTMP" : "RTMP (or RTMPS " + options.rtmpsPort() + ")", options.rtmpPort()))));
      if (!options.eventWebhookUrls().isEmpty()) {
        AuthOptions shared = options.authOptions(); // the webhook flags both webhooks share
        EventWebhookOptions webhook = EventWebhookOptions.of(options.eventWebhookUrls(), shared.webhookSecret(),
            shared.webhookTimeoutMs()).withTrustedCa(shared.webhookCa());
        chain = chain.compose(v -> deploy(new EventWebhookVerticle(options.nodeId(), webhook, metrics), new JsonObject(), "event webhook"));
      }
    }
    if (roles.contains(Role.DECODE)) {
      int threads = options.decodeThreads();
      // One worker context per pool thread: each stream is pinned to one, so it decodes in order.
      DeploymentOptions deployment = new DeploymentOptions()
          .setConfig(options.decodeOptions().toJson())
          .setThreadingModel(ThreadingModel.WORKER)
          .setWorkerPoolName(DecodeOptions.WORKER_POOL)
          .setWorkerPoolSize(threads)
          .setInstances(threads);
      chain = chain.compose(v -> vertx.deployVerticle(() -> new DecodeVerticle(metrics), deployment)
          .onSuccess(deployments::add)
          .onSuccess(id -> LOG.info("decode role started: {} worker contexts on pool '{}'", threads, DecodeOptions.WORKER_POOL))
          .mapEmpty());
    }
    return chain;
  }

  private Future<Void> deploy(io.vertx.core.Deployable verticle, JsonObject config, String role) {
    return vertx.deployVerticle(verticle, new DeploymentOptions().setConfig(config))
        .onSuccess(deployments::add)
        .onSuccess(id -> LOG.info("{} role started", role))
        .mapEmpty();
  }

  private Future<Void> startHttp() {
    AdminToken token = options.adminToken() != null ? AdminToken.ofToken(options.adminToken())
        : dataDir != null ? dataDir.adminToken() : AdminToken.none();
    if (!token.isConfigured()) {
      LOG.warn("admin API disabled on this node: no --admin-token given and none in the data dir");
    }
    StreamDirectory streams = new StreamDirectory(vertx);
    http = vertx.createHttpServer(new HttpServerOptions().setHost(options.bind()).setPort(options.httpPort()));
    int rtmpPort = ingest != null ? ingest.actualPort() : options.rtmpPort();
    String bind = options.bind();
    String rtmpHost = bind.equals("0.0.0.0") || bind.equals("::") ? null : bind;
    http.requestHandler(HttpApi.router(vertx, metrics, token, streams, () -> ready && !draining, rtmpPort, rtmpHost));
    return http.listen()
        .recover(cause -> Future.failedFuture(bindFailure(cause, "HTTP", options.httpPort())))
        .onSuccess(s -> LOG.info("HTTP listening on {}:{}", options.bind(), s.actualPort()))
        .mapEmpty();
  }

  private Throwable bindFailure(Throwable cause, String what, int port) {
    Throwable root = cause;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    if (root instanceof BindException || String.valueOf(root.getMessage()).contains("Address already in use")) {
      return new UsageException(what + " port " + port + " on " + options.bind() + " is already in use");
    }
    if (String.valueOf(root.getMessage()).contains("Cannot assign requested address")) {
      return new UsageException("--bind " + options.bind() + " is not an address of this machine");
    }
    return cause;
  }
}
