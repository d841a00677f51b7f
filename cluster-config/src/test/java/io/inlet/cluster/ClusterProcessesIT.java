package io.inlet.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.inlet.testkit.Await;
import io.inlet.testkit.Ffmpeg;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real {@code bin/inlet} processes: one ingest+auth node and two decode nodes in a Hazelcast TCP
 * cluster on loopback. A real FFmpeg publishes four streams; both decode nodes get streams; one decode
 * node is killed with SIGKILL; every stream keeps decoding on the survivor, and no publisher is
 * disconnected.
 */
class ClusterProcessesIT {

  private static final Path BIN = Path.of("..", "bin", "inlet").toAbsolutePath().normalize();
  private static final String TOKEN = "cluster-test-admin-token";
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @TempDir
  Path dir;
  private final List<Process> processes = new ArrayList<>();

  @AfterEach
  void stopAll() throws InterruptedException {
    for (Process process : processes) {
      process.destroyForcibly();
      process.waitFor(10, TimeUnit.SECONDS);
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private Process node(String name, String roles, int clusterPort, String members, int rtmp, int http) throws IOException {
    ProcessBuilder builder = new ProcessBuilder(BIN.toString(), "--roles", roles, "--bind", "127.0.0.1",
        "--rtmp-port", String.valueOf(rtmp), "--http-port", String.valueOf(http), "--data-dir", dir.resolve(name).toString(),
        "--admin-token", TOKEN, "--cluster", "tcp", "--cluster-host", "127.0.0.1",
        "--cluster-port", String.valueOf(clusterPort), "--members", members, "--decode-threads", "1")
        .redirectErrorStream(true).redirectOutput(dir.resolve(name + ".log").toFile());
    builder.environment().keySet().removeIf(key -> key.startsWith("INLET_"));
    Process process = builder.start();
    processes.add(process);
    return process;
  }

  private static HttpResponse<String> http(int port, String method, String path, String body) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .header("Authorization", "Bearer " + TOKEN)
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
        .build(), HttpResponse.BodyHandlers.ofString());
  }

  private static boolean ready(int httpPort) {
    try {
      return http(httpPort, "GET", "/health/ready", null).statusCode() == 200;
    } catch (Exception e) {
      return false;
    }
  }

  /**
   * stream name -> stream, as the asked node sees the cluster. A failed call fails the test: read as
   * "no streams", it would satisfy a wait for the streams to be gone.
   */
  private static Map<String, JsonObject> streams(int httpPort) {
    HttpResponse<String> response;
    try {
      response = http(httpPort, "GET", "/api/streams", null);
    } catch (Exception e) {
      throw new AssertionError("GET /api/streams on port " + httpPort + " failed: " + e, e);
    }
    if (response.statusCode() != 200) {
      throw new AssertionError("GET /api/streams on port " + httpPort + " answered " + response.statusCode() + ": " + response.body());
    }
    JsonArray streams = new JsonObject(response.body()).getJsonArray("streams");
    Map<String, JsonObject> byName = new HashMap<>();
    for (int i = 0; i < streams.size(); i++) {
      JsonObject stream = streams.getJsonObject(i);
      byName.put(stream.getString("name"), stream);
    }
    return byName;
  }

  private static long decoded(JsonObject stream) {
    return stream.getJsonObject("stats").getLong("videoFramesDecoded");
  }

  @Test
  void killingADecodeNodeMovesItsStreamsToTheSurvivor() throws Exception {
    int[] cluster = {freePort(), freePort(), freePort()};
    String members = "127.0.0.1:" + cluster[0] + ",127.0.0.1:" + cluster[1] + ",127.0.0.1:" + cluster[2];
    int rtmp = freePort();
    int[] http = {freePort(), freePort(), freePort()};
    Process ingestNode = node("ingest", "ingest,auth", cluster[0], members, rtmp, http[0]);
    Await.until("the ingest node ready", Duration.ofSeconds(60), () -> ready(http[0]));
    node("decode-b", "decode", cluster[1], members, freePort(), http[1]);
    Process decodeC = node("decode-c", "decode", cluster[2], members, freePort(), http[2]);
    Await.until("the decode nodes ready", Duration.ofSeconds(60), () -> ready(http[1]) && ready(http[2]));

    Path clip = dir.resolve("clip.flv");
    Ffmpeg.run(dir.resolve("encode.log"), "-f", "lavfi", "-i", "testsrc2=size=320x240:rate=25", "-t", "4",
        "-c:v", "libx264", "-preset", "ultrafast", "-g", "25", "-bf", "0", "-f", "flv", clip.toString());
    List<Process> publishers = new ArrayList<>();
    for (int i = 1; i <= 4; i++) {
      String key = new JsonObject(http(http[0], "POST", "/api/keys", "{\"name\":\"cam" + i + "\"}").body()).getString("key");
      Process publisher = Ffmpeg.start(dir.resolve("publish" + i + ".log"), "-re", "-stream_loop", "-1", "-i", clip.toString(),
          "-c", "copy", "-f", "flv", "rtmp://127.0.0.1:" + rtmp + "/live/" + key);
      publishers.add(publisher);
      processes.add(publisher);
    }
    Await.until("four streams decoding", Duration.ofSeconds(30),
        () -> streams(http[0]).values().stream().filter(s -> s.getString("decodeNode") != null && decoded(s) > 0).count() == 4);
    Map<String, Long> perNode = streams(http[0]).values().stream()
        .collect(Collectors.groupingBy(s -> s.getString("decodeNode"), Collectors.counting()));
    assertThat(perNode).as("both decode nodes get streams").hasSize(2);
    String survivor = "127.0.0.1:" + cluster[1];

    decodeC.destroyForcibly(); // SIGKILL: no goodbye
    long killedAt = System.nanoTime();
    Await.until("every stream decoding on the survivor", Duration.ofSeconds(15), () -> {
      Map<String, JsonObject> now = streams(http[0]);
      return now.size() == 4 && now.values().stream().allMatch(s -> survivor.equals(s.getString("decodeNode")));
    });
    long movedAfterMs = (System.nanoTime() - killedAt) / 1_000_000;
    Map<String, JsonObject> before = streams(http[0]);
    Await.until("frames keep coming on the survivor", Duration.ofSeconds(10), () -> {
      Map<String, JsonObject> now = streams(http[0]);
      return before.keySet().stream().allMatch(name -> now.containsKey(name) && decoded(now.get(name)) > decoded(before.get(name)) + 10);
    });
    for (Process publisher : publishers) {
      assertThat(publisher.isAlive()).as("no publisher was disconnected").isTrue();
    }
    System.out.printf("SIGKILL failover: all streams on the survivor %d ms after the kill (API view, 1 s reports)%n", movedAfterMs);

    // Now the ingest node dies without a word: its streams end everywhere, as the survivor sees it.
    ingestNode.destroyForcibly();
    long ingestKilledAt = System.nanoTime();
    Await.until("the survivor to show no stream", Duration.ofSeconds(10), () -> streams(http[1]).isEmpty());
    long endedAfterMs = (System.nanoTime() - ingestKilledAt) / 1_000_000;
    Await.until("the survivor's decoders to free the orphaned streams", Duration.ofSeconds(10), () -> {
      try {
        return Files.readString(dir.resolve("decode-b.log")).split("its ingest node stopped reporting it", -1).length - 1 == 4;
      } catch (IOException e) {
        return false;
      }
    });
    System.out.printf("ingest SIGKILL: its streams gone from the cluster's view %d ms later%n", endedAfterMs);
  }
}
