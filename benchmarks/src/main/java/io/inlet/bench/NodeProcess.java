package io.inlet.bench;

import io.inlet.testkit.netlab.NodeApi;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * An Inlet node ({@code io.inlet.node.Main}, what bin/inlet runs) in a child JVM with this JVM's flags
 * (bin/bench passes bin/inlet's, plus INLET_JAVA_OPTS) and classpath, on 127.0.0.1, so its CPU and RSS
 * are its own.
 */
final class NodeProcess implements AutoCloseable {

  static final String ADMIN_TOKEN = "bench-admin-token-0123456789abcdef";

  private final Process process;
  private final int rtmpPort;
  private final int httpPort;
  private final Path log;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private NodeProcess(Process process, int rtmpPort, int httpPort, Path log) {
    this.process = process;
    this.rtmpPort = rtmpPort;
    this.httpPort = httpPort;
    this.log = log;
  }

  /** Starts a node with {@code --roles roles} plus {@code extra} options and waits until /health/ready answers 200. */
  static NodeProcess start(String name, String roles, Path work, List<String> extra) throws Exception {
    int rtmpPort = freePort();
    int httpPort = freePort();
    List<String> command = new ArrayList<>();
    command.add(ProcessHandle.current().info().command().orElse("java"));
    command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
    command.addAll(List.of("-cp", System.getProperty("java.class.path"), "io.inlet.node.Main",
        "--roles", roles, "--bind", "127.0.0.1", "--rtmp-port", String.valueOf(rtmpPort),
        "--http-port", String.valueOf(httpPort), "--data-dir", work.resolve(name + "-data").toString(),
        "--admin-token", ADMIN_TOKEN, "--drain-grace-ms", "1000"));
    command.addAll(extra);
    Path log = work.resolve(name + ".log");
    Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    NodeProcess node = new NodeProcess(process, rtmpPort, httpPort, log);
    try {
      node.awaitReady(120);
      return node;
    } catch (Exception e) {
      node.close();
      throw e;
    }
  }

  long pid() {
    return process.pid();
  }

  int rtmpPort() {
    return rtmpPort;
  }

  /** POST /api/keys with the admin token; returns the new key's secret. */
  String createKey(String name) throws Exception {
    HttpRequest request = HttpRequest.newBuilder(uri("/api/keys")).timeout(Duration.ofSeconds(10))
        .header("Authorization", "Bearer " + ADMIN_TOKEN).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(new JsonObject().put("name", name).encode())).build();
    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 201) {
      throw new IllegalStateException("POST /api/keys answered " + response.statusCode() + ": " + response.body());
    }
    return new JsonObject(response.body()).getString("key");
  }

  /** Streams in state "live" according to GET /api/streams. */
  long liveStreams() throws Exception {
    return streams().stream().filter(s -> "live".equals(s.getString("state"))).count();
  }

  /** GET /api/streams: the "streams" array's objects. */
  List<JsonObject> streams() throws Exception {
    HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri("/api/streams"))
        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
    List<JsonObject> streams = new ArrayList<>();
    new JsonObject(response.body()).getJsonArray("streams").forEach(s -> streams.add((JsonObject) s));
    return streams;
  }

  /** The sum of a counter of the streams' "stats" objects. */
  long sumOfStat(String counter) throws Exception {
    return streams().stream().mapToLong(s -> s.getJsonObject("stats", new JsonObject()).getLong(counter, 0L)).sum();
  }

  /** A metric's value from GET /metrics (every label set summed), 0 when the node does not export it. */
  double metric(String name) {
    return new NodeApi("127.0.0.1", httpPort, ADMIN_TOKEN).metric(name);
  }

  private void awaitReady(int seconds) throws Exception {
    long deadline = System.nanoTime() + seconds * 1_000_000_000L;
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("the node exited with " + process.exitValue() + ": " + tail());
      }
      try {
        HttpResponse<Void> response = http.send(HttpRequest.newBuilder(uri("/health/ready"))
            .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding());
        if (response.statusCode() == 200) {
          return;
        }
      } catch (IOException notYet) {
        // not listening yet
      }
      Thread.sleep(250);
    }
    throw new IllegalStateException("the node was not ready within " + seconds + " s: " + tail());
  }

  private URI uri(String path) {
    return URI.create("http://127.0.0.1:" + httpPort + path);
  }

  String tail() {
    try {
      List<String> lines = Files.readAllLines(log);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size()));
    } catch (IOException e) {
      return "(no log)";
    }
  }

  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  /** SIGKILL, as a crash or an OOM kill ends a node: nothing is said to the cluster. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(10, TimeUnit.SECONDS);
  }

  /** SIGTERM (the node drains, 1 s grace), then SIGKILL after 40 s. */
  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(40, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      process.waitFor(10, TimeUnit.SECONDS);
    }
  }
}
