package io.inlet.auth.webhook;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;

/**
 * POSTs one JSON body to a webhook URL (http or https), signed when a secret is set, within a
 * timeout. An https URL's certificate is verified, host name included, against the JVM's default CAs
 * or, when given, only against the CAs of one PEM file (a backend with a private CA). Never blocks:
 * the answer (or the failure: refused, timed out) comes as a Future. Shared by the auth webhook and
 * the event webhook.
 */
public final class WebhookPoster {

  /**
   * Requests in flight at once to one backend: the default pool (5) would queue a burst of publishes
   * behind a slow backend; beyond this many, requests wait their turn within their timeout.
   */
  static final int MAX_CONNECTIONS = 512;
  /**
   * HTTPS clients, each with its own pool, that requests take in turn. Over HTTP/2 each is one
   * connection carrying as many requests at once as the backend allows (nginx 128, Vert.x 100), so a
   * burst of publishes costs a few TLS handshakes, not one per request (200 handshakes at once took
   * longer than a request's timeout on a busy 2-core node); several, because one client's pool queues
   * what is beyond one connection's limit rather than opening another. A backend without HTTP/2 is
   * asked over HTTP/1.1 with the same total of connections as http URLs.
   */
  static final int SECURE_CLIENTS = 4;

  /** For http:// URLs: HTTP/1.1, as every backend speaks it. */
  private final WebClient plain;
  /** For https:// URLs: HTTP/2 when the backend offers it in the TLS handshake (ALPN), else HTTP/1.1. */
  private final WebClient[] secure = new WebClient[SECURE_CLIENTS];
  private final String secret;
  private final long timeoutMs;
  private int nextSecure;

  /**
   * @param secret signs every request ({@link WebhookSignature}); null: unsigned
   * @param timeoutMs one request's limit, connecting included
   * @param trustedCaPem a PEM file of the CA certificates https URLs are verified against; null: the JVM's default CAs
   */
  public WebhookPoster(Vertx vertx, String secret, long timeoutMs, String trustedCaPem) {
    this.plain = WebClient.create(vertx, clientOptions(timeoutMs), new PoolOptions().setHttp1MaxSize(MAX_CONNECTIONS));
    for (int i = 0; i < SECURE_CLIENTS; i++) {
      WebClientOptions options = clientOptions(timeoutMs).setProtocolVersion(HttpVersion.HTTP_2).setUseAlpn(true);
      if (trustedCaPem != null) {
        options.setTrustOptions(new PemTrustOptions().addCertPath(trustedCaPem));
      }
      secure[i] = WebClient.create(vertx, options,
          new PoolOptions().setHttp1MaxSize(MAX_CONNECTIONS / SECURE_CLIENTS).setHttp2MaxSize(1));
    }
    this.secret = secret;
    this.timeoutMs = timeoutMs;
  }

  private static WebClientOptions clientOptions(long timeoutMs) {
    return new WebClientOptions()
        .setUserAgent("Inlet")
        .setConnectTimeout((int) Math.min(Integer.MAX_VALUE, timeoutMs))
        .setFollowRedirects(false);
  }

  /** Sends {@code body} to {@code url}; completes with the answer, whatever its status. */
  public Future<HttpResponse<Buffer>> post(String url, JsonObject body) {
    Buffer raw = body.toBuffer();
    WebClient client = url.regionMatches(true, 0, "https:", 0, 6) ? nextSecure() : plain;
    var request = client.postAbs(url).timeout(timeoutMs).putHeader("Content-Type", "application/json");
    if (secret != null) {
      request.putHeader(WebhookSignature.HEADER, WebhookSignature.of(secret, raw));
    }
    return request.sendBuffer(raw);
  }

  /** The HTTPS clients in turn; synchronized because a poster may be shared by verticles on several event loops. */
  private synchronized WebClient nextSecure() {
    nextSecure = (nextSecure + 1) % SECURE_CLIENTS;
    return secure[nextSecure];
  }

  public void close() {
    plain.close();
    for (WebClient client : secure) {
      client.close();
    }
  }
}
