package io.inlet.auth.webhook;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;

/**
 * POSTs one JSON body to a webhook URL (http or https), signed when a secret is set, within a
 * timeout. Never blocks: the answer (or the failure: refused, timed out) comes as a Future. Shared by
 * the auth webhook and the event webhook.
 */
public final class WebhookPoster {

  /**
   * Requests in flight at once to one backend: the default pool (5) would queue a burst of publishes
   * behind a slow backend; beyond this many, requests wait their turn within their timeout.
   */
  static final int MAX_CONNECTIONS = 512;

  private final WebClient client;
  private final String secret;
  private final long timeoutMs;

  /**
   * @param secret signs every request ({@link WebhookSignature}); null: unsigned
   * @param timeoutMs one request's limit, connecting included
   */
  public WebhookPoster(Vertx vertx, String secret, long timeoutMs) {
    this.client = WebClient.create(vertx, new WebClientOptions()
        .setUserAgent("Inlet")
        .setConnectTimeout((int) Math.min(Integer.MAX_VALUE, timeoutMs))
        .setFollowRedirects(false), new PoolOptions().setHttp1MaxSize(MAX_CONNECTIONS));
    this.secret = secret;
    this.timeoutMs = timeoutMs;
  }

  /** Sends {@code body} to {@code url}; completes with the answer, whatever its status. */
  public Future<HttpResponse<Buffer>> post(String url, JsonObject body) {
    Buffer raw = body.toBuffer();
    var request = client.postAbs(url).timeout(timeoutMs).putHeader("Content-Type", "application/json");
    if (secret != null) {
      request.putHeader(WebhookSignature.HEADER, WebhookSignature.of(secret, raw));
    }
    return request.sendBuffer(raw);
  }

  public void close() {
    client.close();
  }
}
