package io.inlet.auth.verticle;

import io.inlet.bus.Addresses;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.io.PrintStream;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Child process of {@link KillDuringCreatesTest}: deploys the auth verticle on the data dir given as
 * the only argument and creates keys {@code k0, k1, ...} for ever, a few in flight at a time,
 * printing {@code ACK <name>} for each acknowledged create.
 */
public final class CrashWriterMain {

  private static final int IN_FLIGHT = 8;

  private CrashWriterMain() {}

  public static void main(String[] args) {
    PrintStream out = System.out;
    Vertx vertx = Vertx.vertx();
    AtomicInteger next = new AtomicInteger();
    JsonObject config = new JsonObject().put("dataDir", args[0]);
    vertx.deployVerticle(new AuthVerticle(), new DeploymentOptions().setConfig(config)).onComplete(deployed -> {
      if (deployed.failed()) {
        deployed.cause().printStackTrace();
        System.exit(3);
      }
      for (int i = 0; i < IN_FLIGHT; i++) {
        createNext(vertx, next, out);
      }
    });
  }

  private static void createNext(Vertx vertx, AtomicInteger next, PrintStream out) {
    String name = "k" + next.getAndIncrement();
    vertx.eventBus().<JsonObject>request(Addresses.AUTH_KEYS_CREATE, new JsonObject().put("name", name))
        .onComplete(reply -> {
          if (reply.succeeded()) {
            out.println("ACK " + reply.result().body().getString("name"));
            out.flush();
          } else {
            out.println("FAIL " + name + " " + reply.cause().getMessage());
            out.flush();
          }
          createNext(vertx, next, out);
        });
  }
}
