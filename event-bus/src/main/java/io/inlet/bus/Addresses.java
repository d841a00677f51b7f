package io.inlet.bus;

/**
 * Every event-bus address Inlet uses, in one place, each with the record it carries (see the
 * package documentation for the whole table). The first group is the public cluster API of the
 * contract: plain JSON bodies, which the records turn into and read from with {@code toJson} /
 * {@code fromJson}. The rest is internal: records sent with the codecs {@link BusCodecs} registers.
 */
public final class Addresses {

  private Addresses() {}

  /** Public: {@link CreateKeyRequest} -> {@link CreatedKey}; fails 400 / 409. */
  public static final String AUTH_KEYS_CREATE = "inlet.auth.keys.create";
  /** Public: {@link ListKeysRequest} -> {@link KeyList}. */
  public static final String AUTH_KEYS_LIST = "inlet.auth.keys.list";
  /** Public: {@link RevokeKeyRequest} -> {@link RevokedKey}; fails 404. */
  public static final String AUTH_KEYS_REVOKE = "inlet.auth.keys.revoke";
  /** Public: {@link ValidateRequest} -> {@link ValidatedKey}; fails 403 (429 while an address is blocked). */
  public static final String AUTH_VALIDATE = "inlet.auth.validate";
  /** Public, published: {@link StreamEvent}s (started, moved, ended...). */
  public static final String STREAM_EVENTS = "inlet.streams.events";

  /**
   * Internal, published once a second by each ingest node: {@link IngestStats}, its live streams;
   * every node's stream directory keeps the cluster-wide view from it.
   */
  public static final String STREAM_STATS = "inlet.streams.stats";

  /** Internal, published twice a second by each decode verticle: its {@link DecoderReport}. */
  public static final String DECODE_STATS = "inlet.streams.decode-stats";

  /**
   * Internal: where the ingest side asks any decoder for a stream ({@link AssignRequest}) before one
   * has reported; a decode verticle with room replies with an {@link Assignment}.
   */
  public static final String DECODE_ASSIGN = "inlet.decode.assign";

  /** Internal: the assignment address of one decode verticle ({@link AssignRequest} -> {@link Assignment}). */
  public static String decoderAssign(String decoderId) {
    return "inlet.decode." + decoderId + ".assign";
  }

  /**
   * Internal: asks the decoder of one stream for its latest frame ({@link SnapshotRequest} -> the
   * JPEG as a {@code Buffer}, or 404).
   */
  public static String streamSnapshot(String streamName) {
    return "inlet.stream." + streamName + ".snapshot";
  }

  /**
   * Internal: one ingest node's own address, where it answers for the streams it ingests
   * ({@link EndStream}: the HTTP API ends a stream; {@link HandOverRequest}: another ingest node asks
   * for a stream whose publisher reconnected there).
   */
  public static String ingestNode(String nodeId) {
    return "inlet.ingest." + nodeId + ".streams";
  }

  /**
   * Internal, published when a key is revoked: a {@link RevokedKey}; the node ingesting it
   * disconnects its publisher.
   */
  public static final String KEY_REVOKED = "inlet.auth.keys.revoked";

  /**
   * Internal, clustered auth replicas only, published every flush period: {@link KeyUses}, the keys a
   * replica validated lately.
   */
  public static final String KEY_USES = "inlet.auth.keys.used";

  /**
   * Internal, published by each node's event webhook: {@link WebhookProgress}, how far it got with
   * delivering a stream's events, so the node a stream moved to sends its later events only after the
   * earlier ones.
   */
  public static final String WEBHOOK_PROGRESS = "inlet.webhook.progress";

  /**
   * Internal, clustered auth replicas only: the address of one replica, where the others send each
   * committed {@link KeyStateChange} (the reply, without a body, says it is on that replica's disk).
   */
  public static String authReplica(String replicaId) {
    return "inlet.auth.replica." + replicaId;
  }

  /**
   * Internal: the packet address of one decode verticle, subscribed once when it starts. The ingest
   * side sends each stream it placed there, point to point and in order, tagged with the
   * {@link Assignment#attachment()} number the decoder gave it: first a {@link PacketBatch} (the
   * cache), then each live {@link MediaPacket}; a {@link ReleaseStream} when the stream moves to
   * another decoder. One address per decoder, not per stream, so taking a stream needs no new
   * subscription and no new lookup in the cluster's subscription map (both wait while a member is
   * unreachable); messages whose attachment the decoder no longer has (an older publisher session,
   * a stream it let go) are dropped. A {@link LinkProbe}, without an attachment, is answered.
   */
  public static String decoderPackets(String decoderId) {
    return "inlet.decode." + decoderId + ".packets";
  }

  /**
   * The packets of one stream at a stand-in decoder of the tests, which answers an {@link AssignRequest}
   * with an {@link Assignment} of its own address and no attachment number.
   */
  public static String streamPackets(String streamName) {
    return "inlet.stream." + streamName + ".packets";
  }
}
