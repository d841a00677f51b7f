package io.inlet.bus;

/** Failure codes carried by {@code ReplyException}s on the event bus, HTTP-like on purpose. */
public final class ReplyCodes {

  private ReplyCodes() {}

  public static final int BAD_REQUEST = 400;
  public static final int UNAUTHORIZED = 401;
  public static final int FORBIDDEN = 403;
  public static final int NOT_FOUND = 404;
  public static final int CONFLICT = 409;
  public static final int TOO_MANY_REQUESTS = 429;
  public static final int UNAVAILABLE = 503;
}
