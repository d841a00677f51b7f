package io.inlet.auth.verticle;

import io.inlet.auth.service.BlockingRunner;
import io.inlet.auth.service.FailureLimiter;
import io.inlet.auth.service.KeyException;
import io.inlet.auth.service.KeyService;
import io.inlet.auth.service.ReplicatedKeys;
import io.inlet.auth.service.WriteQuorum;
import io.inlet.auth.store.KeyStore;
import io.inlet.auth.webhook.AuthWebhook;
import io.inlet.auth.webhook.WebhookPoster;
import io.inlet.auth.webhook.WebhookRequestMetrics;
import io.inlet.bus.Addresses;
import io.inlet.bus.BusCodecs;
import io.inlet.bus.CreateKeyRequest;
import io.inlet.bus.CreatedKey;
import io.inlet.bus.JsonFields;
import io.inlet.bus.KeyList;
import io.inlet.bus.ReplyCodes;
import io.inlet.bus.RevokeKeyRequest;
import io.inlet.bus.RevokedKey;
import io.inlet.bus.StreamEvent;
import io.inlet.bus.ValidateRequest;
import io.inlet.bus.ValidatedKey;
import io.inlet.bus.WireFormatException;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.Message;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The auth role: stream keys on the event bus ({@code inlet.auth.keys.create / list / revoke},
 * {@code inlet.auth.validate}), kept in a {@link KeyStore} in the configured data dir. It follows
 * {@code inlet.streams.events} to report which keys are live, and publishes
 * {@link Addresses#KEY_REVOKED} after each revoke. Config: see {@link AuthOptions}.
 *
 * <p>On a clustered Vert.x every auth verticle is a full replica with its own data dir: creates and
 * revokes go through {@link ReplicatedKeys} (a compare-and-set in the cluster's key map, then every
 * replica's journal; see there for why), and a starting replica merges its journal with the cluster
 * before it answers. Validations and lists still answer from this replica's memory. Standalone, the
 * store is changed directly, as before.
 *
 * <p>With an auth webhook configured ({@link AuthOptions#authWebhook()}), {@code inlet.auth.validate}
 * is answered by the {@link AuthWebhook} instead: the key store never decides a publish then (it still
 * serves the key API). The webhook is asked asynchronously from this event loop, so a slow backend
 * delays only the publishes waiting for it.
 */
public class AuthVerticle extends VerticleBase {

  private static final Logger log = LoggerFactory.getLogger(AuthVerticle.class);

  private KeyService keys;
  private ReplicatedKeys replicated;
  private KeyCluster cluster;
  private long flushTimer = -1;
  private final MeterRegistry meters;
  private final WriteQuorum quorum;
  private WebhookPoster poster;
  private AuthWebhook webhook;

  /** Meters in Micrometer's global registry. */
  public AuthVerticle() {
    this(Metrics.globalRegistry);
  }

  /** Meters (the webhook's) in {@code meters}: the node's registry, which it serves on /metrics. */
  public AuthVerticle(MeterRegistry meters) {
    this(meters, WriteQuorum.ALWAYS);
  }

  /**
   * @param quorum clustered: whether this replica is on the side of a split cluster that may change
   *     keys (the node asks Hazelcast's split-brain protection)
   */
  public AuthVerticle(MeterRegistry meters, WriteQuorum quorum) {
    this.meters = meters;
    this.quorum = quorum;
  }

  @Override
  public Future<?> start() {
    BusCodecs.register(vertx);
    AuthOptions options;
    try {
      options = new AuthOptions(config());
    } catch (IllegalArgumentException e) {
      return Future.failedFuture(e);
    }
    Clock clock = Clock.systemUTC();
    FailureLimiter limiter = new FailureLimiter(options.maxFailuresPerAddress(), options.failureWindowMs(),
        options.blockMs(), FailureLimiter.DEFAULT_MAX_HOSTS, clock::millis);
    BlockingRunner io = new BlockingRunner() {
      @Override
      public <T> Future<T> run(Callable<T> task) {
        return vertx.executeBlocking(task, true);
      }
    };
    return vertx.executeBlocking(() -> KeyStore.open(options.dataDir()), true).compose(store -> {
      keys = new KeyService(store, io, limiter, clock);
      if (options.authWebhook() != null) {
        poster = new WebhookPoster(vertx, options.webhookSecret(), options.webhookTimeoutMs(), options.webhookCa());
        webhook = new AuthWebhook(vertx, poster, options.authWebhook(), options.webhookTimeoutMs(), limiter,
            new WebhookRequestMetrics(meters, "auth"));
        log.info("Publishes are decided by the auth webhook, not by the key store");
      }
      Future<Void> joined = Future.succeededFuture();
      if (vertx.isClustered()) {
        cluster = new KeyCluster(vertx, options.replicaTimeoutMs());
        joined = cluster.open().compose(v -> {
          replicated = new ReplicatedKeys(store, io, cluster, cluster, quorum, this::revokedByMerge, clock);
          Gauge.builder("inlet.auth.ledger.differences", replicated, ReplicatedKeys::differences)
              .description("Key names on which this replica's journal and the cluster's key map differed"
                  + " after the last reconcile (0: they agree)")
              .register(meters);
          return cluster.join(replicated, keys::usedElsewhere, options.reconcileMs(), quorum);
        });
      }
      return joined.compose(v -> listen(options))
          .recover(e -> stop().transform(closed -> Future.failedFuture(e)));
    });
  }

  private Future<?> listen(AuthOptions options) {
    EventBus bus = vertx.eventBus();
    List<Future<Void>> registered = List.of(
        bus.<Object>consumer(Addresses.AUTH_KEYS_CREATE, guarded(this::create)).completion(),
        bus.<Object>consumer(Addresses.AUTH_KEYS_LIST, guarded(this::list)).completion(),
        bus.<Object>consumer(Addresses.AUTH_KEYS_REVOKE, guarded(this::revoke)).completion(),
        bus.<Object>consumer(Addresses.AUTH_VALIDATE, guarded(this::validate)).completion(),
        bus.<Object>consumer(Addresses.STREAM_EVENTS, this::streamEvent).completion());
    flushTimer = vertx.setPeriodic(options.usageFlushMs(), id -> flushUsage());
    return Future.all(registered);
  }

  @Override
  public Future<?> stop() {
    if (flushTimer >= 0) {
      vertx.cancelTimer(flushTimer);
    }
    if (poster != null) {
      poster.close();
    }
    Future<Void> left = cluster == null ? Future.succeededFuture() : cluster.leave();
    return left.compose(v -> keys == null ? Future.succeededFuture() : keys.close());
  }

  private void create(Message<Object> message) {
    String name = CreateKeyRequest.fromJson(JsonFields.object(message.body())).name();
    (replicated != null ? replicated.create(name) : keys.create(name)).onComplete(done -> {
      if (done.failed()) {
        fail(message, done.cause());
        return;
      }
      KeyService.CreatedKey created = done.result();
      message.reply(new CreatedKey(created.name(), created.key(), created.createdAt()).toJson());
    });
  }

  private void list(Message<Object> message) {
    List<KeyList.Key> list = keys.list().stream()
        .map(view -> new KeyList.Key(view.name(), view.createdAt(), view.lastUsedAt(), view.live()))
        .toList();
    message.reply(new KeyList(list).toJson());
  }

  private void revoke(Message<Object> message) {
    String name = RevokeKeyRequest.fromJson(JsonFields.object(message.body())).name();
    (replicated != null ? replicated.revoke(name) : keys.revoke(name)).onComplete(done -> {
      if (done.failed()) {
        fail(message, done.cause());
        return;
      }
      RevokedKey revoked = new RevokedKey(done.result());
      vertx.eventBus().publish(Addresses.KEY_REVOKED, revoked);
      message.reply(revoked.toJson());
    });
  }

  /**
   * A revoke this replica missed (it was away or cut off): its live publisher goes now. Said twice:
   * learned at a heal, the first notice can fall into the event bus's merge, while the healed
   * member's routes are being rebuilt; ending a stream that already ended changes nothing.
   */
  private void revokedByMerge(String name) {
    log.info("Stream key '{}' was revoked while this replica was away; its publisher, if live, is disconnected", name);
    RevokedKey notice = new RevokedKey(name);
    vertx.eventBus().publish(Addresses.KEY_REVOKED, notice);
    vertx.setTimer(KeyCluster.MERGE_SETTLE_MS, id -> vertx.eventBus().publish(Addresses.KEY_REVOKED, notice));
  }

  private void validate(Message<Object> message) {
    ValidateRequest request = ValidateRequest.fromJson(JsonFields.object(message.body()));
    if (webhook != null) {
      webhook.decide(request).onComplete(decided -> {
        if (decided.succeeded()) {
          message.reply(new ValidatedKey(decided.result()).toJson());
        } else {
          fail(message, decided.cause());
        }
      });
      return;
    }
    String name = keys.validate(request.key(), request.remoteAddress());
    if (cluster != null) {
      cluster.used(name, Instant.now());
    }
    message.reply(new ValidatedKey(name).toJson());
  }

  /** Public address: plain JSON from anyone; what is not a stream event is ignored. */
  private void streamEvent(Message<Object> message) {
    StreamEvent event;
    try {
      event = StreamEvent.fromJson(JsonFields.object(message.body()));
    } catch (WireFormatException notAnEvent) {
      return;
    }
    if (event.type() == StreamEvent.Type.STARTED) {
      keys.streamStarted(event.name());
    } else if (event.type() == StreamEvent.Type.ENDED) {
      keys.streamEnded(event.name());
    }
  }

  private void flushUsage() {
    if (cluster != null) {
      cluster.shareUses();
    }
    keys.flushUsage().onFailure(e -> log.error("Cannot save key use times: {}", e.toString()));
  }

  /** Turns a refusal thrown by a handler into the reply failure, never into a logged stack trace. */
  private static Handler<Message<Object>> guarded(Handler<Message<Object>> handler) {
    return message -> {
      try {
        handler.handle(message);
      } catch (RuntimeException e) {
        fail(message, e);
      }
    };
  }

  private static void fail(Message<Object> message, Throwable cause) {
    if (cause instanceof KeyException refused) {
      message.fail(refused.code(), refused.getMessage());
    } else if (cause instanceof WireFormatException malformed) {
      message.fail(ReplyCodes.BAD_REQUEST, malformed.getMessage());
    } else {
      log.error("Key request failed: {}", cause.toString());
      message.fail(ReplyCodes.UNAVAILABLE, "The key service failed; see the server log.");
    }
  }
}
