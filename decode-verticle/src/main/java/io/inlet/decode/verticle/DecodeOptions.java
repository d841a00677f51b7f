package io.inlet.decode.verticle;

import io.inlet.decode.codec.DecodeFrames;
import io.inlet.decode.codec.DecoderSettings;
import io.vertx.core.json.JsonObject;

/**
 * Settings of the decode role, with their defaults as named constants. Travels to each decode
 * verticle instance as its JSON config: {@link #toJson()} on the node, {@link #DecodeOptions(JsonObject)}
 * in the verticle.
 */
public final class DecodeOptions {

  /** The named worker pool the decode verticles run on. */
  public static final String WORKER_POOL = "inlet-decode";
  /** Threads of {@link #WORKER_POOL}, one decode verticle instance (decoder context) each: one per core. */
  public static final int DEFAULT_WORKER_POOL_SIZE = Runtime.getRuntime().availableProcessors();
  public static final long DEFAULT_MAX_LAG_MS = 1_000;
  /** Streams a decode deployment takes at most; a node deploying several instances shares it out among them. */
  public static final int DEFAULT_MAX_STREAMS = 64;
  /** The node id of a single, unclustered node. */
  public static final String DEFAULT_NODE_ID = "local";
  /** libavcodec's thread_count per decoder: the worker pool, not the codec, gives the parallelism. */
  public static final int DEFAULT_THREADS = DecoderSettings.DEFAULT.threads();
  public static final DecodeFrames DEFAULT_DECODE_FRAMES = DecoderSettings.DEFAULT.frames();

  private String nodeId = DEFAULT_NODE_ID;
  private String frameHashDir;
  private long maxLagMs = DEFAULT_MAX_LAG_MS;
  private int maxStreams = DEFAULT_MAX_STREAMS;
  private String hwaccel;
  private int threads = DEFAULT_THREADS;
  private DecodeFrames decodeFrames = DEFAULT_DECODE_FRAMES;

  public DecodeOptions() {}

  /** Reads what {@link #toJson()} wrote; a key that is absent keeps its default. */
  public DecodeOptions(JsonObject json) {
    nodeId = json.getString("nodeId", nodeId);
    frameHashDir = json.getString("frameHashDir");
    maxLagMs = json.getLong("maxLagMs", maxLagMs);
    maxStreams = json.getInteger("maxStreams", maxStreams);
    hwaccel = json.getString("hwaccel");
    threads = json.getInteger("threads", threads);
    decodeFrames = DecodeFrames.parse(json.getString("decodeFrames", decodeFrames.optionValue()));
  }

  public JsonObject toJson() {
    return new JsonObject().put("nodeId", nodeId).put("frameHashDir", frameHashDir).put("maxLagMs", maxLagMs)
        .put("maxStreams", maxStreams).put("hwaccel", hwaccel).put("threads", threads)
        .put("decodeFrames", decodeFrames.optionValue());
  }

  public String nodeId() { return nodeId; }
  public DecodeOptions nodeId(String value) { nodeId = value; return this; }
  /** Directory for frame-hash files, or null. */
  public String frameHashDir() { return frameHashDir; }
  public DecodeOptions frameHashDir(String value) { frameHashDir = value; return this; }
  /** When decoding falls this far behind real time, it drops to the next keyframe. */
  public long maxLagMs() { return maxLagMs; }
  public DecodeOptions maxLagMs(long value) { maxLagMs = value; return this; }
  /** Streams one decode verticle instance takes at most. */
  public int maxStreams() { return maxStreams; }
  public DecodeOptions maxStreams(int value) { maxStreams = value; return this; }
  /** The hardware decoding API (cuda, vaapi, vulkan), or null for software. */
  /** Which video frames are decoded: all, or keyframes only. */
  public DecodeFrames decodeFrames() { return decodeFrames; }
  public DecodeOptions decodeFrames(DecodeFrames value) { decodeFrames = value; return this; }
  public String hwaccel() { return hwaccel; }
  public DecodeOptions hwaccel(String value) { hwaccel = value; return this; }
  /** libavcodec's thread_count per decoder. */
  public int threads() { return threads; }
  public DecodeOptions threads(int value) { threads = value; return this; }
}
