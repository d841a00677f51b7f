package io.inlet.auth.service;

import io.inlet.auth.store.KeyEntry;
import io.inlet.auth.store.KeyNames;
import io.inlet.auth.store.KeyStore;
import io.inlet.bus.ReplyCodes;
import io.vertx.core.Future;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The stream-key operations of the contract, over a {@link KeyStore}. Call it from one context (the
 * auth verticle's event loop): it answers validations and lists from memory, and sends file I/O to
 * a {@link BlockingRunner}. Failures are {@link KeyException}s. A secret is returned once, by
 * {@link #create}, and never logged.
 */
public final class KeyService {

  private static final Logger log = LoggerFactory.getLogger(KeyService.class);
  static final String REFUSED = "Unknown or revoked stream key.";
  public static final String TOO_MANY = "Too many refused publishes from this address; try again later.";
  static final String STORE_FAILED = "The key store could not save the change; see the server log.";

  private final KeyStore store;
  private final BlockingRunner io;
  private final FailureLimiter limiter;
  private final Clock clock;
  private final Set<String> creating = new HashSet<>();
  private final Set<String> live = new HashSet<>();

  /** A key just created: the only place its secret appears. */
  public record CreatedKey(String name, String key, Instant createdAt) {
    @Override
    public String toString() {
      return "CreatedKey[" + name + " created " + createdAt + "]";
    }
  }

  /** What a listing shows of one key: no secret, no hash. */
  public record KeyView(String name, Instant createdAt, Instant lastUsedAt, boolean live) {}

  public KeyService(KeyStore store, BlockingRunner io, FailureLimiter limiter, Clock clock) {
    this.store = store;
    this.io = io;
    this.limiter = limiter;
    this.clock = clock;
  }

  /**
   * Creates a key. The name is reserved at once, so of concurrent creates of one name exactly one
   * succeeds; the future completes after the key is forced to disk. Fails 400 / 409 / 503.
   */
  public Future<CreatedKey> create(String name) {
    if (!KeyNames.isValid(name)) {
      return Future.failedFuture(new KeyException(ReplyCodes.BAD_REQUEST, KeyNames.RULE));
    }
    if (creating.contains(name) || store.contains(name)) {
      return Future.failedFuture(taken(name));
    }
    creating.add(name);
    String key = StreamKeys.generate();
    String hash = StreamKeys.hash(key);
    Instant now = now();
    return io.run(() -> store.create(name, hash, now))
        .andThen(done -> creating.remove(name))
        .transform(done -> {
          if (done.failed()) {
            return Future.failedFuture(storeFailure("create key '" + name + "'", done.cause()));
          }
          if (done.result() == null) {
            return Future.failedFuture(taken(name));
          }
          log.info("Created stream key '{}'", name);
          return Future.succeededFuture(new CreatedKey(name, key, now));
        });
  }

  /** Every key, by name, with whether a publisher is live on it. */
  public List<KeyView> list() {
    List<KeyView> views = new ArrayList<>();
    for (KeyEntry entry : store.entries()) {
      views.add(new KeyView(entry.name(), entry.createdAt(), entry.lastUsedAt(), live.contains(entry.name())));
    }
    return views;
  }

  /** Revokes a key; completes with its name once the revoke is on disk. Fails 404 / 503. */
  public Future<String> revoke(String name) {
    if (!KeyNames.isValid(name)) {
      return Future.failedFuture(new KeyException(ReplyCodes.NOT_FOUND, "No key has that name."));
    }
    if (!store.contains(name)) {
      return Future.failedFuture(unknown(name));
    }
    Instant now = now();
    return io.run(() -> store.revoke(name, now)).transform(done -> {
      if (done.failed()) {
        return Future.failedFuture(storeFailure("revoke key '" + name + "'", done.cause()));
      }
      if (!done.result()) {
        return Future.failedFuture(unknown(name));
      }
      log.info("Revoked stream key '{}'", name);
      return Future.succeededFuture(name);
    });
  }

  /**
   * Answers from memory whether {@code key} may publish: the key's name, or a 403 (counted against
   * the remote host) or a 429 while that host is blocked. Records the use.
   */
  public String validate(String key, String remoteAddress) {
    String host = FailureLimiter.hostOf(remoteAddress);
    if (limiter.isBlocked(host)) {
      throw new KeyException(ReplyCodes.TOO_MANY_REQUESTS, TOO_MANY);
    }
    KeyEntry entry = StreamKeys.wellFormed(key) ? store.findByHash(StreamKeys.hash(key)) : null;
    if (entry == null) {
      if (limiter.recordFailure(host)) {
        log.warn("Blocking publishes from {} after too many refused stream keys", host);
      } else {
        log.debug("Refused a stream key from {}", host);
      }
      throw new KeyException(ReplyCodes.FORBIDDEN, REFUSED);
    }
    store.markUsed(entry, now());
    return entry.name();
  }

  /**
   * Records that another auth replica validated {@code name} at {@code at} (clustered), so that
   * lastUsedAt converges across replicas; saved with this replica's own uses.
   */
  public void usedElsewhere(String name, Instant at) {
    KeyEntry entry = store.entry(name);
    if (entry != null) {
      store.markUsed(entry, at);
    }
  }

  public void streamStarted(String name) {
    live.add(name);
  }

  public void streamEnded(String name) {
    live.remove(name);
  }

  /** Saves the uses recorded since the last flush. */
  public Future<Integer> flushUsage() {
    return io.run(store::flushUsage);
  }

  /** Flushes and closes the store. */
  public Future<Void> close() {
    return io.run(() -> {
      store.close();
      return null;
    });
  }

  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MILLIS);
  }

  /** The 409 answer for a name a live key holds (standalone and clustered alike). */
  static KeyException taken(String name) {
    return new KeyException(ReplyCodes.CONFLICT, "A key named '" + name + "' already exists.");
  }

  /** The 404 answer for a name no live key holds (standalone and clustered alike). */
  static KeyException unknown(String name) {
    return new KeyException(ReplyCodes.NOT_FOUND, "No key named '" + name + "' exists.");
  }

  private static Throwable storeFailure(String what, Throwable cause) {
    if (cause instanceof KeyException) {
      return cause;
    }
    log.error("Cannot {}: {}", what, cause.toString());
    return new KeyException(ReplyCodes.UNAVAILABLE, STORE_FAILED);
  }
}
