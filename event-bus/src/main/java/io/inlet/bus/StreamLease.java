package io.inlet.bus;

import io.vertx.core.json.JsonObject;
import java.util.Objects;

/**
 * The value of a live stream name in the cluster-wide map {@link ClusterMaps#LIVE_STREAMS}: which
 * stream holds the name and which publisher session owns it, fenced by an increasing number. A
 * resume or a takeover replaces the lease (compare-and-set) with {@code publishes} one higher; the
 * ingest node that held the older one learns it lost the stream when its renewal fails, and stops.
 * Stored as JSON text, so every node compares the same bytes.
 *
 * @param id the stream's id: kept across resumes
 * @param publishes the owning publisher session's number: 1, 2, 3, ...
 * @param ingestNode the ingest node of the owning session, which answers for the stream
 * @param session the owning session's identity on that node
 */
public record StreamLease(String id, int publishes, String ingestNode, String session) {

  public StreamLease {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(ingestNode, "ingestNode");
    Objects.requireNonNull(session, "session");
  }

  /** The lease of the next session of the same stream, on {@code ingestNode}. */
  public StreamLease next(String ingestNode, String session) {
    return new StreamLease(id, publishes + 1, ingestNode, session);
  }

  public String encode() {
    return new JsonObject().put("id", id).put("publishes", publishes).put("ingestNode", ingestNode).put("session", session)
        .encode();
  }

  /** @throws WireFormatException when the text is not a lease */
  public static StreamLease decode(String text) {
    JsonObject json;
    try {
      json = new JsonObject(text);
    } catch (RuntimeException e) {
      throw new WireFormatException("A stream lease is not JSON: " + e.getMessage());
    }
    return new StreamLease(JsonFields.requiredString(json, "id"), (int) JsonFields.optionalLong(json, "publishes", 1),
        JsonFields.requiredString(json, "ingestNode"), JsonFields.requiredString(json, "session"));
  }
}
