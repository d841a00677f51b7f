package io.inlet.ingest.server;

import io.inlet.bus.ClusterMaps;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.shareddata.AsyncMap;

/**
 * Which stream names are live, so a name publishes only once at a time. Backed by Vert.x shared data:
 * a local map on a standalone node, a Hazelcast map in a cluster, so the rule holds cluster-wide.
 * Claims carry a time to live that their ingest node renews every second: the claims of a node that
 * dies expire within {@link #CLAIM_TTL_MS}, and its streams' names can be published again.
 */
final class LiveStreamRegistry {

  static final long CLAIM_TTL_MS = 5_000;

  private final Future<AsyncMap<String, String>> map;

  LiveStreamRegistry(Vertx vertx) {
    this.map = vertx.sharedData().<String, String>getAsyncMap(ClusterMaps.LIVE_STREAMS);
  }

  /** Claims {@code name} for {@code owner}; succeeds with false when someone else holds it. */
  Future<Boolean> claim(String name, String owner) {
    return map.compose(m -> m.putIfAbsent(name, owner, CLAIM_TTL_MS)).map(previous -> previous == null || previous.equals(owner));
  }

  /** Renews a held claim's time to live. */
  Future<Void> renew(String name, String owner) {
    return map.compose(m -> m.put(name, owner, CLAIM_TTL_MS));
  }

  /** Releases the claim if {@code owner} still holds it. */
  Future<Boolean> release(String name, String owner) {
    return map.compose(m -> m.removeIfPresent(name, owner));
  }
}
