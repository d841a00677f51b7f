package io.inlet.auth;

/** Event-bus addresses the auth role adds to the public ones in {@code io.inlet.bus.Addresses}. */
public final class AuthAddresses {

  private AuthAddresses() {}

  /**
   * Internal, published after a revoke is on disk: {@code {"name"}}. The ingest side listens to
   * disconnect a live publisher of that key.
   */
  public static final String KEY_REVOKED = "inlet.auth.keys.revoked";

  /**
   * Internal, clustered auth replicas only: each replica consumes {@code REPLICA_PREFIX + its id};
   * a request {@code {"state":KeyState}} is a committed change to apply; the reply {@code {}} says
   * it is on that replica's disk.
   */
  public static final String REPLICA_PREFIX = "inlet.auth.replica.";

  /**
   * Internal, clustered auth replicas only, published every flush period:
   * {@code {"from":replica id,"uses":{name: ISO instant}}}, the keys a replica validated lately.
   */
  public static final String KEY_USES = "inlet.auth.keys.used";
}
