package io.inlet.ingest.session;

/** Where a session is in the connect / createStream / publish dance. */
public enum SessionState {
  /** Handshake done, waiting for {@code connect}. */
  AWAITING_CONNECT,
  /** Connected to an application; streams may be created and published. */
  CONNECTED,
  /** A publish was asked for; the key is being checked. */
  PUBLISH_PENDING,
  /** Media flows. */
  PUBLISHING,
  /** Closed; everything after is ignored. */
  CLOSED
}
