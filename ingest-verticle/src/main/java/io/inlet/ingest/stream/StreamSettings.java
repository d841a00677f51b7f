package io.inlet.ingest.stream;

/**
 * What every stream of a node is built with.
 *
 * @param cacheMaxPackets the keyframe cache's bound in packets
 * @param cacheMaxBytes the keyframe cache's bound in payload bytes
 * @param cacheMaxNodeBytes the bound of all the node's keyframe caches together, in payload bytes
 * @param maxInFlight packets a decoder may be behind before frames are dropped at the ingest side
 * @param reconnectGraceMs how long an interrupted stream waits for its publisher; 0: it ends at once
 */
public record StreamSettings(int cacheMaxPackets, long cacheMaxBytes, long cacheMaxNodeBytes, long maxInFlight,
    long reconnectGraceMs) {}
