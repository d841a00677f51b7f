package io.inlet.bus;

import io.vertx.core.eventbus.MessageCodec;

/**
 * What Inlet's event-bus codecs share: inside one JVM the message object itself is handed over (no
 * copy, no encoding); only between nodes do the subclasses' wire formats apply.
 */
abstract class ZeroCopyCodec<T> implements MessageCodec<T, T> {

  private final String name;

  ZeroCopyCodec(String name) {
    this.name = name;
  }

  @Override
  public final T transform(T message) {
    return message;
  }

  @Override
  public final String name() {
    return name;
  }

  @Override
  public final byte systemCodecID() {
    return -1; // a user codec
  }
}
