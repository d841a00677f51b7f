package io.inlet.bus;

import io.vertx.core.json.JsonObject;
import java.util.Objects;

/**
 * Internal, published on {@link Addresses#WEBHOOK_PROGRESS} by a node's event webhook each time it
 * is done with one of its stream events for one URL, and each time it schedules another attempt. A
 * stream that moved to another ingest node is delivered on by that node, which holds the stream's
 * later events until the node before it reports its earlier ones finished, so a receiver never sees a
 * later event of a stream before an earlier one.
 *
 * @param stream the stream's id
 * @param url the receiver the event was for
 * @param node the node that sends it (the event's {@code ingestNode})
 * @param seq the event's {@code seq}
 * @param finished true: delivered, or dropped after the retry window; false: another attempt follows
 */
public record WebhookProgress(String stream, String url, String node, long seq, boolean finished) {

  public WebhookProgress {
    Objects.requireNonNull(stream, "stream");
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(node, "node");
  }

  JsonObject toJson() {
    return new JsonObject().put("id", stream).put("url", url).put("node", node).put("seq", seq).put("finished", finished);
  }

  static WebhookProgress fromJson(JsonObject json) {
    return new WebhookProgress(JsonFields.requiredString(json, "id"), JsonFields.requiredString(json, "url"),
        JsonFields.requiredString(json, "node"), JsonFields.optionalLong(json, "seq", 0),
        JsonFields.requiredBoolean(json, "finished"));
  }
}
