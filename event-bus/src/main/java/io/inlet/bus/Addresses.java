package io.inlet.bus;

/** Every event-bus address Inlet uses, in one place. The first group is the public cluster API. */
public final class Addresses {

  private Addresses() {}

  public static final String AUTH_KEYS_CREATE = "inlet.auth.keys.create";
  public static final String AUTH_KEYS_LIST = "inlet.auth.keys.list";
  public static final String AUTH_KEYS_REVOKE = "inlet.auth.keys.revoke";
  public static final String AUTH_VALIDATE = "inlet.auth.validate";
  /** Published stream lifecycle events: started, ended, moved, error. */
  public static final String STREAM_EVENTS = "inlet.streams.events";

  /**
   * Internal: every second each ingest node publishes {@code {"ingestNode","streams":[Stream...]}} with
   * its live streams; every node's stream directory keeps the cluster-wide view from it.
   */
  public static final String STREAM_STATS = "inlet.streams.stats";

  /**
   * Internal: twice a second each decode verticle publishes {@code {"decodeNode","decoder",
   * "assignAddress","capacity","streams":[...]}}: its load (so ingest nodes place streams on the least
   * loaded and notice a lost decoder within a second) and the decode side of its streams (tracks,
   * frames decoded, drops, latency), which the stream directory merges.
   */
  public static final String DECODE_STATS = "inlet.streams.decode-stats";

  /**
   * Internal: where the ingest side asks for a decoder when a stream starts ({@code {"name"}}); a
   * decode verticle with room replies {@code {"decodeNode"}} and starts pulling the stream.
   */
  public static final String DECODE_ASSIGN = "inlet.decode.assign";

  /** Internal: the assignment address of one decode verticle, which the ingest side picks by load. */
  public static String decoderAssign(String decoderId) {
    return "inlet.decode." + decoderId + ".assign";
  }

  /** Internal: asks the decoder of one stream for its latest frame as JPEG (a Buffer reply, or 404). */
  public static String streamSnapshot(String streamName) {
    return "inlet.stream." + streamName + ".snapshot";
  }

  /** Internal: published when a key is revoked, {@code {"name"}}; the node ingesting it disconnects it. */
  public static final String KEY_REVOKED = "inlet.auth.keys.revoked";

  /**
   * Internal: where the packets of one stream are sent, in order, point to point, by the one ingest
   * node that has it: first a {@link PacketBatch} (the cache) whenever a decoder takes the stream, then
   * each live {@link MediaPacket}.
   */
  public static String streamPackets(String streamName) {
    return "inlet.stream." + streamName + ".packets";
  }

}
