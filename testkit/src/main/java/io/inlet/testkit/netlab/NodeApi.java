package io.inlet.testkit.netlab;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A node's HTTP API as the test JVM calls it (health, streams, metrics, keys), with short timeouts:
 * a call to a node that hangs fails within seconds instead of stalling the test.
 */
public final class NodeApi {

  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private static final Duration TIMEOUT = Duration.ofSeconds(5);

  private final String base;
  private final String adminToken;

  /** The API at {@code http://address:port}, admin calls with {@code adminToken}. */
  public NodeApi(String address, int port, String adminToken) {
    this.base = "http://" + address + ":" + port;
    this.adminToken = adminToken;
  }

  public HttpResponse<String> send(String method, String path, String body) throws IOException, InterruptedException {
    HttpRequest.BodyPublisher publisher = body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body);
    HttpRequest request = HttpRequest.newBuilder(URI.create(base + path)).timeout(TIMEOUT)
        .header("Authorization", "Bearer " + adminToken).method(method, publisher).build();
    return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
  }

  /** {@code GET /health/ready} answers 200; false on any other answer or no answer. */
  public boolean ready() {
    try {
      return send("GET", "/health/ready", null).statusCode() == 200;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /**
   * {@code GET /api/streams}: stream name to stream as this node sees the cluster. A failed call
   * throws: read as "no streams", it would satisfy a wait for streams to be gone.
   */
  public Map<String, JsonObject> streams() {
    JsonArray streams = new JsonObject(body("GET", "/api/streams", null, 200)).getJsonArray("streams");
    Map<String, JsonObject> byName = new LinkedHashMap<>();
    for (int i = 0; i < streams.size(); i++) {
      JsonObject stream = streams.getJsonObject(i);
      byName.put(stream.getString("name"), stream);
    }
    return byName;
  }

  /** {@code GET /metrics}: the Prometheus text. */
  public String metrics() {
    return body("GET", "/metrics", null, 200);
  }

  /**
   * The sum of every sample of Prometheus metric {@code name} (all label sets) in {@code /metrics},
   * 0 when absent.
   */
  public double metric(String name) {
    double sum = 0;
    for (String line : metrics().split("\n")) {
      if (line.startsWith(name + " ") || line.startsWith(name + "{")) {
        sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
      }
    }
    return sum;
  }

  /** {@code POST /api/keys}: creates key {@code name} and returns its secret. */
  public String createKey(String name) {
    return new JsonObject(body("POST", "/api/keys", new JsonObject().put("name", name).encode(), 201)).getString("key");
  }

  private String body(String method, String path, String body, int expected) {
    HttpResponse<String> response;
    try {
      response = send(method, path, body);
    } catch (IOException e) {
      throw new AssertionError(method + " " + base + path + " failed: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(method + " " + base + path + " interrupted", e);
    }
    if (response.statusCode() != expected) {
      throw new AssertionError(method + " " + base + path + " answered " + response.statusCode() + ": " + response.body());
    }
    return response.body();
  }
}
