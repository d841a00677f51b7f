package io.inlet.bus;

import io.vertx.core.json.JsonObject;

/**
 * Internal: sent once a second by each ingest node to each decoder's packet address
 * ({@link Addresses#decoderPackets}), behind that decoder's media; the decoder answers with the same
 * probe once it reached it. The round trip, on the ingest node's own clock, is how long the link and
 * the decoder's queue hold a packet (twice the one-way delay plus the queue): the lag of a slow or
 * lossy network, which a packet's own age cannot show because it crosses machines as an age.
 *
 * @param sentAtNanos when the ingest node sent it, on its own monotonic clock (only it reads this)
 */
public record LinkProbe(long sentAtNanos) {

  JsonObject toJson() {
    return new JsonObject().put("sentAtNanos", sentAtNanos);
  }

  static LinkProbe fromJson(JsonObject json) {
    return new LinkProbe(JsonFields.optionalLong(json, "sentAtNanos", 0));
  }
}
