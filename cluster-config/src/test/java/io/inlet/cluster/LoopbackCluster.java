package io.inlet.cluster;

import io.inlet.bus.Addresses;
import io.inlet.bus.ReplyCodes;
import io.inlet.decode.verticle.DecodeOptions;
import io.inlet.decode.verticle.DecodeVerticle;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.ThreadingModel;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * The cluster tests' members: clustered Vert.x instances on loopback, joined over Hazelcast TCP/IP
 * from a block of ports of the test's own (each test class has its block, so classes never join
 * each other's cluster).
 */
final class LoopbackCluster {

  private final int basePort;
  private final List<String> members = new ArrayList<>();

  /** Members on {@code basePort}, {@code basePort + 1}, ... ({@code size} of them). */
  LoopbackCluster(int basePort, int size) {
    this.basePort = basePort;
    for (int i = 0; i < size; i++) {
      members.add("127.0.0.1:" + (basePort + i));
    }
  }

  /** Starts member {@code index} and waits until it joined. */
  Vertx member(int index) {
    VertxOptions options = new VertxOptions();
    options.getEventBusOptions().setHost("127.0.0.1").setClusterPublicHost("127.0.0.1").setPort(0);
    return Vertx.builder().with(options)
        .withClusterManager(HazelcastClusterFactory.tcp("127.0.0.1", basePort + index, members))
        .buildClustered().await();
  }

  /**
   * Stands in for the auth role on {@code vertx}: a key {@code key-<name>} publishes stream
   * {@code <name>}; any other key is refused as unknown.
   */
  static void acceptKeys(Vertx vertx) {
    vertx.eventBus().<JsonObject>consumer(Addresses.AUTH_VALIDATE, message -> {
      String key = message.body().getString("key");
      if (key.startsWith("key-")) {
        message.reply(new JsonObject().put("name", key.substring(4)));
      } else {
        message.fail(ReplyCodes.FORBIDDEN, "Unknown or revoked stream key.");
      }
    }).completion().await();
  }

  /** Deploys one decode verticle, taking at most 8 streams, as decode node {@code node} on the named pool {@code pool}. */
  static void deployDecoder(Vertx vertx, String node, String pool) {
    vertx.deployVerticle(() -> new DecodeVerticle(), new DeploymentOptions()
        .setConfig(new DecodeOptions().nodeId(node).maxStreams(8).toJson())
        .setThreadingModel(ThreadingModel.WORKER).setWorkerPoolName(pool).setWorkerPoolSize(1)).await();
  }
}
