package io.inlet.bench;

import io.inlet.ingest.testing.RawRtmpClient;
import io.inlet.testkit.SelfSignedCertificate;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.PemKeyCertOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * {@code bin/bench webhook [publishes]}: publishes admitted per second when every publish is decided
 * by an auth webhook that answers in 1 ms, and in 200 ms, over HTTP and over HTTPS. The backend is a Vert.x HTTP server in this
 * JVM; publishers are RTMP connections from a pool of client threads (handshake, connect,
 * createStream, publish, wait for {@code NetStream.Publish.Start}, unpublish), so hundreds of
 * publishes need no FFmpeg processes.
 */
final class WebhookRun {

  /** Publishes in flight at once: what many encoders reconnecting together look like. */
  private static final int CONCURRENCY = 50;

  private WebhookRun() {}

  static void run(int publishes) throws Exception {
    System.out.printf("webhook: %d publishes per run, %d at a time, machine load %s%n", publishes, CONCURRENCY,
        Machine.loadAverage());
    for (boolean https : new boolean[] {false, true}) {
      for (long answerMs : new long[] {1, 200}) {
        measure(publishes, answerMs, https);
      }
    }
  }

  private static void measure(int publishes, long answerMs, boolean https) throws Exception {
    Vertx vertx = Vertx.vertx();
    Path dir = Files.createTempDirectory("inlet-bench-webhook");
    HttpServerOptions serverOptions = new HttpServerOptions();
    List<String> nodeOptions = new ArrayList<>();
    if (https) {
      // A self-signed certificate the node trusts through --webhook-ca; HTTP/2 offered, as common servers do.
      SelfSignedCertificate certificate = SelfSignedCertificate.create(dir, "backend", "IP:127.0.0.1");
      serverOptions.setSsl(true).setUseAlpn(true).setKeyCertOptions(new PemKeyCertOptions()
          .setCertPath(certificate.certificate().toString()).setKeyPath(certificate.key().toString()));
      nodeOptions.addAll(List.of("--webhook-ca", certificate.certificate().toString()));
    }
    HttpServer backend = vertx.createHttpServer(serverOptions).requestHandler(request -> request.body().onSuccess(body -> {
      String key = new JsonObject(body).getString("key");
      vertx.setTimer(answerMs, id -> request.response().putHeader("Content-Type", "application/json")
          .end(new JsonObject().put("allow", true).put("name", key).encode()));
    })).listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    String url = (https ? "https" : "http") + "://127.0.0.1:" + backend.actualPort() + "/auth";
    nodeOptions.addAll(List.of("--auth-webhook", url));
    try (EmbeddedNode node = EmbeddedNode.start(dir, nodeOptions.toArray(String[]::new))) {
      publishOnce(node.rtmpPort(), "warmup", 10_000);
      List<Long> millis = Collections.synchronizedList(new ArrayList<>());
      ExecutorService pool = Executors.newFixedThreadPool(CONCURRENCY);
      long start = System.nanoTime();
      List<Future<?>> done = new ArrayList<>();
      for (int i = 0; i < publishes; i++) {
        String key = "k" + answerMs + "-" + i;
        done.add(pool.submit(() -> {
          millis.add(publishOnce(node.rtmpPort(), key, 10_000));
          return null;
        }));
      }
      int failed = 0;
      for (Future<?> publish : done) {
        try {
          publish.get(60, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
          failed++;
        }
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      pool.shutdownNow();
      List<Long> sorted = millis.stream().sorted().toList();
      System.out.printf("  %-5s backend answers in %3d ms: %d publishes admitted in %.2f s = %.0f per second;"
          + " publish to Publish.Start p50 %d ms, p99 %d ms; %d failed%n", https ? "HTTPS" : "HTTP", answerMs, sorted.size(), seconds,
          sorted.size() / seconds, percentile(sorted, 0.50), percentile(sorted, 0.99), failed);
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
  }

  /** One publish through to {@code NetStream.Publish.Start}, then an unpublish; its duration in ms. */
  private static long publishOnce(int port, String key, long timeoutMs) throws Exception {
    long start = System.nanoTime();
    try (RawRtmpClient client = new RawRtmpClient(port).handshake()) {
      client.connect().publish(key).awaitStatus("NetStream.Publish.Start", timeoutMs);
      long elapsed = (System.nanoTime() - start) / 1_000_000;
      client.command(1, "FCUnpublish", 6.0, null, key);
      client.command(1, "deleteStream", 7.0, null, 1.0);
      return elapsed;
    }
  }

  private static long percentile(List<Long> sorted, double p) {
    return sorted.isEmpty() ? 0 : sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p * sorted.size()) - 1));
  }
}
