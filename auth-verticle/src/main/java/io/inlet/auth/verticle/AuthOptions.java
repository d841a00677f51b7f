package io.inlet.auth.verticle;

import io.vertx.core.json.JsonObject;
import java.nio.file.Path;

/**
 * Settings of the auth verticle, with their defaults as named constants. Travels to the verticle as
 * its JSON config ({@link #toJson()} on the node, {@link #AuthOptions(JsonObject)} in the verticle):
 * {@code {"dataDir": "...", "maxFailuresPerAddress": 10, "failureWindowMs": 60000,
 * "blockMs": 300000, "usageFlushMs": 5000, "reconcileMs": 10000, "replicaTimeoutMs": 2000,
 * "authWebhook": null, "webhookSecret": null, "webhookCa": null, "webhookTimeoutMs": 3000}}. Only {@code dataDir} is
 * required; {@code reconcileMs} and {@code replicaTimeoutMs} matter only on a clustered Vert.x. With
 * {@code authWebhook} set, that URL decides every publish instead of the key store.
 */
public final class AuthOptions {

  public static final int DEFAULT_MAX_FAILURES_PER_ADDRESS = 10;
  public static final long DEFAULT_FAILURE_WINDOW_MS = 60_000;
  public static final long DEFAULT_BLOCK_MS = 300_000;
  public static final long DEFAULT_USAGE_FLUSH_MS = 5_000;
  public static final long DEFAULT_RECONCILE_MS = 10_000;
  public static final long DEFAULT_REPLICA_TIMEOUT_MS = 2_000;
  /** One webhook request's limit (auth and event webhooks alike). */
  public static final long DEFAULT_WEBHOOK_TIMEOUT_MS = 3_000;

  private Path dataDir;
  private int maxFailuresPerAddress = DEFAULT_MAX_FAILURES_PER_ADDRESS;
  private long failureWindowMs = DEFAULT_FAILURE_WINDOW_MS;
  private long blockMs = DEFAULT_BLOCK_MS;
  private long usageFlushMs = DEFAULT_USAGE_FLUSH_MS;
  private long reconcileMs = DEFAULT_RECONCILE_MS;
  private long replicaTimeoutMs = DEFAULT_REPLICA_TIMEOUT_MS;
  private String authWebhook;
  private String webhookSecret;
  private String webhookCa;
  private long webhookTimeoutMs = DEFAULT_WEBHOOK_TIMEOUT_MS;

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
    authWebhook = text(config, "authWebhook");
    if (authWebhook != null && !authWebhook.startsWith("http://") && !authWebhook.startsWith("https://")) {
      throw new IllegalArgumentException("The auth config \"authWebhook\" must be an http:// or https:// URL.");
    }
    webhookSecret = text(config, "webhookSecret");
    webhookCa = text(config, "webhookCa");
    webhookTimeoutMs = number(config, "webhookTimeoutMs", DEFAULT_WEBHOOK_TIMEOUT_MS, 1, Integer.MAX_VALUE);
  }

  /** An optional string; blank counts as absent. */
  private static String text(JsonObject config, String key) {
    Object value = config.getValue(key);
    if (value != null && !(value instanceof String)) {
      throw new IllegalArgumentException("The auth config \"" + key + "\" must be a string.");
    }
    return value == null || ((String) value).isBlank() ? null : (String) value;
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
    JsonObject json = new JsonObject().put("dataDir", dataDir == null ? null : dataDir.toString())
        .put("maxFailuresPerAddress", maxFailuresPerAddress).put("failureWindowMs", failureWindowMs)
        .put("blockMs", blockMs).put("usageFlushMs", usageFlushMs)
        .put("reconcileMs", reconcileMs).put("replicaTimeoutMs", replicaTimeoutMs)
        .put("webhookTimeoutMs", webhookTimeoutMs);
    if (authWebhook != null) {
      json.put("authWebhook", authWebhook);
    }
    if (webhookCa != null) {
      json.put("webhookCa", webhookCa);
    }
    return webhookSecret == null ? json : json.put("webhookSecret", webhookSecret);
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
  /** The URL that decides every publish instead of the key store; null: the key store decides. */
  public String authWebhook() { return authWebhook; }
  public AuthOptions authWebhook(String value) { authWebhook = value; return this; }
  /** Signs every webhook request (HMAC-SHA256); null: unsigned. */
  public String webhookSecret() { return webhookSecret; }
  public AuthOptions webhookSecret(String value) { webhookSecret = value; return this; }
  /** A PEM file of the CAs that https webhook URLs are verified against; null: the JVM's default CAs. */
  public String webhookCa() { return webhookCa; }
  public AuthOptions webhookCa(String value) { webhookCa = value; return this; }
  /** One webhook request's limit; past it the publish is refused (fail closed). */
  public long webhookTimeoutMs() { return webhookTimeoutMs; }
  public AuthOptions webhookTimeoutMs(long value) { webhookTimeoutMs = value; return this; }

  @Override
  public String toString() {
    return "AuthOptions[" + dataDir + ", authWebhook " + (authWebhook != null) + ", signed " + (webhookSecret != null) + "]";
  }
}
