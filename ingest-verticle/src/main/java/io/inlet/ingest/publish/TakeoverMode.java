package io.inlet.ingest.publish;

import java.util.Locale;

/** {@code --publisher-takeover}: what a publish with a key whose stream is live does. */
public enum TakeoverMode {
  /** It takes the stream over when the live session has sent no media for {@code --takeover-idle-ms}. */
  IDLE,
  /** The newest publisher wins (at most one takeover per stream every few seconds). */
  ALWAYS,
  /** The live publisher always wins; a resume after its connection ended still works. */
  NEVER;

  /** The option's value: its name in lower case. */
  public String optionValue() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** @throws IllegalArgumentException naming the allowed values */
  public static TakeoverMode parse(String value) {
    for (TakeoverMode mode : values()) {
      if (mode.optionValue().equals(value.trim())) {
        return mode;
      }
    }
    throw new IllegalArgumentException("'" + value + "' is not one of idle, always, never");
  }
}
