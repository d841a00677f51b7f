package io.inlet.ingest.server;

import io.inlet.ingest.chunk.ChunkLimits;
import io.inlet.ingest.publish.TakeoverMode;
import io.inlet.ingest.session.SessionLimits;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Settings of the RTMP ingest verticle, with their defaults as named constants (here, and in
 * {@link ChunkLimits} and {@link SessionLimits} for the protocol bounds). Travels to the verticle as
 * its JSON config: {@link #toJson()} on the node, {@link #IngestOptions(JsonObject)} in the verticle.
 */
public final class IngestOptions {

  public static final String DEFAULT_HOST = "0.0.0.0";
  public static final int DEFAULT_PORT = 1935;
  public static final long DEFAULT_HANDSHAKE_TIMEOUT_MS = 10_000;
  /** A publisher silent this long is disconnected (its stream becomes interrupted); a half-open TCP connection sends nothing. */
  public static final long DEFAULT_IDLE_TIMEOUT_MS = 10_000;
  /** A publish with a live key takes over when the live session has sent no media this long. */
  public static final long DEFAULT_TAKEOVER_IDLE_MS = 1_000;
  public static final TakeoverMode DEFAULT_PUBLISHER_TAKEOVER = TakeoverMode.IDLE;
  /** How long an interrupted stream waits for its publisher (OBS's retries at 2, 5, 9.5, 16 and 26 s fit in). */
  public static final long DEFAULT_RECONNECT_GRACE_MS = 30_000;
  public static final long DEFAULT_AUTH_TIMEOUT_MS = 3_000;
  public static final int DEFAULT_MAX_CONNECTIONS = 1_000;
  /**
   * Cache bounds per stream: a few GOPs of a 720p30 stream, but also what an undecoded stream (no
   * decode capacity yet) holds while it waits, so not more: 1,024 packets is about 12 s at 3 Mbit/s.
   * A GOP larger than the bounds is not cached; a decoder that takes over then starts at the next
   * keyframe.
   */
  public static final int DEFAULT_CACHE_MAX_PACKETS = 1_024;
  public static final long DEFAULT_CACHE_MAX_BYTES = 8L * 1024 * 1024;
  /**
   * All of a node's caches together: the last GOP of about 320 streams of 3.3 Mbit/s with 2 s GOPs
   * (0.8 MB each), and what bounds the heap while undecoded streams keep everything up to their own
   * bounds. Beyond it a stream's cache waits for its next keyframe, like at its own bound.
   */
  public static final long DEFAULT_CACHE_MAX_NODE_BYTES = 256L * 1024 * 1024;
  /** Packets a decoder may be behind before frames are dropped at the ingest side (about 8 s of a 720p30 stream). */
  public static final long DEFAULT_MAX_IN_FLIGHT = 600;
  /** Rebalancing is off unless asked for: moving a stream costs its decoder a keyframe's wait. */
  public static final int DEFAULT_REBALANCE_THRESHOLD = 0;
  /** The node id of a single, unclustered node. */
  public static final String DEFAULT_NODE_ID = "local";
  /** No RTMPS listener. */
  public static final int DEFAULT_TLS_PORT = -1;

  private String host = DEFAULT_HOST;
  private int port = DEFAULT_PORT;
  private long handshakeTimeoutMs = DEFAULT_HANDSHAKE_TIMEOUT_MS;
  private long idleTimeoutMs = DEFAULT_IDLE_TIMEOUT_MS;
  private long takeoverIdleMs = DEFAULT_TAKEOVER_IDLE_MS;
  private TakeoverMode publisherTakeover = DEFAULT_PUBLISHER_TAKEOVER;
  private long reconnectGraceMs = DEFAULT_RECONNECT_GRACE_MS;
  private long authTimeoutMs = DEFAULT_AUTH_TIMEOUT_MS;
  private int maxConnections = DEFAULT_MAX_CONNECTIONS;
  private int maxMessageSize = ChunkLimits.DEFAULT_MAX_MESSAGE_SIZE;
  private int maxChunkSize = ChunkLimits.DEFAULT_MAX_CHUNK_SIZE;
  private int maxChunkStreams = ChunkLimits.DEFAULT_MAX_CHUNK_STREAMS;
  private int maxPendingBytes = ChunkLimits.DEFAULT_MAX_PENDING_BYTES;
  private Set<String> applications = SessionLimits.DEFAULT_APPLICATIONS;
  private long windowAckSize = SessionLimits.DEFAULT_WINDOW_ACK_SIZE;
  private int outboundChunkSize = SessionLimits.DEFAULT_OUTBOUND_CHUNK_SIZE;
  private int maxMessageStreams = SessionLimits.DEFAULT_MAX_MESSAGE_STREAMS;
  private int cacheMaxPackets = DEFAULT_CACHE_MAX_PACKETS;
  private long cacheMaxBytes = DEFAULT_CACHE_MAX_BYTES;
  private long cacheMaxNodeBytes = DEFAULT_CACHE_MAX_NODE_BYTES;
  private long maxInFlight = DEFAULT_MAX_IN_FLIGHT;
  private int rebalanceThreshold = DEFAULT_REBALANCE_THRESHOLD;
  private String nodeId = DEFAULT_NODE_ID;
  private int tlsPort = DEFAULT_TLS_PORT;
  private String tlsCertPath;
  private String tlsKeyPath;

  public IngestOptions() {}

  /** Reads what {@link #toJson()} wrote; a key that is absent keeps its default. */
  public IngestOptions(JsonObject json) {
    host = json.getString("host", host);
    port = json.getInteger("port", port);
    handshakeTimeoutMs = json.getLong("handshakeTimeoutMs", handshakeTimeoutMs);
    idleTimeoutMs = json.getLong("idleTimeoutMs", idleTimeoutMs);
    takeoverIdleMs = json.getLong("takeoverIdleMs", takeoverIdleMs);
    publisherTakeover = TakeoverMode.parse(json.getString("publisherTakeover", publisherTakeover.optionValue()));
    reconnectGraceMs = json.getLong("reconnectGraceMs", reconnectGraceMs);
    authTimeoutMs = json.getLong("authTimeoutMs", authTimeoutMs);
    maxConnections = json.getInteger("maxConnections", maxConnections);
    maxMessageSize = json.getInteger("maxMessageSize", maxMessageSize);
    maxChunkSize = json.getInteger("maxChunkSize", maxChunkSize);
    maxChunkStreams = json.getInteger("maxChunkStreams", maxChunkStreams);
    maxPendingBytes = json.getInteger("maxPendingBytes", maxPendingBytes);
    JsonArray apps = json.getJsonArray("applications");
    if (apps != null) {
      applications(apps.stream().map(String::valueOf).toList());
    }
    windowAckSize = json.getLong("windowAckSize", windowAckSize);
    outboundChunkSize = json.getInteger("outboundChunkSize", outboundChunkSize);
    maxMessageStreams = json.getInteger("maxMessageStreams", maxMessageStreams);
    cacheMaxPackets = json.getInteger("cacheMaxPackets", cacheMaxPackets);
    cacheMaxBytes = json.getLong("cacheMaxBytes", cacheMaxBytes);
    cacheMaxNodeBytes = json.getLong("cacheMaxNodeBytes", cacheMaxNodeBytes);
    maxInFlight = json.getLong("maxInFlight", maxInFlight);
    rebalanceThreshold = json.getInteger("rebalanceThreshold", rebalanceThreshold);
    nodeId = json.getString("nodeId", nodeId);
    tlsPort = json.getInteger("tlsPort", tlsPort);
    tlsCertPath = json.getString("tlsCertPath");
    tlsKeyPath = json.getString("tlsKeyPath");
  }

  public JsonObject toJson() {
    return new JsonObject()
        .put("host", host).put("port", port)
        .put("handshakeTimeoutMs", handshakeTimeoutMs).put("idleTimeoutMs", idleTimeoutMs)
        .put("takeoverIdleMs", takeoverIdleMs).put("publisherTakeover", publisherTakeover.optionValue())
        .put("reconnectGraceMs", reconnectGraceMs)
        .put("authTimeoutMs", authTimeoutMs).put("maxConnections", maxConnections)
        .put("maxMessageSize", maxMessageSize).put("maxChunkSize", maxChunkSize)
        .put("maxChunkStreams", maxChunkStreams).put("maxPendingBytes", maxPendingBytes)
        .put("applications", new JsonArray(List.copyOf(applications))).put("windowAckSize", windowAckSize)
        .put("outboundChunkSize", outboundChunkSize).put("maxMessageStreams", maxMessageStreams)
        .put("cacheMaxPackets", cacheMaxPackets).put("cacheMaxBytes", cacheMaxBytes)
        .put("cacheMaxNodeBytes", cacheMaxNodeBytes).put("maxInFlight", maxInFlight)
        .put("rebalanceThreshold", rebalanceThreshold)
        .put("nodeId", nodeId)
        .put("tlsPort", tlsPort).put("tlsCertPath", tlsCertPath).put("tlsKeyPath", tlsKeyPath);
  }

  /** The chunk reader's bounds for each connection. */
  public ChunkLimits chunkLimits() {
    return new ChunkLimits(maxChunkSize, maxMessageSize, maxChunkStreams, maxPendingBytes);
  }

  /** The command session's settings for each connection. */
  public SessionLimits sessionLimits() {
    return new SessionLimits(applications, windowAckSize, outboundChunkSize, maxMessageStreams);
  }

  public String host() { return host; }
  public IngestOptions host(String value) { host = value; return this; }
  public int port() { return port; }
  public IngestOptions port(int value) { port = value; return this; }
  public long handshakeTimeoutMs() { return handshakeTimeoutMs; }
  public IngestOptions handshakeTimeoutMs(long value) { handshakeTimeoutMs = value; return this; }
  public long idleTimeoutMs() { return idleTimeoutMs; }
  public IngestOptions idleTimeoutMs(long value) { idleTimeoutMs = value; return this; }
  public long takeoverIdleMs() { return takeoverIdleMs; }
  public IngestOptions takeoverIdleMs(long value) { takeoverIdleMs = value; return this; }
  public TakeoverMode publisherTakeover() { return publisherTakeover; }
  public IngestOptions publisherTakeover(TakeoverMode value) { publisherTakeover = value; return this; }
  /** How long an interrupted stream waits for its publisher; 0 ends it at once. */
  public long reconnectGraceMs() { return reconnectGraceMs; }
  public IngestOptions reconnectGraceMs(long value) { reconnectGraceMs = value; return this; }
  public long authTimeoutMs() { return authTimeoutMs; }
  public IngestOptions authTimeoutMs(long value) { authTimeoutMs = value; return this; }
  public int maxConnections() { return maxConnections; }
  public IngestOptions maxConnections(int value) { maxConnections = value; return this; }
  public int maxMessageSize() { return maxMessageSize; }
  public IngestOptions maxMessageSize(int value) { maxMessageSize = value; return this; }
  public int maxChunkSize() { return maxChunkSize; }
  public IngestOptions maxChunkSize(int value) { maxChunkSize = value; return this; }
  public int maxChunkStreams() { return maxChunkStreams; }
  public IngestOptions maxChunkStreams(int value) { maxChunkStreams = value; return this; }
  public int maxPendingBytes() { return maxPendingBytes; }
  public IngestOptions maxPendingBytes(int value) { maxPendingBytes = value; return this; }
  /** The RTMP application names clients may connect to. */
  public Set<String> applications() { return applications; }
  public IngestOptions applications(Collection<String> value) {
    applications = Collections.unmodifiableSet(new LinkedHashSet<>(value));
    return this;
  }
  public long windowAckSize() { return windowAckSize; }
  public IngestOptions windowAckSize(long value) { windowAckSize = value; return this; }
  public int outboundChunkSize() { return outboundChunkSize; }
  public IngestOptions outboundChunkSize(int value) { outboundChunkSize = value; return this; }
  /** How many createStream calls one connection may make. */
  public int maxMessageStreams() { return maxMessageStreams; }
  public IngestOptions maxMessageStreams(int value) { maxMessageStreams = value; return this; }
  /** Per stream, the keyframe cache's bound in packets. */
  public int cacheMaxPackets() { return cacheMaxPackets; }
  public IngestOptions cacheMaxPackets(int value) { cacheMaxPackets = value; return this; }
  /** Per stream, the keyframe cache's bound in payload bytes. */
  public long cacheMaxBytes() { return cacheMaxBytes; }
  public IngestOptions cacheMaxBytes(long value) { cacheMaxBytes = value; return this; }
  public long cacheMaxNodeBytes() { return cacheMaxNodeBytes; }
  public IngestOptions cacheMaxNodeBytes(long value) { cacheMaxNodeBytes = value; return this; }
  /** The RTMPS (TLS) listener's port, or -1 for none. */
  public int tlsPort() { return tlsPort; }
  public IngestOptions tlsPort(int value) { tlsPort = value; return this; }
  /** PEM certificate chain for RTMPS. */
  public String tlsCertPath() { return tlsCertPath; }
  public IngestOptions tlsCertPath(String value) { tlsCertPath = value; return this; }
  /** PEM private key for RTMPS. */
  public String tlsKeyPath() { return tlsKeyPath; }
  public IngestOptions tlsKeyPath(String value) { tlsKeyPath = value; return this; }
  /** Per stream, packets sent to the decoder and not yet reported processed before frames are dropped. */
  public long maxInFlight() { return maxInFlight; }
  public IngestOptions maxInFlight(long value) { maxInFlight = value; return this; }
  /** Move a stream when the busiest decoder has this many more streams than the idlest; 0: never. */
  public int rebalanceThreshold() { return rebalanceThreshold; }
  public IngestOptions rebalanceThreshold(int value) { rebalanceThreshold = value; return this; }
  public String nodeId() { return nodeId; }
  public IngestOptions nodeId(String value) { nodeId = value; return this; }
}
