package io.inlet.node.http;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import java.util.function.BooleanSupplier;

/** Every node's HTTP surface: health, metrics, the stream and key APIs. */
public final class HttpApi {

  private HttpApi() {}

  /**
   * @param ready whether the node serves its roles (ports bound, cluster joined) and is not draining
   */
  public static Router router(Vertx vertx, PrometheusMeterRegistry metrics, AdminToken token, StreamDirectory streams,
      BooleanSupplier ready) {
    Router router = Router.router(vertx);
    router.get("/health/live").handler(ctx -> KeysApi.json(ctx, 200, new JsonObject().put("status", "UP")));
    router.get("/health/ready").handler(ctx -> {
      boolean isReady = ready.getAsBoolean();
      KeysApi.json(ctx, isReady ? 200 : 503, new JsonObject().put("status", isReady ? "UP" : "DOWN"));
    });
    router.get("/metrics").handler(ctx -> ctx.response()
        .putHeader("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
        .end(metrics.scrape()));
    new KeysApi(vertx, token).mount(router);
    streams.mount(router);
    router.route().last().handler(ctx -> HttpErrors.send(ctx, 404, "There is nothing at " + ctx.request().path() + "."));
    return router;
  }
}
