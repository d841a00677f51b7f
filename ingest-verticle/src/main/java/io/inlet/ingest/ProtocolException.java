package io.inlet.ingest;

/**
 * A peer broke the RTMP protocol (or one of Inlet's limits). The connection that raised it is
 * closed and its reason logged in one line; no stack trace is captured, since these come from
 * peers' bytes and are expected, not bugs.
 */
public class ProtocolException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public ProtocolException(String reason) {
    super(reason, null, false, false);
  }

  /** The one-sentence reason, suitable for a log line and a metric label's neighbour. */
  public String reason() {
    return getMessage();
  }
}
