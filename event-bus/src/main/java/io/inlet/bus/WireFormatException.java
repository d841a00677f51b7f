package io.inlet.bus;

/**
 * A message on the event bus that is not what its codec or record expects: a truncated or oversized
 * binary form, an unknown wire id or version, or a JSON body with a field missing or of the wrong
 * type. The message says, in one sentence, what was wrong; a handler of a request answers it with
 * {@link ReplyCodes#BAD_REQUEST}.
 */
public final class WireFormatException extends RuntimeException {

  public WireFormatException(String message) {
    super(message);
  }
}
