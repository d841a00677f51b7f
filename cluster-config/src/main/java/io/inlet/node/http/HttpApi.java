package io.inlet.node.http;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.StaticHandler;
import java.util.function.BooleanSupplier;

/** Every node's HTTP surface: health, metrics, the stream and key APIs, and the dashboard. */
public final class HttpApi {

  private HttpApi() {}

  /**
   * @param ready whether the node serves its roles (ports bound, cluster joined) and is not draining
   * @param rtmpPort the RTMP port publishers use, for the dashboard's publish URLs
   * @param rtmpHost the RTMP host publishers use, or null when it is whatever host the page was loaded from
   */
  public static Router router(Vertx vertx, PrometheusMeterRegistry metrics, AdminToken token, StreamDirectory streams,
      BooleanSupplier ready, int rtmpPort, String rtmpHost) {
    Router router = Router.router(vertx);
    router.get("/health/live").handler(ctx -> KeysApi.json(ctx, 200, new JsonObject().put("status", "UP")));
    router.get("/health/ready").handler(ctx -> {
      boolean isReady = ready.getAsBoolean();
      KeysApi.json(ctx, isReady ? 200 : 503, new JsonObject().put("status", isReady ? "UP" : "DOWN"));
    });
    router.get("/metrics").handler(ctx -> ctx.response()
        .putHeader("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
        .end(metrics.scrape()));
    router.get("/api/info").handler(ctx -> KeysApi.json(ctx, 200,
        new JsonObject().put("rtmpPort", rtmpPort).put("rtmpHost", rtmpHost)));
    new KeysApi(vertx, token).mount(router);
    router.delete("/api/streams/:name").handler(KeysApi.adminOnly(token));
    streams.mount(router);
    // The dashboard: plain files from the classpath's webroot/, index.html at /, cached briefly so an
    // upgraded node's page is picked up within a minute. Unknown /api paths fall through to the JSON 404.
    router.route("/*").handler(StaticHandler.create("webroot").setMaxAgeSeconds(60));
    router.route().last().handler(ctx -> HttpErrors.send(ctx, 404, "There is nothing at " + ctx.request().path() + "."));
    return router;
  }
}
