package io.inlet.node.http;

import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** Errors as the contract wants them: a status and {@code {"error":"<one readable sentence>"}}. */
final class HttpErrors {

  private HttpErrors() {}

  static void send(RoutingContext ctx, int status, String sentence) {
    ctx.response()
        .setStatusCode(status)
        .putHeader("Content-Type", "application/json")
        .end(new JsonObject().put("error", sentence).encode());
  }

  /** Maps an event-bus failure onto HTTP: the failure code when it is one, 503 when no one answered. */
  static void fromBus(RoutingContext ctx, Throwable cause) {
    if (cause instanceof ReplyException reply && reply.failureType() == ReplyFailure.RECIPIENT_FAILURE
        && reply.failureCode() >= 400 && reply.failureCode() < 600) {
      send(ctx, reply.failureCode(), reply.getMessage());
    } else {
      send(ctx, 503, "The auth role did not answer; try again shortly.");
    }
  }
}
