package io.inlet.auth.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.inlet.auth.store.KeyState;
import io.inlet.auth.store.KeyStore;
import io.inlet.bus.ReplyCodes;
import io.vertx.core.Future;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A replica of a split cluster, without Vert.x or Hazelcast: the ledger is a map with
 * compare-and-set (what the majority's side of the key map holds), blocking work runs inline. Cut
 * off, the replica refuses changes and pushes nothing; at the heal it takes the majority's changes,
 * its journal agrees with the ledger, and a revocation it missed is reported once.
 */
class ReplicatedKeysSplitTest {

  /** The cluster's key map as one side of a split sees it. */
  static final class MapLedger implements KeyLedger {
    final Map<String, KeyState> states = new HashMap<>();
    int writes;

    @Override
    public Future<KeyState> get(String name) {
      return Future.succeededFuture(states.get(name));
    }

    @Override
    public Future<Boolean> compareAndSet(KeyState expected, KeyState next) {
      writes++;
      if (!Objects.equals(states.get(next.name()), expected)) {
        return Future.succeededFuture(false);
      }
      states.put(next.name(), next);
      return Future.succeededFuture(true);
    }

    @Override
    public Future<Map<String, KeyState>> all() {
      return Future.succeededFuture(new HashMap<>(states));
    }
  }

  private static final BlockingRunner INLINE = new BlockingRunner() {
    @Override
    public <T> Future<T> run(java.util.concurrent.Callable<T> task) {
      try {
        return Future.succeededFuture(task.call());
      } catch (Exception e) {
        return Future.failedFuture(e);
      }
    }
  };

  @TempDir Path dir;
  private final Clock clock = Clock.fixed(Instant.parse("2026-12-03T10:00:00Z"), ZoneOffset.UTC);
  private final MapLedger majority = new MapLedger();
  private final AtomicBoolean quorum = new AtomicBoolean(true);
  private final List<String> revokedByMerge = new ArrayList<>();
  private KeyStore store;
  private ReplicatedKeys replica;

  @BeforeEach
  void open() throws Exception {
    store = KeyStore.open(dir);
    replica = new ReplicatedKeys(store, INLINE, majority, state -> Future.succeededFuture(), quorum::get,
        revokedByMerge::add, clock);
  }

  @AfterEach
  void close() throws Exception {
    store.close();
  }

  @Test
  void cutOffItRefusesCreatesAndRevokesWith503AndWritesNothing() throws Exception {
    replica.create("cam1").await();
    quorum.set(false);
    int writes = majority.writes;

    KeyException create = refusal(replica.create("cam2"));
    KeyException revoke = refusal(replica.revoke("cam1"));

    assertThat(create.code()).isEqualTo(ReplyCodes.UNAVAILABLE);
    assertThat(create.getMessage()).isEqualTo(ReplicatedKeys.CUT_OFF).contains("cut off from most of the cluster");
    assertThat(revoke.code()).isEqualTo(ReplyCodes.UNAVAILABLE);
    assertThat(majority.writes).as("no write reached the key map").isEqualTo(writes);
    assertThat(store.contains("cam1")).as("the key still validates here").isTrue();
    assertThat(store.contains("cam2")).isFalse();
  }

  @Test
  void cutOffItsReconcileTakesButNeverPushes() throws Exception {
    replica.create("cam1").await();
    quorum.set(false);
    // What the cut-off side's key map holds: part of the entries (the rest lived on the other side).
    majority.states.clear();

    replica.reconcile().await();

    assertThat(majority.states).as("nothing pushed into the minority's map").isEmpty();
    assertThat(replica.differences()).as("journal and map disagree while cut off").isEqualTo(1);
  }

  @Test
  void atTheHealItTakesTheMajoritysChangesAndReportsTheMissedRevocationOnce() throws Exception {
    KeyService.CreatedKey cam1 = replica.create("cam1").await();
    replica.create("cam2").await();
    quorum.set(false);
    // Meanwhile on the majority side: cam1 revoked, cam3 created.
    KeyState cam1Live = majority.states.get("cam1");
    majority.states.put("cam1", cam1Live.revoked(Instant.parse("2026-12-03T10:00:05Z")));
    KeyState cam3 = new KeyState("cam3", StreamKeys.hash(StreamKeys.generate()), Instant.parse("2026-12-03T10:00:06Z"), null);
    majority.states.put("cam3", cam3);

    quorum.set(true);
    int moved = replica.reconcile().await();
    replica.reconcile().await();

    assertThat(moved).isEqualTo(2);
    assertThat(revokedByMerge).as("the missed revocation, reported once").containsExactly("cam1");
    assertThat(store.findByHash(StreamKeys.hash(cam1.key()))).as("the revoked key no longer validates").isNull();
    assertThat(store.contains("cam2")).isTrue();
    assertThat(store.state("cam3")).isEqualTo(cam3);
    assertThat(replica.differences()).as("journal and map agree").isZero();

    // The journal agrees too: reopened, it holds exactly the map's states.
    store.close();
    store = KeyStore.open(dir);
    Map<String, KeyState> journal = new HashMap<>();
    store.states().forEach(state -> journal.put(state.name(), state));
    assertThat(journal).isEqualTo(majority.states);
  }

  @Test
  void aStateOnlyTheHealedReplicaHeldIsPushedToTheMap() throws Exception {
    replica.create("cam1").await();
    // The majority's map lost the entry (both its copies lived on the cut-off side): the journal restores it.
    KeyState cam1 = majority.states.remove("cam1");

    replica.reconcile().await();

    assertThat(majority.states).containsEntry("cam1", cam1);
    assertThat(replica.differences()).isZero();
  }

  private static KeyException refusal(Future<?> future) {
    try {
      future.await();
    } catch (KeyException e) {
      return e;
    } catch (Exception e) {
      throw new AssertionError("expected a KeyException, got " + e, e);
    }
    throw new AssertionError("expected a refusal, got " + future.result());
  }
}
