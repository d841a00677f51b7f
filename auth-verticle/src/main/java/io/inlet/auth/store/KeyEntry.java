package io.inlet.auth.store;

import java.time.Instant;
import java.util.Objects;

/**
 * One stream key as the store keeps it: its name, the SHA-256 of its secret (never the secret) and
 * when it was created and last used. Only {@link #lastUsedAt()} changes, and only forwards.
 */
public final class KeyEntry {

  private final String name;
  private final String hash;
  private final Instant createdAt;
  private volatile Instant lastUsedAt;

  KeyEntry(String name, String hash, Instant createdAt, Instant lastUsedAt) {
    this.name = Objects.requireNonNull(name, "name");
    this.hash = Objects.requireNonNull(hash, "hash");
    this.createdAt = Objects.requireNonNull(createdAt, "createdAt");
    this.lastUsedAt = lastUsedAt;
  }

  public String name() {
    return name;
  }

  /** Lower-case hex SHA-256 of the key. */
  public String hash() {
    return hash;
  }

  public Instant createdAt() {
    return createdAt;
  }

  /** When a publish last validated with this key, or null if never. */
  public Instant lastUsedAt() {
    return lastUsedAt;
  }

  /** Moves lastUsedAt forward to {@code at}; returns false if it already was at or after it. */
  synchronized boolean touch(Instant at) {
    if (lastUsedAt != null && !at.isAfter(lastUsedAt)) {
      return false;
    }
    lastUsedAt = at;
    return true;
  }

  @Override
  public String toString() {
    return "KeyEntry[" + name + " created " + createdAt + "]";
  }
}
