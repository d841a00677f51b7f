package io.inlet.auth.webhook;

import io.inlet.auth.service.FailureLimiter;
import io.inlet.auth.service.KeyException;
import io.inlet.auth.service.KeyService;
import io.inlet.auth.store.KeyNames;
import io.inlet.auth.webhook.WebhookRequestMetrics.Outcome;
import io.inlet.bus.ReplyCodes;
import io.inlet.bus.ValidateRequest;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides a publish by asking the user's backend: {@code POST {"type":"publish","app","key",
 * "remoteAddress","tcUrl","node"}}. A 2xx {@code {"allow":true,"name":"cam1"}} admits it as stream
 * {@code cam1}; {@code {"allow":false,"reason":"..."}} refuses it (403 with the reason, counted
 * against the remote host like a bad key); anything else, an error or no answer within the timeout
 * refuses it too (503: fail closed). Asynchronous throughout: a slow backend holds only the publishes
 * waiting for it. The key travels in the request body only: it is never logged here.
 */
public final class AuthWebhook {

  private static final Logger log = LoggerFactory.getLogger(AuthWebhook.class);
  /** A backend's reason is shown to the publisher: one line, of a sensible length. */
  static final int MAX_REASON_LENGTH = 256;
  static final String DENIED = "The publish was refused by the auth webhook.";

  private final Vertx vertx;
  private final WebhookPoster poster;
  private final String url;
  private final long timeoutMs;
  private final FailureLimiter limiter;
  private final WebhookRequestMetrics metrics;

  public AuthWebhook(Vertx vertx, WebhookPoster poster, String url, long timeoutMs, FailureLimiter limiter,
      WebhookRequestMetrics metrics) {
    this.vertx = vertx;
    this.poster = poster;
    this.url = url;
    this.timeoutMs = timeoutMs;
    this.limiter = limiter;
    this.metrics = metrics;
  }

  /**
   * The stream name the backend gives this publish; fails with a {@link KeyException}: 429 while the
   * remote host is blocked, 403 (the backend's reason) for a deny, 503 when it could not decide.
   * Completes on the caller's context.
   */
  public Future<String> decide(ValidateRequest request) {
    String host = FailureLimiter.hostOf(request.remoteAddress());
    if (limiter.isBlocked(host)) {
      return Future.failedFuture(new KeyException(ReplyCodes.TOO_MANY_REQUESTS, KeyService.TOO_MANY));
    }
    long started = System.nanoTime();
    Promise<String> decided = Promise.promise();
    // The client's own timeout counts idle time only: this one bounds the whole request.
    long timer = vertx.setTimer(timeoutMs, id -> decided.tryFail(new TimeoutException()));
    poster.post(url, body(request)).onComplete(answer -> {
      vertx.cancelTimer(timer);
      Future<String> verdict = answer.succeeded() ? verdict(answer.result()) : Future.failedFuture(answer.cause());
      // After a timeout the late answer is ignored: the publish has been refused already.
      verdict.onSuccess(decided::tryComplete).onFailure(decided::tryFail);
    });
    return decided.future().transform(done -> {
      Outcome outcome = outcomeOf(done);
      metrics.record(outcome, System.nanoTime() - started);
      return done.succeeded() ? Future.succeededFuture(done.result()) : Future.failedFuture(refusal(outcome, done.cause(), host));
    });
  }

  static JsonObject body(ValidateRequest request) {
    return new JsonObject().put("type", "publish").put("app", request.app()).put("key", request.key())
        .put("remoteAddress", request.remoteAddress()).put("tcUrl", request.tcUrl()).put("node", request.node());
  }

  /** Reads the backend's answer: a name, a {@link Denied} with its reason, or an {@link Unusable} answer. */
  static Future<String> verdict(HttpResponse<Buffer> response) {
    int status = response.statusCode();
    if (status < 200 || status > 299) {
      return Future.failedFuture(new Unusable("answered HTTP " + status));
    }
    JsonObject answer;
    try {
      answer = response.body() == null ? null : new JsonObject(response.body());
    } catch (DecodeException | ClassCastException notAnObject) {
      answer = null;
    }
    if (answer == null || !(answer.getValue("allow") instanceof Boolean allow)) {
      return Future.failedFuture(new Unusable("answered without \"allow\": true or false"));
    }
    if (!allow) {
      return Future.failedFuture(new Denied(reasonOf(answer.getValue("reason"))));
    }
    Object name = answer.getValue("name");
    if (!(name instanceof String given) || !KeyNames.isValid(given)) {
      return Future.failedFuture(new Unusable("allowed the publish without a valid stream \"name\" ("
          + KeyNames.RULE + ")"));
    }
    return Future.succeededFuture(given);
  }

  /** The backend's reason, on one line and at most {@link #MAX_REASON_LENGTH} characters. */
  static String reasonOf(Object reason) {
    if (!(reason instanceof String text) || text.isBlank()) {
      return DENIED;
    }
    String line = text.replaceAll("\\p{Cntrl}", " ").strip();
    return line.length() <= MAX_REASON_LENGTH ? line : line.substring(0, MAX_REASON_LENGTH);
  }

  private static Outcome outcomeOf(io.vertx.core.AsyncResult<String> done) {
    if (done.succeeded()) {
      return Outcome.ALLOW;
    }
    if (done.cause() instanceof Denied) {
      return Outcome.DENY;
    }
    return done.cause() instanceof TimeoutException ? Outcome.TIMEOUT : Outcome.ERROR;
  }

  private KeyException refusal(Outcome outcome, Throwable cause, String host) {
    if (cause instanceof Denied denied) {
      if (limiter.recordFailure(host)) {
        log.warn("Blocking publishes from {} after too many refused publishes", host);
      } else {
        log.debug("The auth webhook refused a publish from {}", host);
      }
      return new KeyException(ReplyCodes.FORBIDDEN, denied.getMessage());
    }
    String why = switch (outcome) {
      case TIMEOUT -> "did not answer within " + timeoutMs + " ms";
      default -> cause instanceof Unusable unusable ? unusable.getMessage() : "could not be reached";
    };
    log.warn("The auth webhook could not decide a publish from {}: {}{}", host, why,
        cause instanceof Unusable || outcome == Outcome.TIMEOUT ? "" : " (" + cause + ")");
    return new KeyException(ReplyCodes.UNAVAILABLE, "The publish could not be authorized: the auth webhook " + why + ".");
  }

  /** The backend said no. */
  static final class Denied extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Denied(String reason) {
      super(reason, null, false, false);
    }
  }

  /** The backend answered, but not with a decision. */
  static final class Unusable extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Unusable(String what) {
      super(what, null, false, false);
    }
  }
}
