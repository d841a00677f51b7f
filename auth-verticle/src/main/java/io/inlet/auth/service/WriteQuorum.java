package io.inlet.auth.service;

/**
 * Whether this auth replica may change keys now. When the network splits a cluster, only the side
 * that still holds a majority of its members may create and revoke keys; the other side refuses
 * (503) instead of making changes that would collide with the majority's when the network heals.
 * The node answers it from Hazelcast's split-brain protection; the cluster's key map enforces the
 * same rule on every write, so a change racing a split is refused there too.
 */
@FunctionalInterface
public interface WriteQuorum {

  /** No protection: a standalone node, or a cluster too small for a majority to mean anything. */
  WriteQuorum ALWAYS = () -> true;

  /** Whether enough of the cluster is reachable for this replica to change keys. */
  boolean present();
}
