package io.inlet.node;

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

/**
 * On the first start of an empty data dir: creates the {@code demo} key through the auth role's
 * public API and prints, once, what a new user needs to publish a first stream.
 */
final class FirstStart {

  static final String DEMO_KEY_NAME = "demo";

  private FirstStart() {}

  static Future<Void> runIfNeeded(Vertx vertx, NodeOptions options, DataDir dataDir, Set<Role> roles, PrintStream out,
      int rtmpPort, int httpPort) {
    if (dataDir == null || !dataDir.firstStart() || !roles.contains(Role.AUTH)) {
      return Future.succeededFuture();
    }
    return vertx.eventBus().<JsonObject>request(Addresses.AUTH_KEYS_CREATE, new CreateKeyRequest(DEMO_KEY_NAME).toJson())
        .map(reply -> {
          out.print(banner(options, dataDir, CreatedKey.fromJson(reply.body()).key(), rtmpPort, httpPort));
          out.flush();
          return (Void) null;
        })
        // In a cluster another auth replica's first start may have made it already: its node printed it.
        .recover(cause -> cause instanceof ReplyException refused && refused.failureCode() == ReplyCodes.CONFLICT
            ? Future.succeededFuture() : Future.failedFuture(cause));
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
