package io.inlet.ingest;

/**
 * A peer broke the RTMP protocol (or one of Inlet's limits). The connection that raised it is
 * closed, its reason logged in one line and its {@link Kind} counted; no stack trace is captured,
 * since these come from peers' bytes and are expected, not bugs.
 *
 * <p>A parser that throws one stays failed: it answers any further input with the same exception
 * (Netty's {@code BAD_MESSAGE} state), so a caller that keeps feeding it cannot resynchronise on
 * garbage.
 */
public final class ProtocolException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** What went wrong, as an operator tells failures apart: one value per metric label. */
  public enum Kind {
    /** The bytes break the RTMP, AMF or FLV format: a field cut short, a reserved value, a wrong size. */
    MALFORMED,
    /**
     * Well-formed, but something Inlet does not implement: RTMPE, a message type it does not know,
     * AMF3 externalizable objects, AMF0 movie clips.
     */
    UNSUPPORTED,
    /** Within the protocol, but over one of Inlet's bounds (chunk limits, AMF depth, tracks, streams). */
    LIMIT_EXCEEDED,
    /**
     * A well-formed message at the wrong moment: a chunk continuing a stream that never started, a
     * command before connect, a publish on a stream that was never created.
     */
    OUT_OF_ORDER
  }

  private final Kind kind;

  private ProtocolException(Kind kind, String reason) {
    super(reason, null, false, false);
    this.kind = kind;
  }

  public static ProtocolException malformed(String reason) {
    return new ProtocolException(Kind.MALFORMED, reason);
  }

  public static ProtocolException unsupported(String reason) {
    return new ProtocolException(Kind.UNSUPPORTED, reason);
  }

  public static ProtocolException limitExceeded(String reason) {
    return new ProtocolException(Kind.LIMIT_EXCEEDED, reason);
  }

  public static ProtocolException outOfOrder(String reason) {
    return new ProtocolException(Kind.OUT_OF_ORDER, reason);
  }

  public Kind kind() {
    return kind;
  }

  /** The one-sentence reason, suitable for a log line and a metric label's neighbour. */
  public String reason() {
    return getMessage();
  }
}
