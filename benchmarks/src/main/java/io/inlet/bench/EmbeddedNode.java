package io.inlet.bench;

import io.inlet.bus.Addresses;
import io.inlet.bus.CreateKeyRequest;
import io.inlet.bus.CreatedKey;
import io.inlet.node.Node;
import io.inlet.node.NodeOptions;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** An Inlet node with every role in this JVM, on 127.0.0.1 and ephemeral ports, with a throwaway data dir. */
final class EmbeddedNode implements AutoCloseable {

  private final Node node;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private EmbeddedNode(Node node) {
    this.node = node;
  }

  static EmbeddedNode start(Path dataDir) throws Exception {
    String[] args = {"--bind", "127.0.0.1", "--rtmp-port", "0", "--http-port", "0", "--data-dir", dataDir.toString()};
    Node node = new Node(NodeOptions.parse(args, Map.of()), new PrintStream(OutputStream.nullOutputStream()));
    await(node.start(), 60);
    return new EmbeddedNode(node);
  }

  int rtmpPort() {
    return node.rtmpPort();
  }

  /** Creates a key through the auth role's event-bus API and returns its secret. */
  String createKey(String name) throws Exception {
    JsonObject reply = await(node.vertx().eventBus()
        .<JsonObject>request(Addresses.AUTH_KEYS_CREATE, new CreateKeyRequest(name).toJson()), 10).body();
    return CreatedKey.fromJson(reply).key();
  }

  /** GET /api/streams: the "streams" array's objects. */
  List<JsonObject> streams() throws Exception {
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + node.httpPort() + "/api/streams"))
        .timeout(Duration.ofSeconds(5)).build();
    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IllegalStateException("GET /api/streams answered " + response.statusCode());
    }
    List<JsonObject> streams = new ArrayList<>();
    new JsonObject(response.body()).getJsonArray("streams").forEach(s -> streams.add((JsonObject) s));
    return streams;
  }

  @Override
  public void close() throws Exception {
    await(node.stop(), 30);
  }

  private static <T> T await(Future<T> future, int seconds) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(seconds, TimeUnit.SECONDS);
  }

  static Path tempDataDir() throws Exception {
    return Files.createTempDirectory("inlet-bench-data");
  }
}
