package io.inlet.ingest.session;

import java.util.Set;

/**
 * Per-session protocol settings.
 *
 * @param applications the RTMP application names clients may connect to
 * @param windowAckSize the acknowledgement window announced to the client
 * @param outboundChunkSize the chunk size Inlet sends with
 * @param maxMessageStreams how many createStream calls one connection may make
 */
public record SessionLimits(Set<String> applications, long windowAckSize, int outboundChunkSize, int maxMessageStreams) {

  /** The one application of the publish URL {@code rtmp://host/live/KEY}. */
  public static final Set<String> DEFAULT_APPLICATIONS = Set.of("live");
  /** The window most servers announce (nginx-rtmp, SRS): the publisher acknowledges every 2.5 MB. */
  public static final long DEFAULT_WINDOW_ACK_SIZE = 2_500_000;
  /** Large enough that Inlet's few outbound messages (command results, status) fit in one chunk. */
  public static final int DEFAULT_OUTBOUND_CHUNK_SIZE = 4096;
  /** A publisher needs one message stream; a few spare ones tolerate clients that retry createStream. */
  public static final int DEFAULT_MAX_MESSAGE_STREAMS = 8;

  public static final SessionLimits DEFAULTS = new SessionLimits(
      DEFAULT_APPLICATIONS, DEFAULT_WINDOW_ACK_SIZE, DEFAULT_OUTBOUND_CHUNK_SIZE, DEFAULT_MAX_MESSAGE_STREAMS);

  public SessionLimits {
    applications = Set.copyOf(applications);
  }
}
