package io.inlet.node;

/** A user's mistake (bad option, port in use, unusable data dir): exit code 2 and one line on stderr. */
public final class UsageException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public UsageException(String message) {
    super(message, null, false, false);
  }
}
