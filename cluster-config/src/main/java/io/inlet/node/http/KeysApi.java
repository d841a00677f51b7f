package io.inlet.node.http;

import io.inlet.bus.Addresses;
import io.inlet.bus.CreateKeyRequest;
import io.inlet.bus.CreatedKey;
import io.inlet.bus.KeyList;
import io.inlet.bus.ListKeysRequest;
import io.inlet.bus.RevokeKeyRequest;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The admin key API over HTTP: each call is a bearer-token check and then one request to the auth
 * role on the event bus, wherever in the cluster it runs.
 */
final class KeysApi {

  private static final Logger LOG = LoggerFactory.getLogger(KeysApi.class);
  private static final DeliveryOptions TIMEOUT = new DeliveryOptions().setSendTimeout(5_000);

  private final Vertx vertx;
  private final AdminToken token;

  KeysApi(Vertx vertx, AdminToken token) {
    this.vertx = vertx;
    this.token = token;
  }

  void mount(Router router) {
    router.route("/api/keys*").handler(adminOnly(token));
    router.post("/api/keys").handler(BodyHandler.create().setBodyLimit(4096)).handler(this::create);
    router.get("/api/keys").handler(this::list);
    router.delete("/api/keys/:name").handler(this::revoke);
  }

  /** Lets a request through to the next handler only with the admin token; answers 401 otherwise. */
  static Handler<RoutingContext> adminOnly(AdminToken token) {
    return ctx -> {
      String header = ctx.request().getHeader("Authorization");
      String presented = header != null && header.startsWith("Bearer ") ? header.substring(7).trim() : null;
      if (token.matches(presented)) {
        ctx.next();
        return;
      }
      LOG.warn("http {}: admin call {} {} refused: {}", ctx.request().remoteAddress(), ctx.request().method(),
          ctx.request().path(), presented == null ? "no bearer token" : "wrong bearer token");
      HttpErrors.send(ctx, 401, "This call needs the admin token: Authorization: Bearer <token>.");
    };
  }

  private void create(RoutingContext ctx) {
    JsonObject body;
    try {
      body = ctx.body().asJsonObject();
    } catch (DecodeException | ClassCastException e) {
      HttpErrors.send(ctx, 400, "The body must be a JSON object such as {\"name\":\"cam1\"}.");
      return;
    }
    if (body == null || !(body.getValue("name") instanceof String name)) {
      HttpErrors.send(ctx, 400, "The body must be a JSON object such as {\"name\":\"cam1\"}.");
      return;
    }
    vertx.eventBus().<JsonObject>request(Addresses.AUTH_KEYS_CREATE, new CreateKeyRequest(name).toJson(), TIMEOUT)
        .map(reply -> CreatedKey.fromJson(reply.body()))
        .onSuccess(created -> json(ctx, 201, created.toJson()))
        .onFailure(cause -> HttpErrors.fromBus(ctx, cause));
  }

  private void list(RoutingContext ctx) {
    vertx.eventBus().<JsonObject>request(Addresses.AUTH_KEYS_LIST, new ListKeysRequest().toJson(), TIMEOUT)
        .map(reply -> KeyList.fromJson(reply.body()))
        .onSuccess(list -> json(ctx, 200, list.toJson()))
        .onFailure(cause -> HttpErrors.fromBus(ctx, cause));
  }

  private void revoke(RoutingContext ctx) {
    String name = ctx.pathParam("name");
    vertx.eventBus().<JsonObject>request(Addresses.AUTH_KEYS_REVOKE, new RevokeKeyRequest(name).toJson(), TIMEOUT)
        .onSuccess(reply -> ctx.response().setStatusCode(204).end())
        .onFailure(cause -> HttpErrors.fromBus(ctx, cause));
  }

  static void json(RoutingContext ctx, int status, JsonObject body) {
    ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json").end(body.encode());
  }
}
