package io.inlet.auth.verticle;

import io.inlet.auth.service.KeyLedger;
import io.inlet.auth.service.KeyReplicas;
import io.inlet.auth.service.ReplicatedKeys;
import io.inlet.auth.service.WriteQuorum;
import io.inlet.auth.store.KeyState;
import io.inlet.bus.Addresses;
import io.inlet.bus.ClusterMaps;
import io.inlet.bus.KeyStateChange;
import io.inlet.bus.KeyUses;
import io.inlet.bus.ReplyCodes;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.json.JsonObject;
import io.vertx.core.shareddata.AsyncMap;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Vert.x side of a clustered auth replica: the {@link KeyLedger} is the cluster-wide async map
 * {@link ClusterMaps#AUTH_KEYS} (on Hazelcast an IMap; the node configures it with a synchronous backup),
 * holding each name's {@link KeyState} as JSON text so that compare-and-set compares exact values.
 * The other replicas ({@link KeyReplicas}) are found in the map {@link ClusterMaps#AUTH_REPLICAS} (replica id
 * to its event-bus address, with a time to live that each replica renews) and reached by request,
 * so a change's caller is answered only once they have it. Key uses travel the other way, batched
 * and best effort: lastUsedAt is approximate cluster-wide (within a flush period).
 */
final class KeyCluster implements KeyLedger, KeyReplicas {

  private static final long REGISTRATION_TTL_MS = 30_000;
  private static final long QUORUM_CHECK_MS = 500;
  /** How long after a heal Hazelcast's merge of the two sides' entries (and the event bus's routes) surely settled. */
  static final long MERGE_SETTLE_MS = 5_000;
  private static final Logger log = LoggerFactory.getLogger(KeyCluster.class);

  private final Vertx vertx;
  private final long replicaTimeoutMs;
  private final String id = UUID.randomUUID().toString();
  private final Map<String, Instant> uses = new HashMap<>();
  private AsyncMap<String, String> ledger;
  private AsyncMap<String, String> registry;
  private final List<MessageConsumer<?>> consumers = new ArrayList<>();
  private long renewTimer = -1;
  private long reconcileTimer = -1;
  private long quorumTimer = -1;

  KeyCluster(Vertx vertx, long replicaTimeoutMs) {
    this.vertx = vertx;
    this.replicaTimeoutMs = replicaTimeoutMs;
  }

  /** Opens the shared maps. */
  Future<Void> open() {
    return vertx.sharedData().<String, String>getAsyncMap(ClusterMaps.AUTH_KEYS)
        .compose(map -> {
          ledger = map;
          return vertx.sharedData().<String, String>getAsyncMap(ClusterMaps.AUTH_REPLICAS);
        })
        .map(map -> {
          registry = map;
          return null;
        });
  }

  /**
   * Becomes a replica: takes changes and others' uses, announces itself, then merges with the
   * ledger once (before the caller starts answering) and every {@code reconcileMs} after.
   */
  Future<Void> join(ReplicatedKeys keys, BiConsumer<String, Instant> usedElsewhere, long reconcileMs,
      WriteQuorum quorum) {
    MessageConsumer<KeyStateChange> changes = vertx.eventBus().consumer(Addresses.authReplica(id), message -> {
      KeyState state;
      try {
        state = KeyState.fromJson(message.body().state());
      } catch (IllegalArgumentException e) {
        message.fail(ReplyCodes.BAD_REQUEST, "Not a key state.");
        return;
      }
      keys.applyReplicated(state).onComplete(done -> {
        if (done.succeeded()) {
          message.reply(null);
        } else {
          log.error("Cannot save a replicated key change for '{}': {}", state.name(), done.cause().toString());
          message.fail(ReplyCodes.UNAVAILABLE, "The key store could not save the change.");
        }
      });
    });
    MessageConsumer<KeyUses> used = vertx.eventBus().consumer(Addresses.KEY_USES,
        message -> usedElsewhere(message.body(), usedElsewhere));
    consumers.add(changes);
    consumers.add(used);
    return Future.all(changes.completion(), used.completion())
        .compose(v -> announce())
        .compose(v -> keys.reconcile())
        .map(moved -> {
          log.info("Auth replica {} joined the cluster's keys ({} state(s) merged)", id, moved);
          renewTimer = vertx.setPeriodic(REGISTRATION_TTL_MS / 3, t -> announce()
              .onFailure(e -> log.warn("Cannot renew this auth replica's registration: {}", e.toString())));
          reconcileTimer = vertx.setPeriodic(reconcileMs, t -> reconcile(keys));
          watchQuorum(keys, quorum);
          return null;
        });
  }

  private void reconcile(ReplicatedKeys keys) {
    keys.reconcile()
        .onSuccess(moved -> {
          if (moved > 0) {
            log.info("Reconciled {} key state(s) with the cluster", moved);
          }
        })
        .onFailure(e -> log.warn("Cannot reconcile keys with the cluster: {}", e.toString()));
  }

  /**
   * Says when this replica loses and regains the majority of a split cluster, and reconciles when it
   * regains it (the heal): at once, and again once the merge of the two sides' entries has settled,
   * rather than up to a reconcile period later.
   */
  private void watchQuorum(ReplicatedKeys keys, WriteQuorum quorum) {
    boolean[] had = {quorum.present()};
    quorumTimer = vertx.setPeriodic(QUORUM_CHECK_MS, t -> {
      boolean has = quorum.present();
      if (has == had[0]) {
        return;
      }
      had[0] = has;
      if (has) {
        log.info("This auth replica reaches a majority of the cluster again: key changes are accepted;"
            + " reconciling with the cluster now");
        reconcile(keys);
        vertx.setTimer(MERGE_SETTLE_MS, settled -> reconcile(keys));
      } else {
        log.warn("This auth replica is cut off from most of the cluster: it refuses key creates and revokes"
            + " (503) until the network heals, and validates from its own copy meanwhile");
      }
    });
  }

  /** Notes that this replica validated {@code name}; sent to the others at the next {@link #shareUses}. */
  void used(String name, Instant at) {
    uses.put(name, at);
  }

  /** Publishes the uses noted since the last call. */
  void shareUses() {
    if (uses.isEmpty()) {
      return;
    }
    KeyUses batch = new KeyUses(id, uses);
    uses.clear();
    vertx.eventBus().publish(Addresses.KEY_USES, batch);
  }

  /** Stops renewing and leaves the registry; consumers go with the verticle. */
  Future<Void> leave() {
    vertx.cancelTimer(renewTimer);
    vertx.cancelTimer(reconcileTimer);
    vertx.cancelTimer(quorumTimer);
    consumers.forEach(MessageConsumer::unregister);
    return registry == null ? Future.succeededFuture()
        : registry.remove(id).<Void>mapEmpty().recover(e -> Future.succeededFuture());
  }

  @Override
  public Future<KeyState> get(String name) {
    return ledger.get(name).map(KeyCluster::parse);
  }

  @Override
  public Future<Boolean> compareAndSet(KeyState expected, KeyState next) {
    String value = next.toJson().encode();
    if (expected == null) {
      return ledger.putIfAbsent(next.name(), value).map(previous -> previous == null);
    }
    return ledger.replaceIfPresent(next.name(), expected.toJson().encode(), value);
  }

  @Override
  public Future<Map<String, KeyState>> all() {
    return ledger.entries().map(entries -> {
      Map<String, KeyState> states = new HashMap<>();
      entries.forEach((name, text) -> {
        KeyState state = parse(text);
        if (state != null) {
          states.put(name, state);
        }
      });
      return states;
    });
  }

  @Override
  public Future<Void> replicate(KeyState state) {
    KeyStateChange body = new KeyStateChange(state.toJson());
    DeliveryOptions delivery = new DeliveryOptions().setSendTimeout(replicaTimeoutMs);
    return registry.keys().compose(ids -> {
      List<Future<?>> sent = new ArrayList<>();
      for (String other : ids) {
        if (other.equals(id)) {
          continue;
        }
        sent.add(vertx.eventBus().request(Addresses.authReplica(other), body, delivery)
            .onFailure(e -> missed(other, state, e)));
      }
      return Future.join(sent);
    }).<Void>mapEmpty().recover(e -> {
      log.warn("Cannot hand the change of key '{}' to the other auth replicas: {}", state.name(), e.toString());
      return Future.succeededFuture();
    });
  }

  private void missed(String other, KeyState state, Throwable e) {
    if (e instanceof ReplyException reply && reply.failureType() == ReplyFailure.NO_HANDLERS) {
      // Gone without leaving (killed): forget it; it reconciles when it comes back.
      registry.remove(other);
      return;
    }
    log.warn("Auth replica {} did not confirm the change of key '{}' ({}); it catches up when it reconciles",
        other, state.name(), e.getMessage());
  }

  private Future<Void> announce() {
    return registry.put(id, Addresses.authReplica(id), REGISTRATION_TTL_MS);
  }

  private void usedElsewhere(KeyUses message, BiConsumer<String, Instant> sink) {
    if (!id.equals(message.from())) {
      message.uses().forEach(sink);
    }
  }

  private static KeyState parse(String text) {
    if (text == null) {
      return null;
    }
    try {
      return KeyState.fromJson(new JsonObject(text));
    } catch (RuntimeException e) {
      log.warn("Ignoring a malformed entry in the cluster's key map");
      return null;
    }
  }
}
