package io.inlet.auth.verticle;

import io.inlet.bus.Addresses;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.function.Predicate;

/** Test helpers: deploy the auth verticle and talk to it over the event bus as a client would. */
final class AuthBus {

  private final Vertx vertx;

  AuthBus(Vertx vertx) {
    this.vertx = vertx;
  }

  Future<String> deploy(Path dataDir) {
    return deploy(new JsonObject().put("dataDir", dataDir.toString()));
  }

  Future<String> deploy(JsonObject config) {
    return vertx.deployVerticle(new AuthVerticle(), new DeploymentOptions().setConfig(config));
  }

  Future<JsonObject> request(String address, Object body) {
    return vertx.eventBus().<JsonObject>request(address, body).map(Message::body);
  }

  Future<JsonObject> create(String name) {
    return request(Addresses.AUTH_KEYS_CREATE, new JsonObject().put("name", name));
  }

  Future<JsonObject> list() {
    return request(Addresses.AUTH_KEYS_LIST, new JsonObject());
  }

  Future<JsonObject> revoke(String name) {
    return request(Addresses.AUTH_KEYS_REVOKE, new JsonObject().put("name", name));
  }

  Future<JsonObject> validate(String key, String remoteAddress) {
    return request(Addresses.AUTH_VALIDATE,
        new JsonObject().put("app", "live").put("key", key).put("remoteAddress", remoteAddress));
  }

  /** Lists again until the answer satisfies {@code condition}, a bounded number of times. */
  Future<JsonObject> listUntil(Predicate<JsonObject> condition) {
    return listUntil(condition, 1000);
  }

  private Future<JsonObject> listUntil(Predicate<JsonObject> condition, int attempts) {
    return list().compose(reply -> {
      if (condition.test(reply)) {
        return Future.succeededFuture(reply);
      }
      if (attempts <= 1) {
        return Future.failedFuture(new AssertionError("never listed as expected: " + reply.encode()));
      }
      return listUntil(condition, attempts - 1);
    });
  }

  /** The ReplyException a refused request failed with; a success is an assertion failure. */
  static Future<ReplyException> refusal(Future<?> request) {
    return request.transform(done -> {
      if (done.succeeded()) {
        return Future.failedFuture(new AssertionError("expected a refusal, got " + done.result()));
      }
      if (done.cause() instanceof ReplyException refused) {
        return Future.succeededFuture(refused);
      }
      return Future.failedFuture(done.cause());
    });
  }
}
