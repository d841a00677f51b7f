package io.inlet.auth.verticle;

import io.vertx.core.json.JsonObject;
import java.nio.file.Path;

/**
 * Settings of the auth verticle, with their defaults as named constants. Travels to the verticle as
 * its JSON config ({@link #toJson()} on the node, {@link #AuthOptions(JsonObject)} in the verticle):
 * {@code {"dataDir": "...", "maxFailuresPerAddress": 10, "failureWindowMs": 60000,
 * "blockMs": 300000, "usageFlushMs": 5000, "reconcileMs": 10000, "replicaTimeoutMs": 2000}}. Only
 * {@code dataDir} is required; the last two matter only on a clustered Vert.x.
 */
public final class AuthOptions {

  public static final int DEFAULT_MAX_FAILURES_PER_ADDRESS = 10;
  public static final long DEFAULT_FAILURE_WINDOW_MS = 60_000;
  public static final long DEFAULT_BLOCK_MS = 300_000;
  public static final long DEFAULT_USAGE_FLUSH_MS = 5_000;
  public static final long DEFAULT_RECONCILE_MS = 10_000;
  public static final long DEFAULT_REPLICA_TIMEOUT_MS = 2_000;

  private Path dataDir;
  private int maxFailuresPerAddress = DEFAULT_MAX_FAILURES_PER_ADDRESS;
  private long failureWindowMs = DEFAULT_FAILURE_WINDOW_MS;
  private long blockMs = DEFAULT_BLOCK_MS;
  private long usageFlushMs = DEFAULT_USAGE_FLUSH_MS;
  private long reconcileMs = DEFAULT_RECONCILE_MS;
  private long replicaTimeoutMs = DEFAULT_REPLICA_TIMEOUT_MS;

  /** The defaults, without a data dir: set one with {@link #dataDir(Path)} before deploying. */
  public AuthOptions() {}

  /**
   * Reads a deployment config; a key that is absent keeps its default.
   *
   * @throws IllegalArgumentException naming the config key that is missing or wrong
   */
  public AuthOptions(JsonObject config) {
    Object dir = config.getValue("dataDir");
    if (!(dir instanceof String) || ((String) dir).isBlank()) {
      throw new IllegalArgumentException("The auth verticle needs \"dataDir\" in its config.");
    }
    dataDir = Path.of((String) dir);
    maxFailuresPerAddress = (int) number(config, "maxFailuresPerAddress",
        DEFAULT_MAX_FAILURES_PER_ADDRESS, 0, Integer.MAX_VALUE);
    failureWindowMs = number(config, "failureWindowMs", DEFAULT_FAILURE_WINDOW_MS, 1, Long.MAX_VALUE);
    blockMs = number(config, "blockMs", DEFAULT_BLOCK_MS, 0, Long.MAX_VALUE);
    usageFlushMs = number(config, "usageFlushMs", DEFAULT_USAGE_FLUSH_MS, 1, Long.MAX_VALUE);
    reconcileMs = number(config, "reconcileMs", DEFAULT_RECONCILE_MS, 1, Long.MAX_VALUE);
    replicaTimeoutMs = number(config, "replicaTimeoutMs", DEFAULT_REPLICA_TIMEOUT_MS, 1, Long.MAX_VALUE);
  }

  private static long number(JsonObject config, String key, long fallback, long min, long max) {
    Object value = config.getValue(key);
    if (value == null) {
      return fallback;
    }
    boolean whole = value instanceof Integer || value instanceof Long;
    if (!whole || ((Number) value).longValue() < min || ((Number) value).longValue() > max) {
      throw new IllegalArgumentException("The auth config \"" + key + "\" must be a whole number from "
          + min + " to " + max + ".");
    }
    return ((Number) value).longValue();
  }

  public JsonObject toJson() {
    return new JsonObject().put("dataDir", dataDir == null ? null : dataDir.toString())
        .put("maxFailuresPerAddress", maxFailuresPerAddress).put("failureWindowMs", failureWindowMs)
        .put("blockMs", blockMs).put("usageFlushMs", usageFlushMs)
        .put("reconcileMs", reconcileMs).put("replicaTimeoutMs", replicaTimeoutMs);
  }

  /** Where the key store's journal lives. */
  public Path dataDir() { return dataDir; }
  public AuthOptions dataDir(Path value) { dataDir = value; return this; }
  /** Refused validations from one host, within the window, that block it; 0 turns blocking off. */
  public int maxFailuresPerAddress() { return maxFailuresPerAddress; }
  public AuthOptions maxFailuresPerAddress(int value) { maxFailuresPerAddress = value; return this; }
  public long failureWindowMs() { return failureWindowMs; }
  public AuthOptions failureWindowMs(long value) { failureWindowMs = value; return this; }
  public long blockMs() { return blockMs; }
  public AuthOptions blockMs(long value) { blockMs = value; return this; }
  /** How often lastUsedAt changes are written to the journal. */
  public long usageFlushMs() { return usageFlushMs; }
  public AuthOptions usageFlushMs(long value) { usageFlushMs = value; return this; }
  /** Clustered: how often a replica merges with the cluster's key map (anti-entropy). */
  public long reconcileMs() { return reconcileMs; }
  public AuthOptions reconcileMs(long value) { reconcileMs = value; return this; }
  /** Clustered: how long a change waits for each other replica to confirm it. */
  public long replicaTimeoutMs() { return replicaTimeoutMs; }
  public AuthOptions replicaTimeoutMs(long value) { replicaTimeoutMs = value; return this; }
}
