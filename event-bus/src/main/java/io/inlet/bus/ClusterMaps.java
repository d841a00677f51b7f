package io.inlet.bus;

/**
 * The names of the cluster-wide maps (Vert.x shared data: Hazelcast maps in a cluster, local maps on
 * a standalone node). Like the addresses, they are a contract between nodes: every node must spell
 * them the same.
 */
public final class ClusterMaps {

  private ClusterMaps() {}

  /** Live stream name -> the ingest node/session that holds its claim, with a time to live it renews. */
  public static final String LIVE_STREAMS = "inlet.streams.live";

  private static final String AUTH_PREFIX = "inlet.auth.";

  /** Key name -> its key state as JSON text (the auth replicas' ledger, compared and set as text). */
  public static final String AUTH_KEYS = AUTH_PREFIX + "keys";

  /** Auth replica id -> its {@link Addresses#authReplica} address, with a time to live it renews. */
  public static final String AUTH_REPLICAS = AUTH_PREFIX + "replicas";

  /** A Hazelcast map-config pattern matching every map of the auth role (they get a synchronous backup). */
  public static final String AUTH_MAPS_PATTERN = AUTH_PREFIX + "*";
}
