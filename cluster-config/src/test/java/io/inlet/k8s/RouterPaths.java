package io.inlet.k8s;

import io.inlet.node.http.AdminToken;
import io.inlet.node.http.HttpApi;
import io.inlet.node.http.StreamDirectory;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Route;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/** The exact paths the node's HTTP router serves, read from the router itself (no server is started). */
final class RouterPaths {

  private RouterPaths() {}

  static Set<String> served() throws Exception {
    Vertx vertx = Vertx.vertx();
    try {
      return HttpApi.router(vertx, new PrometheusMeterRegistry(PrometheusConfig.DEFAULT), AdminToken.none(),
              new StreamDirectory(vertx), () -> true, 1935, null)
          .getRoutes().stream()
          .map(Route::getPath)
          .filter(Objects::nonNull)
          .collect(Collectors.toUnmodifiableSet());
    } finally {
      vertx.close().await();
    }
  }
}
