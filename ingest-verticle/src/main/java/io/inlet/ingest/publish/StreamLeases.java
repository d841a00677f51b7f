package io.inlet.ingest.publish;

import io.inlet.bus.ClusterMaps;
import io.inlet.bus.StreamLease;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.shareddata.AsyncMap;
import java.util.HashMap;
import java.util.Map;

/**
 * Which stream holds each live name, cluster-wide, so a name has one owner at a time: a
 * {@link StreamLease} per name in Vert.x shared data (a local map on a standalone node, a Hazelcast
 * map, {@link ClusterMaps#LIVE_STREAMS}, in a cluster). A lease is created by the first publish of a
 * name and replaced, with {@code publishes} one higher, only by the node that holds it (a resume or
 * a takeover of its stream), so the holder can simply overwrite it. Leases carry a time to live
 * their node renews every second: the leases of a node that dies expire within
 * {@link #LEASE_TTL_MS}, and their names can be published again. Event-loop confined.
 */
public final class StreamLeases {

  static final long LEASE_TTL_MS = 5_000;

  private final Future<AsyncMap<String, String>> map;
  /** The leases this node holds, by name, so they can be kept alive. */
  private final Map<String, StreamLease> held = new HashMap<>();

  public StreamLeases(Vertx vertx) {
    this.map = vertx.sharedData().<String, String>getAsyncMap(ClusterMaps.LIVE_STREAMS);
  }

  /**
   * Takes the name for a new stream unless a lease holds it: succeeds with null when {@code lease} is
   * now the name's, or with the lease that holds it.
   */
  Future<StreamLease> acquire(String name, StreamLease lease) {
    return map.compose(m -> m.putIfAbsent(name, lease.encode(), LEASE_TTL_MS)).map(previous -> {
      if (previous == null) {
        held.put(name, lease);
        return null;
      }
      return StreamLease.decode(previous);
    });
  }

  /** Replaces a lease this node holds by the next session's (a resume or a takeover). */
  void replace(String name, StreamLease next) {
    held.put(name, next);
    map.compose(m -> m.put(name, next.encode(), LEASE_TTL_MS));
  }

  /** Releases the name if {@code lease} still holds it. */
  Future<Boolean> release(String name, StreamLease lease) {
    held.remove(name, lease);
    return map.compose(m -> m.removeIfPresent(name, lease.encode()));
  }

  /** Renews the time to live of every lease this node holds; call about once a second. */
  public void renewAll() {
    held.forEach((name, lease) -> map.compose(m -> m.put(name, lease.encode(), LEASE_TTL_MS)));
  }
}
