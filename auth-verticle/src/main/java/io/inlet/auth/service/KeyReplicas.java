package io.inlet.auth.service;

import io.inlet.auth.store.KeyState;
import io.vertx.core.Future;

/** The other auth replicas, each with its own journal, that must apply every committed change. */
public interface KeyReplicas {

  /**
   * Hands {@code state} to every other replica that is up; completes once each has applied it (to
   * disk and memory) or could not be reached in time. Never fails: a replica that missed it catches
   * up at its next reconciliation.
   */
  Future<Void> replicate(KeyState state);
}
