package io.inlet.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.inlet.auth.verticle.AuthVerticle;
import io.inlet.bus.Addresses;
import io.inlet.bus.ClusterMaps;
import io.inlet.bus.ReplyCodes;
import io.inlet.testkit.Await;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three clustered Vert.x instances on loopback, each with an auth verticle and its own data dir, as
 * a StatefulSet of auth replicas would run. Each step asks one node's own auth verticle (local-only
 * delivery), so "validates on B" means B's replica answered. The steps build on each other.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AuthClusterTest {

  private static final int BASE_PORT = 15711;
  private static final List<String> MEMBERS =
      List.of("127.0.0.1:" + BASE_PORT, "127.0.0.1:" + (BASE_PORT + 1), "127.0.0.1:" + (BASE_PORT + 2));
  private static final int A = 0;
  private static final int B = 1;
  private static final int C = 2;

  @TempDir
  static Path dir;
  private static final Vertx[] nodes = new Vertx[3];
  /** Secrets of the keys created so far, by name. */
  private static final java.util.Map<String, String> secrets = new java.util.concurrent.ConcurrentHashMap<>();

  @AfterAll
  static void stopCluster() {
    for (int i = nodes.length - 1; i >= 0; i--) {
      stop(i);
    }
  }

  @Test
  @Order(1)
  void aKeyCreatedOnOneNodeValidatesAndListsOnEveryNode() {
    start(A);
    start(B);
    start(C);
    secrets.put("cam1", create(A, "cam1").getString("key"));
    for (int node : new int[] {A, B, C}) {
      assertThat(validate(node, secrets.get("cam1"))).as("node %d", node).isEqualTo("cam1");
      assertThat(names(node)).as("node %d", node).containsExactly("cam1");
    }
    assertThat(refusal(create(B, "cam1", true)).failureCode()).as("the name is taken cluster-wide")
        .isEqualTo(ReplyCodes.CONFLICT);
  }

  @Test
  @Order(2)
  void concurrentCreatesOfOneNameOnTwoNodesGiveExactlyOneKey() {
    for (int i = 0; i < 8; i++) {
      String name = "race" + i;
      Future<JsonObject> onA = request(A, Addresses.AUTH_KEYS_CREATE, new JsonObject().put("name", name));
      Future<JsonObject> onB = request(B, Addresses.AUTH_KEYS_CREATE, new JsonObject().put("name", name));
      Future.join(onA, onB).otherwiseEmpty().await();
      List<Future<JsonObject>> won = List.of(onA, onB).stream().filter(Future::succeeded).toList();
      assertThat(won).as(name + ": exactly one create wins").hasSize(1);
      Future<JsonObject> lost = onA.succeeded() ? onB : onA;
      assertThat(((ReplyException) lost.cause()).failureCode()).isEqualTo(ReplyCodes.CONFLICT);
      String secret = won.get(0).result().getString("key");
      secrets.put(name, secret);
      for (int node : new int[] {A, B, C}) {
        assertThat(validate(node, secret)).isEqualTo(name);
      }
    }
    for (int node : new int[] {A, B, C}) {
      assertThat(names(node)).hasSize(9);
    }
  }

  @Test
  @Order(3)
  void aRevokeOnOneNodeIsEffectiveOnAllAtOnce() {
    request(B, Addresses.AUTH_KEYS_REVOKE, new JsonObject().put("name", "cam1")).await();
    for (int node : new int[] {A, B, C}) {
      assertThat(refusal(validateLater(node, secrets.get("cam1"))).failureCode())
          .as("node %d refuses the revoked key as soon as the revoke is answered", node)
          .isEqualTo(ReplyCodes.FORBIDDEN);
      assertThat(names(node)).doesNotContain("cam1");
    }
    assertThat(refusal(request(C, Addresses.AUTH_KEYS_REVOKE, new JsonObject().put("name", "cam1"))).failureCode())
        .isEqualTo(ReplyCodes.NOT_FOUND);
  }

  @Test
  @Order(4)
  void lastUsedAtTravelsToTheOtherReplicas() throws InterruptedException {
    validate(A, secrets.get("race0"));
    Await.until("B lists race0 as used", Duration.ofSeconds(5), () -> keys(B).stream()
        .anyMatch(k -> "race0".equals(k.getString("name")) && k.getString("lastUsedAt") != null));
  }

  @Test
  @Order(5)
  void losingAMemberLosesNothing() {
    secrets.put("cam2", create(A, "cam2").getString("key"));
    int before = sharedKeyCount(A);
    stop(C);
    assertThat(sharedKeyCount(A)).as("the cluster map kept every name").isEqualTo(before);
    assertThat(sharedKeyCount(B)).isEqualTo(before);
    for (int node : new int[] {A, B}) {
      assertThat(validate(node, secrets.get("cam2"))).isEqualTo("cam2");
      assertThat(validate(node, secrets.get("race3"))).isEqualTo("race3");
      assertThat(names(node)).hasSize(9);
    }
  }

  @Test
  @Order(6)
  void aStaleReplicaComingBackNeverResurrectsARevokedKey() {
    // C slept through these: its journal still has cam2 live and knows nothing of cam3.
    request(A, Addresses.AUTH_KEYS_REVOKE, new JsonObject().put("name", "cam2")).await();
    secrets.put("cam3", create(B, "cam3").getString("key"));
    start(C);
    for (int node : new int[] {A, B, C}) {
      assertThat(refusal(validateLater(node, secrets.get("cam2"))).failureCode()).as("node %d", node)
          .isEqualTo(ReplyCodes.FORBIDDEN);
      assertThat(validate(node, secrets.get("cam3"))).isEqualTo("cam3");
      assertThat(names(node)).as("node %d", node).doesNotContain("cam2").contains("cam3").hasSize(9);
    }
  }

  @Test
  @Order(7)
  void aRestartOfTheWholeClusterKeepsEveryKeyAndRevocation() {
    // B goes first and misses the revoke of cam3: after the restart its journal is the stale one.
    stop(B);
    request(A, Addresses.AUTH_KEYS_REVOKE, new JsonObject().put("name", "cam3")).await();
    secrets.put("cam4", create(C, "cam4").getString("key"));
    stop(C);
    stop(A);

    start(B);
    start(A);
    start(C);
    Set<String> expected = new TreeSet<>(List.of("cam4", "race0", "race1", "race2", "race3", "race4", "race5",
        "race6", "race7"));
    for (int node : new int[] {A, B, C}) {
      for (String revoked : List.of("cam1", "cam2", "cam3")) {
        assertThat(refusal(validateLater(node, secrets.get(revoked))).failureCode())
            .as("node %d refuses %s", node, revoked).isEqualTo(ReplyCodes.FORBIDDEN);
      }
      for (String name : expected) {
        assertThat(validate(node, secrets.get(name))).isEqualTo(name);
      }
      assertThat(names(node)).as("node %d", node).containsExactlyElementsOf(expected);
    }
    assertThat(sharedKeyCount(A)).as("live keys and tombstones").isEqualTo(expected.size() + 3);
  }

  // --- cluster plumbing

  private static void start(int index) {
    VertxOptions options = new VertxOptions();
    options.getEventBusOptions().setHost("127.0.0.1").setClusterPublicHost("127.0.0.1").setPort(0);
    long started = System.nanoTime();
    Vertx vertx = Vertx.builder().with(options)
        .withClusterManager(HazelcastClusterFactory.tcp("127.0.0.1", BASE_PORT + index, MEMBERS))
        .buildClustered().await();
    JsonObject config = new JsonObject().put("dataDir", dir.resolve("auth-" + index).toString())
        .put("usageFlushMs", 200).put("reconcileMs", 2_000);
    vertx.deployVerticle(new AuthVerticle(), new DeploymentOptions().setConfig(config)).await();
    nodes[index] = vertx;
    System.out.printf("auth replica %d up in %d ms%n", index, (System.nanoTime() - started) / 1_000_000);
  }

  private static void stop(int index) {
    if (nodes[index] != null) {
      nodes[index].close().await();
      nodes[index] = null;
    }
  }

  /** A request to {@code node}'s own auth verticle. */
  private static Future<JsonObject> request(int node, String address, JsonObject body) {
    return nodes[node].eventBus().<JsonObject>request(address, body, new DeliveryOptions().setLocalOnly(true))
        .map(Message::body);
  }

  private static JsonObject create(int node, String name) {
    return request(node, Addresses.AUTH_KEYS_CREATE, new JsonObject().put("name", name)).await();
  }

  private static Future<JsonObject> create(int node, String name, boolean async) {
    return request(node, Addresses.AUTH_KEYS_CREATE, new JsonObject().put("name", name));
  }

  private static String validate(int node, String key) {
    return validateLater(node, key).await().getString("name");
  }

  private static Future<JsonObject> validateLater(int node, String key) {
    return request(node, Addresses.AUTH_VALIDATE,
        new JsonObject().put("app", "live").put("key", key).put("remoteAddress", "127.0.0.1:5000"));
  }

  private static List<JsonObject> keys(int node) {
    JsonArray keys = request(node, Addresses.AUTH_KEYS_LIST, new JsonObject()).await().getJsonArray("keys");
    List<JsonObject> list = new ArrayList<>();
    for (int i = 0; i < keys.size(); i++) {
      list.add(keys.getJsonObject(i));
    }
    return list;
  }

  private static List<String> names(int node) {
    return keys(node).stream().map(k -> k.getString("name")).toList();
  }

  private static int sharedKeyCount(int node) {
    return nodes[node].sharedData().<String, String>getAsyncMap(ClusterMaps.AUTH_KEYS).compose(map -> map.size()).await();
  }

  private static ReplyException refusal(Future<?> request) {
    Throwable cause = request.transform(done -> Future.succeededFuture(done.failed() ? done.cause() : null)).await();
    assertThat(cause).as("a refusal").isInstanceOf(ReplyException.class);
    return (ReplyException) cause;
  }
}
