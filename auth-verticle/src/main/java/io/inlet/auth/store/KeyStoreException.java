package io.inlet.auth.store;

import java.io.IOException;

/** The key store cannot be opened or written; the message is one sentence for an operator. */
public final class KeyStoreException extends IOException {

  private static final long serialVersionUID = 1L;

  public KeyStoreException(String message) {
    super(message);
  }

  public KeyStoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
