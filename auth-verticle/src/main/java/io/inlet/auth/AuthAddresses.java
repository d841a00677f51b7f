package io.inlet.auth;

/** Event-bus addresses the auth role adds to the public ones in {@code io.inlet.bus.Addresses}. */
public final class AuthAddresses {

  private AuthAddresses() {}

  /**
   * Internal, published after a revoke is on disk: {@code {"name"}}. The ingest side listens to
   * disconnect a live publisher of that key.
   */
  public static final String KEY_REVOKED = "inlet.auth.keys.revoked";
}
