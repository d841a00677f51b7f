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

  /** A node with {@code extra} options after the ones above, and {@link NodeProcess#ADMIN_TOKEN} as its admin token. */
  static EmbeddedNode start(Path dataDir, String... extra) throws Exception {
    List<String> args = new ArrayList<>(List.of("--bind", "127.0.0.1", "--rtmp-port", "0", "--http-port", "0",
        "--data-dir", dataDir.toString(), "--admin-token", NodeProcess.ADMIN_TOKEN));
    args.addAll(List.of(extra));
    Node node = new Node(NodeOptions.parse(args.toArray(String[]::new), Map.of()),
        new PrintStream(OutputStream.nullOutputStream()));
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
    HttpResponse<String> response = http.send(request("/api/streams").build(), HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IllegalStateException("GET /api/streams answered " + response.statusCode());
    }
    List<JsonObject> streams = new ArrayList<>();
    new JsonObject(response.body()).getJsonArray("streams").forEach(s -> streams.add((JsonObject) s));
    return streams;
  }

  /** GET /api/streams/{name}: the Stream, or null when the node answers 404. */
  JsonObject stream(String name) throws Exception {
    HttpResponse<String> response = http.send(request("/api/streams/" + name).build(), HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() == 404) {
      return null;
    }
    if (response.statusCode() != 200) {
      throw new IllegalStateException("GET /api/streams/" + name + " answered " + response.statusCode());
    }
    return new JsonObject(response.body());
  }

  /** DELETE /api/streams/{name} (admin): its publisher is disconnected and the stream ends at once. */
  void endStream(String name) throws Exception {
    HttpResponse<String> response = http.send(request("/api/streams/" + name)
        .header("Authorization", "Bearer " + NodeProcess.ADMIN_TOKEN).DELETE().build(), HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 204) {
      throw new IllegalStateException("DELETE /api/streams/" + name + " answered " + response.statusCode());
    }
  }

  /** The HTTP API's base URL, without a trailing slash. */
  String httpBase() {
    return "http://127.0.0.1:" + node.httpPort();
  }

  private HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(URI.create(httpBase() + path)).timeout(Duration.ofSeconds(5));
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
