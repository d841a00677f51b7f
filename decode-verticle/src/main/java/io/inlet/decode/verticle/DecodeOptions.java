package io.inlet.decode.verticle;

import io.vertx.core.json.JsonObject;

/** Settings of the decode role, with defaults as named constants; travels as the verticle's config. */
public final class DecodeOptions {

  public static final String WORKER_POOL = "inlet-decode";
  public static final long DEFAULT_MAX_LAG_MS = 1_000;
  public static final int DEFAULT_MAX_STREAMS = 64;

  private String nodeId = "local";
  private String frameHashDir;
  private long maxLagMs = DEFAULT_MAX_LAG_MS;
  private int maxStreams = DEFAULT_MAX_STREAMS;
  private String hwaccel;
  private int threads = 1;

  public DecodeOptions() {}

  public DecodeOptions(JsonObject json) {
    nodeId = json.getString("nodeId", nodeId);
    frameHashDir = json.getString("frameHashDir");
    maxLagMs = json.getLong("maxLagMs", maxLagMs);
    maxStreams = json.getInteger("maxStreams", maxStreams);
    hwaccel = json.getString("hwaccel");
    threads = json.getInteger("threads", threads);
  }

  public JsonObject toJson() {
    return new JsonObject().put("nodeId", nodeId).put("frameHashDir", frameHashDir).put("maxLagMs", maxLagMs)
        .put("maxStreams", maxStreams).put("hwaccel", hwaccel).put("threads", threads);
  }

  public String nodeId() { return nodeId; }
  public DecodeOptions nodeId(String value) { nodeId = value; return this; }
  /** Directory for frame-hash files, or null. */
  public String frameHashDir() { return frameHashDir; }
  public DecodeOptions frameHashDir(String value) { frameHashDir = value; return this; }
  public long maxLagMs() { return maxLagMs; }
  public DecodeOptions maxLagMs(long value) { maxLagMs = value; return this; }
  /** Streams one decode verticle instance takes at most. */
  public int maxStreams() { return maxStreams; }
  public DecodeOptions maxStreams(int value) { maxStreams = value; return this; }
  public String hwaccel() { return hwaccel; }
  public DecodeOptions hwaccel(String value) { hwaccel = value; return this; }
  public int threads() { return threads; }
  public DecodeOptions threads(int value) { threads = value; return this; }
}
