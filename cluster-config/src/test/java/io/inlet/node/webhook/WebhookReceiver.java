package io.inlet.node.webhook;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntUnaryOperator;
import java.util.function.ToIntBiFunction;

/**
 * A real HTTP server standing for a user's backend: records every request (body, signature header)
 * and answers with the status {@code answers} gives for the n-th request (1, 2, ...) and its body. It
 * can go down and come back on the same port.
 */
public final class WebhookReceiver {

  /** One request as received. */
  public record Received(JsonObject body, String rawBody, String signature) {
    public String id() {
      return body.getString("id");
    }

    public long seq() {
      return body.getLong("seq");
    }
  }

  private final Vertx vertx;
  private final ToIntBiFunction<Integer, JsonObject> answers;
  private final AtomicInteger requests = new AtomicInteger();
  private final List<Received> received = new ArrayList<>();
  private HttpServer server;
  private String host = "127.0.0.1";
  private int port;

  public WebhookReceiver(Vertx vertx, IntUnaryOperator answers) {
    this(vertx, (n, body) -> answers.applyAsInt(n));
  }

  /** A receiver whose answer depends on the request's body too (e.g. on the node that sent it). */
  public WebhookReceiver(Vertx vertx, ToIntBiFunction<Integer, JsonObject> answers) {
    this.vertx = vertx;
    this.answers = answers;
  }

  /** A receiver that answers 200 to everything. */
  public static WebhookReceiver alwaysOk(Vertx vertx) {
    return new WebhookReceiver(vertx, n -> 200);
  }

  /** Listens (first on a free port, later on the same one). */
  public WebhookReceiver start() {
    server = vertx.createHttpServer().requestHandler(request -> request.body().onSuccess(body -> {
      int status = answers.applyAsInt(requests.incrementAndGet(), body.toJsonObject());
      if (status / 100 == 2) {
        synchronized (received) {
          received.add(new Received(body.toJsonObject(), body.toString(), request.getHeader("X-Inlet-Signature")));
        }
      }
      request.response().setStatusCode(status).end();
    }));
    server.listen(port, host).await();
    port = server.actualPort();
    return this;
  }

  /** Listens on {@code host} (e.g. the test's address on a network lab) instead of loopback. */
  public WebhookReceiver start(String host) {
    this.host = host;
    return start();
  }

  /** Stops listening: requests are refused until {@link #start()}. */
  public void stop() {
    server.close().await();
  }

  public String url() {
    return "http://" + host + ":" + port + "/events";
  }

  /** Requests answered so far, whatever the answer. */
  public int requests() {
    return requests.get();
  }

  /** The requests answered 2xx, in the order they came. */
  public List<Received> accepted() {
    synchronized (received) {
      return List.copyOf(received);
    }
  }
}
