package io.inlet.ingest.session;

/**
 * Per-session protocol settings.
 *
 * @param applications the RTMP application names clients may connect to
 * @param windowAckSize the acknowledgement window announced to the client
 * @param outboundChunkSize the chunk size Inlet sends with
 * @param maxMessageStreams how many createStream calls one connection may make
 */
public record SessionLimits(java.util.Set<String> applications, long windowAckSize, int outboundChunkSize, int maxMessageStreams) {

  public static final SessionLimits DEFAULTS = new SessionLimits(java.util.Set.of("live"), 2_500_000, 4096, 8);
}
