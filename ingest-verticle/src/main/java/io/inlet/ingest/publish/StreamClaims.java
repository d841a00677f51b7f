package io.inlet.ingest.publish;

import io.inlet.bus.ClusterMaps;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.shareddata.AsyncMap;
import java.util.HashMap;
import java.util.Map;

/**
 * Which stream names are live, so a name publishes only once at a time. Backed by Vert.x shared data:
 * a local map on a standalone node, a Hazelcast map ({@link ClusterMaps#LIVE_STREAMS}) in a cluster,
 * so the rule holds cluster-wide. Claims carry a time to live that their ingest node renews every
 * second: the claims of a node that dies expire within {@link #CLAIM_TTL_MS}, and its streams' names
 * can be published again. Event-loop confined.
 */
public final class StreamClaims {

  static final long CLAIM_TTL_MS = 5_000;

  private final Future<AsyncMap<String, String>> map;
  /** The claims this node holds (name to owner), so they can be kept alive. */
  private final Map<String, String> held = new HashMap<>();

  public StreamClaims(Vertx vertx) {
    this.map = vertx.sharedData().<String, String>getAsyncMap(ClusterMaps.LIVE_STREAMS);
  }

  /** Claims {@code name} for {@code owner}; succeeds with false when someone else holds it. */
  Future<Boolean> claim(String name, String owner) {
    return map.compose(m -> m.putIfAbsent(name, owner, CLAIM_TTL_MS))
        .map(previous -> previous == null || previous.equals(owner))
        .onSuccess(claimed -> {
          if (claimed) {
            held.put(name, owner);
          }
        });
  }

  /** Releases the claim if {@code owner} still holds it. */
  Future<Boolean> release(String name, String owner) {
    held.remove(name, owner);
    return map.compose(m -> m.removeIfPresent(name, owner));
  }

  /** Renews the time to live of every claim this node holds; call about once a second. */
  public void renewAll() {
    held.forEach((name, owner) -> map.compose(m -> m.put(name, owner, CLAIM_TTL_MS)));
  }
}
