package io.inlet.node;

import io.inlet.auth.service.ReplicatedKeys;
import io.inlet.bus.Addresses;
import io.inlet.bus.CreateKeyRequest;
import io.inlet.bus.CreatedKey;
import io.inlet.bus.ReplyCodes;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonObject;
import java.io.PrintStream;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * On the first start of an empty data dir: creates the {@code demo} key through the auth role's
 * public API and prints, once, what a new user needs to publish a first stream.
 */
final class FirstStart {

  static final String DEMO_KEY_NAME = "demo";
  private static final long MAJORITY_RETRY_MS = 2_000;
  private static final Logger LOG = LoggerFactory.getLogger(FirstStart.class);

  private FirstStart() {}

  static Future<Void> runIfNeeded(Vertx vertx, NodeOptions options, DataDir dataDir, Set<Role> roles, PrintStream out,
      int rtmpPort, int httpPort) {
    if (dataDir == null || !dataDir.firstStart() || !roles.contains(Role.AUTH)) {
      return Future.succeededFuture();
    }
    return createDemoKey(vertx, options, dataDir, out, rtmpPort, httpPort, true);
  }

  private static Future<Void> createDemoKey(Vertx vertx, NodeOptions options, DataDir dataDir, PrintStream out,
      int rtmpPort, int httpPort, boolean first) {
    return vertx.eventBus().<JsonObject>request(Addresses.AUTH_KEYS_CREATE, new CreateKeyRequest(DEMO_KEY_NAME).toJson())
        .map(reply -> {
          out.print(banner(options, dataDir, CreatedKey.fromJson(reply.body()).key(), rtmpPort, httpPort));
          out.flush();
          return (Void) null;
        })
        .recover(cause -> {
          if (!(cause instanceof ReplyException refused)) {
            return Future.failedFuture(cause);
          }
          // In a cluster another auth replica's first start may have made it already: its node printed it.
          if (refused.failureCode() == ReplyCodes.CONFLICT) {
            return Future.succeededFuture();
          }
          // The first of three members, alone: keys wait for a majority; the node starts meanwhile.
          if (refused.failureCode() == ReplyCodes.UNAVAILABLE && ReplicatedKeys.CUT_OFF.equals(refused.getMessage())) {
            if (first) {
              LOG.warn("The demo key is created once a majority of the cluster's members is up");
            }
            vertx.setTimer(MAJORITY_RETRY_MS, id -> createDemoKey(vertx, options, dataDir, out, rtmpPort, httpPort, false)
                .onFailure(e -> LOG.warn("Cannot create the demo key: {}", e.toString())));
            return Future.succeededFuture();
          }
          return Future.failedFuture(cause);
        });
  }

  static String banner(NodeOptions options, DataDir dataDir, String demoKey, int rtmpPort, int httpPort) {
    String host = "0.0.0.0".equals(options.bind()) ? "localhost" : options.bind();
    String publishUrl = "rtmp://" + host + ":" + rtmpPort + "/live/" + demoKey;
    String token = dataDir.generatedToken() != null ? dataDir.generatedToken() : "(the one given with --admin-token)";
    return "\n"
        + "Inlet is running. First start of " + dataDir.path() + ": this is shown only once, keep it.\n"
        + "\n"
        + "  Admin token:  " + token + "\n"
        + "  Publish URL:  " + publishUrl + "\n"
        + "  Test stream:  ffmpeg -re -f lavfi -i testsrc2=size=1280x720:rate=30 -f lavfi -i sine=frequency=440"
        + " -c:v libx264 -preset veryfast -tune zerolatency -g 60 -c:a aac -f flv " + publishUrl + "\n"
        + "  Dashboard:    http://" + host + ":" + httpPort + "/\n"
        + "\n";
  }
}
