package io.inlet.auth.service;

import io.inlet.auth.store.KeyNames;
import io.inlet.auth.store.KeyState;
import io.inlet.auth.store.KeyStore;
import io.inlet.bus.ReplyCodes;
import io.vertx.core.Future;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Key creation and revocation for an auth replica in a cluster, where several replicas each keep a
 * full copy of the keys in their own {@link KeyStore} (their own data dir) and must agree.
 *
 * <p>Why this shape:
 * <ul>
 *   <li><b>One place decides races.</b> Every change is a compare-and-set of one name's
 *       {@link KeyState} in the {@link KeyLedger} (a Hazelcast map with a synchronous backup, so
 *       losing any one member loses nothing). Of concurrent creates of one name, on any nodes,
 *       exactly one wins; the others see the winner and answer 409. No cluster lock is held, so a
 *       member dying mid-change blocks nobody.</li>
 *   <li><b>Every replica persists every change.</b> The deciding replica forces the change to its
 *       own journal, then hands it to the other replicas ({@link KeyReplicas}), which force it to
 *       theirs, before the caller gets the answer: after a revoke's reply, every replica that is up
 *       refuses the key. A replica that was unreachable catches up in {@link #reconcile}.</li>
 *   <li><b>States merge, so order never matters.</b> {@link KeyStore#apply} keeps the newer of two
 *       states of a name ({@link KeyState}): a later creation wins, and a revocation wins over the
 *       same key live. Revoked keys stay as tombstones in the journals and in the ledger, so a
 *       replica that slept through a revoke and comes back cannot resurrect the key.</li>
 *   <li><b>Restarts reconcile.</b> A starting replica loads its journal, then merges both ways with
 *       the ledger: it applies what the ledger knows better and writes back what it knows better.
 *       After a restart of the whole cluster the ledger starts empty and becomes the union of the
 *       journals, revocations winning. The same merge runs periodically as anti-entropy.</li>
 *   <li><b>Reads stay local.</b> Validation and listing answer from the replica's memory
 *       ({@link KeyService}), as standalone.</li>
 *   <li><b>Only a majority writes.</b> When the network splits the cluster, a replica on the side
 *       without a majority ({@link WriteQuorum}) refuses creates and revokes with 503 and pushes
 *       nothing to the ledger; it keeps validating from its own copy. So the two sides almost never
 *       both change keys (a cut-off replica may still write for the ~3 s before it counts its peers
 *       as gone; the ledger's merge policy settles those), and the heal (the ledger's entries merged with the same order, revocations
 *       winning) has no conflict to settle: every key created with a 201 keeps working, and a
 *       revocation learned at the heal ends the key's live publisher ({@code revokedByMerge}).</li>
 * </ul>
 * Limits: a creation time is bumped past the previous key's of the same name, so ordering never
 * depends on clocks agreeing. Without a write quorum (two-member clusters, Kubernetes discovery),
 * two sides of a split brain creating the same name both succeed, and after the merge the later one
 * wins (the other key stops working; each replica logs the replacement). A replica that was down
 * during a revoke and restarts while no up-to-date replica is up serves its own journal until one
 * joins and reconciles.
 */
public final class ReplicatedKeys {

  private static final Logger log = LoggerFactory.getLogger(ReplicatedKeys.class);
  private static final int ATTEMPTS = 5;
  /** The answer to a create or revoke on the minority side of a split cluster. */
  public static final String CUT_OFF = "This node is cut off from most of the cluster, so keys cannot be"
      + " created or revoked here until the network heals; use a node that reaches the majority.";

  private final KeyStore store;
  private final BlockingRunner io;
  private final KeyLedger ledger;
  private final KeyReplicas replicas;
  private final WriteQuorum quorum;
  private final Consumer<String> revokedByMerge;
  private final Clock clock;
  private final Set<String> creating = new HashSet<>();
  private volatile int differences;

  /**
   * @param quorum whether this replica is on the side of the cluster that may change keys
   * @param revokedByMerge told the name of a key this replica held live and learned, by
   *     reconciling, to be revoked (a revoke made while it was away or cut off)
   */
  public ReplicatedKeys(KeyStore store, BlockingRunner io, KeyLedger ledger, KeyReplicas replicas,
      WriteQuorum quorum, Consumer<String> revokedByMerge, Clock clock) {
    this.store = store;
    this.io = io;
    this.ledger = ledger;
    this.replicas = replicas;
    this.quorum = quorum;
    this.revokedByMerge = revokedByMerge;
    this.clock = clock;
  }

  /** As {@link KeyService#create}, cluster-wide: exactly one of concurrent creates of a name wins. */
  public Future<KeyService.CreatedKey> create(String name) {
    if (!KeyNames.isValid(name)) {
      return Future.failedFuture(new KeyException(ReplyCodes.BAD_REQUEST, KeyNames.RULE));
    }
    if (!quorum.present()) {
      return Future.failedFuture(cutOff());
    }
    if (creating.contains(name) || store.contains(name)) {
      return Future.failedFuture(KeyService.taken(name));
    }
    creating.add(name);
    String key = StreamKeys.generate();
    String hash = StreamKeys.hash(key);
    return claim(name, hash, ATTEMPTS)
        .recover(this::explainRefusal)
        .compose(created -> commit(created, "create key '" + name + "'", false)
            .recover(e -> abandon(created).transform(ignored -> Future.failedFuture(e))))
        .andThen(done -> creating.remove(name))
        .map(created -> {
          log.info("Created stream key '{}'", name);
          return new KeyService.CreatedKey(name, key, created.createdAt());
        });
  }

  /** As {@link KeyService#revoke}, cluster-wide: completes once every reachable replica refuses it. */
  public Future<String> revoke(String name) {
    if (!KeyNames.isValid(name)) {
      return Future.failedFuture(new KeyException(ReplyCodes.NOT_FOUND, "No key has that name."));
    }
    if (!quorum.present()) {
      return Future.failedFuture(cutOff());
    }
    return bury(name, ATTEMPTS)
        .recover(this::explainRefusal)
        .compose(tombstone -> commit(tombstone, "revoke key '" + name + "'", true))
        .map(tombstone -> {
          log.info("Revoked stream key '{}'", name);
          return name;
        });
  }

  /** Applies a change another replica committed; true if it changed this store. */
  public Future<Boolean> applyReplicated(KeyState state) {
    return io.run(() -> store.apply(state));
  }

  /**
   * Merges this replica and the ledger both ways: applies every state the ledger knows better, and
   * writes (and replicates) every state this replica knows better, unless this replica is cut off
   * from the majority (then the ledger it sees is the minority's, which takes no writes). Completes
   * with how many states moved either way; {@link #differences()} then says how many still differ.
   */
  public Future<Integer> reconcile() {
    return ledger.all().compose(remote -> io.run(() -> {
      int applied = 0;
      for (KeyState state : remote.values()) {
        KeyState before = store.state(state.name());
        if (store.apply(state)) {
          applied++;
          if (before != null && before.live() && !state.live() && before.hash().equals(state.hash())) {
            revokedByMerge.accept(state.name());
          }
        }
      }
      return applied;
    }).compose(applied -> {
      Map<String, KeyState> ledgerAfter = new HashMap<>(remote);
      List<Future<Boolean>> pushed = new ArrayList<>();
      if (quorum.present()) {
        for (KeyState local : store.states()) {
          KeyState known = remote.get(local.name());
          if (local.supersedes(known)) {
            pushed.add(ledger.compareAndSet(known, local)
                .onSuccess(set -> {
                  if (set) {
                    ledgerAfter.put(local.name(), local);
                  }
                })
                .compose(set -> set ? replicas.replicate(local).map(true) : Future.succeededFuture(false)));
          }
        }
      }
      return Future.join(pushed).transform(done -> {
        int moved = applied;
        for (Future<Boolean> push : pushed) {
          if (push.succeeded() && push.result()) {
            moved++;
          }
        }
        differences = countDifferences(ledgerAfter);
        return Future.succeededFuture(moved);
      });
    }));
  }

  /**
   * How many key names this replica's journal and the ledger disagreed on after the last
   * {@link #reconcile}: 0 once they agree; more while this replica is cut off and misses changes.
   */
  public int differences() {
    return differences;
  }

  private int countDifferences(Map<String, KeyState> ledgerStates) {
    Set<String> names = new HashSet<>(ledgerStates.keySet());
    for (KeyState local : store.states()) {
      names.add(local.name());
    }
    int differing = 0;
    for (String name : names) {
      if (!Objects.equals(ledgerStates.get(name), store.state(name))) {
        differing++;
      }
    }
    return differing;
  }

  /** The 503 of a replica on the minority side of a split cluster. */
  static KeyException cutOff() {
    return new KeyException(ReplyCodes.UNAVAILABLE, CUT_OFF);
  }

  /** A ledger write refused because the quorum went while it ran: said as such, not as a bug. */
  private <T> Future<T> explainRefusal(Throwable cause) {
    if (!(cause instanceof KeyException) && !quorum.present()) {
      return Future.failedFuture(cutOff());
    }
    return Future.failedFuture(cause);
  }

  /** Puts a new live state for {@code name} in the ledger, unless a live key holds the name. */
  private Future<KeyState> claim(String name, String hash, int attempts) {
    return ledger.get(name).compose(current -> {
      KeyState known = KeyState.newer(current, store.state(name));
      if (known != null && known.live()) {
        return Future.failedFuture(KeyService.taken(name));
      }
      Instant createdAt = now();
      if (known != null && !createdAt.isAfter(known.createdAt())) {
        createdAt = known.createdAt().plusMillis(1);
      }
      KeyState next = new KeyState(name, hash, createdAt, null);
      return ledger.compareAndSet(current, next).compose(set -> {
        if (set) {
          return Future.succeededFuture(next);
        }
        return attempts > 1 ? claim(name, hash, attempts - 1) : Future.failedFuture(KeyService.taken(name));
      });
    });
  }

  /** Puts the revoked state of {@code name}'s live key in the ledger. */
  private Future<KeyState> bury(String name, int attempts) {
    return ledger.get(name).compose(current -> {
      KeyState known = KeyState.newer(current, store.state(name));
      if (known == null || !known.live()) {
        return Future.failedFuture(KeyService.unknown(name));
      }
      KeyState tombstone = known.revoked(now());
      return ledger.compareAndSet(current, tombstone).compose(set -> {
        if (set) {
          return Future.succeededFuture(tombstone);
        }
        return attempts > 1 ? bury(name, attempts - 1) : Future.failedFuture(new KeyException(
            ReplyCodes.UNAVAILABLE, "The key changed concurrently too often; try again."));
      });
    });
  }

  /**
   * Forces the change to this replica's journal, then to every other replica's. If this replica's
   * disk refuses it, the others still get it when {@code spreadAnyway} (a revoke must take effect).
   */
  private Future<KeyState> commit(KeyState state, String what, boolean spreadAnyway) {
    return io.run(() -> store.apply(state))
        .transform(done -> {
          if (done.succeeded()) {
            return replicas.replicate(state).map(state);
          }
          log.error("Cannot {}: {}", what, done.cause().toString());
          KeyException failure = new KeyException(ReplyCodes.UNAVAILABLE, KeyService.STORE_FAILED);
          Future<Void> spread = spreadAnyway ? replicas.replicate(state) : Future.succeededFuture();
          return spread.transform(ignored -> Future.failedFuture(failure));
        });
  }

  /** Takes back a created key whose secret the caller will never see, freeing its name. */
  private Future<Void> abandon(KeyState created) {
    KeyState tombstone = created.revoked(now());
    return ledger.compareAndSet(created, tombstone)
        .compose(set -> set ? replicas.replicate(tombstone) : Future.<Void>succeededFuture())
        .recover(e -> {
          log.warn("Cannot take back the unsaved key '{}': {}", created.name(), e.toString());
          return Future.succeededFuture();
        });
  }

  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MILLIS);
  }
}
