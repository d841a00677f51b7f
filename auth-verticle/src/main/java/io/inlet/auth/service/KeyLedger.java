package io.inlet.auth.service;

import io.inlet.auth.store.KeyState;
import io.vertx.core.Future;
import java.util.Map;

/**
 * The cluster-wide record of every key name's {@link KeyState}, shared by the auth replicas (in
 * Inlet, a Hazelcast map with a backup). It decides races: a change is made by compare-and-set on
 * one name, which the map serializes.
 */
public interface KeyLedger {

  /** The state of {@code name}, or null if the ledger has none. */
  Future<KeyState> get(String name);

  /** Sets {@code next} if the ledger still holds {@code expected} for its name (null: nothing). */
  Future<Boolean> compareAndSet(KeyState expected, KeyState next);

  /** Every state, by name. */
  Future<Map<String, KeyState>> all();
}
