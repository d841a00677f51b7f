package io.inlet.auth.service;

/**
 * A refused key request: the failure code (see {@code io.inlet.bus.ReplyCodes}) and one readable
 * sentence, carried to the caller as a {@code ReplyException}. No stack trace: it is not a bug.
 */
public final class KeyException extends RuntimeException {

  private static final long serialVersionUID = 1L;
  private final int code;

  public KeyException(int code, String sentence) {
    super(sentence, null, false, false);
    this.code = code;
  }

  public int code() {
    return code;
  }
}
