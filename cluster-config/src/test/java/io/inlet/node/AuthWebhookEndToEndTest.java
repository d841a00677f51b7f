package io.inlet.node;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.inlet.testkit.Await;
import io.inlet.testkit.Ffmpeg;
import io.inlet.testkit.SelfSignedCertificate;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.PemKeyCertOptions;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * The auth webhook against a real HTTPS backend this test starts, with an embedded node and real
 * publishers: FFmpeg where what the publisher sees is the point, {@link PublishProbe} to read a
 * verdict exactly and for the 200-publish measurement.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AuthWebhookEndToEndTest {

  private static final String SECRET = "hook-secret-for-tests";
  /**
   * Well above the slow backend's 2 s: the 200 side-by-side publishes must not fail on a busy machine
   * for the few hundred ms their TLS handshakes and RTMP sessions take on top of the backend's time.
   */
  private static final long WEBHOOK_TIMEOUT_MS = 5_000;
  private static final long SLOW_BACKEND_MS = 2_000;
  private static final String REASON = "Channel suspended: the invoice is unpaid.";
  /** Every key the test presents: none may appear in a log line. */
  private static final List<String> KEYS = new CopyOnWriteArrayList<>();
  private static final List<Received> REQUESTS = new CopyOnWriteArrayList<>();
  /** The backend's connections and protocols: a burst of publishes should share a few HTTP/2 connections. */
  private static final Set<Object> CONNECTIONS = ConcurrentHashMap.newKeySet();
  private static final Set<String> VERSIONS = ConcurrentHashMap.newKeySet();
  private static final ListAppender<ILoggingEvent> LOG = new ListAppender<>();
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @TempDir
  static Path dir;
  private static Vertx backendVertx;
  private static Node node;

  /** One request as the backend saw it: the raw body and whether its signature was right. */
  record Received(JsonObject body, boolean signatureValid) {}

  @BeforeAll
  static void start() throws Exception {
    Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    LOG.start();
    root.addAppender(LOG);
    ((Logger) LoggerFactory.getLogger("io.inlet")).setLevel(Level.DEBUG);
    backendVertx = Vertx.vertx();
    // Over HTTPS, with a certificate of the test's own (the node trusts it through --webhook-ca), and
    // HTTP/2 offered in the handshake (WebhookHttpsTest's receiver offers only HTTP/1.1).
    SelfSignedCertificate tls = SelfSignedCertificate.create(dir, "backend", "IP:127.0.0.1");
    HttpServer backend = backendVertx.createHttpServer(new HttpServerOptions().setSsl(true).setUseAlpn(true)
            .setKeyCertOptions(new PemKeyCertOptions().setCertPath(tls.certificate().toString()).setKeyPath(tls.key().toString())))
        .requestHandler(AuthWebhookEndToEndTest::backend).listen(0, "127.0.0.1").await();
    node = new Node(NodeOptions.parse(new String[] {
        "--bind", "127.0.0.1", "--rtmp-port", "0", "--http-port", "0", "--data-dir", dir.resolve("data").toString(),
        "--reconnect-grace-ms", "0", "--auth-timeout-ms", "8000",
        "--auth-webhook", "https://127.0.0.1:" + backend.actualPort() + "/inlet/auth", "--webhook-ca", tls.certificate().toString(),
        "--webhook-secret", SECRET, "--webhook-timeout-ms", String.valueOf(WEBHOOK_TIMEOUT_MS)}, Map.of()),
        new java.io.PrintStream(java.io.OutputStream.nullOutputStream()));
    node.start().toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
  }

  @AfterAll
  static void stop() throws Exception {
    if (node != null) {
      node.stop().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
    if (backendVertx != null) {
      backendVertx.close().await();
    }
    ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).detachAppender(LOG);
    ((Logger) LoggerFactory.getLogger("io.inlet")).setLevel(null);
  }

  /** The user's backend: decides by the key's prefix, verifying each request's signature first. */
  private static void backend(HttpServerRequest request) {
    request.body().onSuccess(raw -> {
      boolean valid = sign(raw.getBytes()).equals(request.getHeader("X-Inlet-Signature"));
      JsonObject body = raw.toJsonObject();
      REQUESTS.add(new Received(body, valid));
      CONNECTIONS.add(request.connection());
      VERSIONS.add(request.version().alpnName());
      String key = body.getString("key");
      var response = request.response().putHeader("Content-Type", "application/json");
      if (key.startsWith("allow-cam1")) {
        response.end(new JsonObject().put("allow", true).put("name", "cam1").encode());
      } else if (key.startsWith("deny")) {
        response.end(new JsonObject().put("allow", false).put("reason", REASON).encode());
      } else if (key.startsWith("boom")) {
        response.setStatusCode(500).end("{\"error\":\"database down\"}");
      } else if (key.startsWith("badname")) {
        response.end(new JsonObject().put("allow", true).put("name", "no spaces allowed").encode());
      } else if (key.startsWith("slow-")) {
        String name = "slow" + key.substring("slow-".length(), key.indexOf('.'));
        backendVertx.setTimer(SLOW_BACKEND_MS, id -> response.end(new JsonObject().put("allow", true).put("name", name).encode()));
      }
      // "hang": never answered
    });
  }

  /** The receiver's check, written independently of Inlet's: HMAC-SHA256 over the raw body. */
  private static String sign(byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** A key with a secret-looking tail, remembered so the log check can look for it. */
  private static String key(String prefix) {
    String key = prefix + "." + Long.toHexString(Double.doubleToLongBits(Math.random()));
    KEYS.add(key);
    return key;
  }

  private static String tcUrl() {
    return "rtmp://127.0.0.1:" + node.rtmpPort() + "/live";
  }

  private static PublishProbe.Status probe(String key) throws Exception {
    try (PublishProbe probe = new PublishProbe(node.rtmpPort())) {
      return probe.publish(tcUrl(), key, 10_000);
    }
  }

  private static Received requestFor(String key) {
    return REQUESTS.stream().filter(r -> key.equals(r.body().getString("key"))).findFirst().orElseThrow();
  }

  private static HttpResponse<String> get(String path) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + node.httpPort() + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  @Order(1)
  void anAllowedPublishGoesLiveUnderTheNameTheBackendGives() throws Exception {
    String key = key("allow-cam1");
    Process publisher = Ffmpeg.start(dir.resolve("allow.log"), "-re", "-f", "lavfi", "-i", "testsrc2=size=160x120:rate=10",
        "-t", "30", "-c:v", "libx264", "-preset", "veryfast", "-f", "flv", tcUrl() + "/" + key);
    try {
      Await.until("stream cam1 live", Duration.ofSeconds(15), () -> {
        try {
          return get("/api/streams/cam1").statusCode() == 200;
        } catch (Exception e) {
          return false;
        }
      });
      assertThat(get("/api/streams/cam1").body()).doesNotContain(key);
    } finally {
      publisher.destroy();
      publisher.waitFor(10, TimeUnit.SECONDS);
    }
    Received received = requestFor(key);
    assertThat(received.signatureValid()).as("the signature the receiver recomputes").isTrue();
    JsonObject body = received.body();
    assertThat(body.fieldNames()).containsExactlyInAnyOrder("type", "app", "key", "remoteAddress", "tcUrl", "node");
    assertThat(body.getString("type")).isEqualTo("publish");
    assertThat(body.getString("app")).isEqualTo("live");
    assertThat(body.getString("remoteAddress")).matches("127\\.0\\.0\\.1:\\d+");
    assertThat(body.getString("tcUrl")).startsWith("rtmp://127.0.0.1:" + node.rtmpPort() + "/live");
    assertThat(body.getString("node")).isNotBlank();
  }

  @Test
  @Order(2)
  void aDeniedPublishIsRefusedWithTheBackendsReason() throws Exception {
    Path log = dir.resolve("deny.log");
    Process publisher = Ffmpeg.start(log, "-f", "lavfi", "-i", "testsrc2=size=160x120:rate=10", "-t", "2",
        "-c:v", "libx264", "-f", "flv", tcUrl() + "/" + key("deny"));
    assertThat(publisher.waitFor(10, TimeUnit.SECONDS)).isTrue();
    assertThat(publisher.exitValue()).isNotZero();
    assertThat(Ffmpeg.tail(log)).contains(REASON);

    PublishProbe.Status status = probe(key("deny"));
    assertThat(status).isEqualTo(new PublishProbe.Status("NetStream.Publish.BadName", REASON));
  }

  @Test
  @Order(3)
  void aFailingBackendFailsClosed() throws Exception {
    PublishProbe.Status status = probe(key("boom"));
    assertThat(status.code()).isEqualTo("NetStream.Publish.Failed");
    assertThat(status.description()).isEqualTo("The publish could not be authorized: the auth webhook answered HTTP 500.");

    PublishProbe.Status badName = probe(key("badname"));
    assertThat(badName.code()).isEqualTo("NetStream.Publish.Failed");
    assertThat(badName.description()).contains("valid stream \"name\"");
  }

  @Test
  @Order(4)
  void aSilentBackendFailsClosedWithinTheTimeout() throws Exception {
    long started = System.nanoTime();
    PublishProbe.Status status = probe(key("hang"));
    long elapsedMs = (System.nanoTime() - started) / 1_000_000;
    assertThat(status).isEqualTo(new PublishProbe.Status("NetStream.Publish.Failed",
        "The publish could not be authorized: the auth webhook did not answer within " + WEBHOOK_TIMEOUT_MS + " ms."));
    assertThat(elapsedMs).isBetween(WEBHOOK_TIMEOUT_MS - 100, WEBHOOK_TIMEOUT_MS + 2_000);
  }

  @Test
  @Order(5)
  void twoHundredPublishesWaitForASlowBackendSideBySide() throws Exception {
    int publishes = 200;
    ExecutorService publishers = Executors.newFixedThreadPool(publishes);
    try {
      List<Future<PublishProbe.Status>> verdicts = new ArrayList<>();
      long started = System.nanoTime();
      for (int i = 0; i < publishes; i++) {
        String key = key("slow-" + i);
        verdicts.add(publishers.submit(() -> probe(key)));
      }
      List<PublishProbe.Status> statuses = new ArrayList<>();
      for (Future<PublishProbe.Status> verdict : verdicts) {
        statuses.add(verdict.get(60, TimeUnit.SECONDS));
      }
      long elapsedMs = (System.nanoTime() - started) / 1_000_000;
      System.out.printf("auth webhook: %d publishes through a backend taking %d ms each, all decided in %d ms"
          + " (one after another: %d ms); the backend saw %d connections so far, %s%n", publishes, SLOW_BACKEND_MS,
          elapsedMs, publishes * SLOW_BACKEND_MS, CONNECTIONS.size(), VERSIONS);
      assertThat(statuses).allSatisfy(status -> assertThat(status.code()).as(status.description()).isEqualTo("NetStream.Publish.Start"));
      assertThat(elapsedMs).as("ms for all, side by side").isLessThan(publishes * SLOW_BACKEND_MS / 10);
    } finally {
      publishers.shutdownNow();
    }
  }

  @Test
  @Order(6)
  void theWebhookIsCountedByOutcome() throws Exception {
    String metrics = get("/metrics").body();
    for (String outcome : new String[] {"allow", "deny", "error", "timeout"}) {
      assertThat(metrics).contains("inlet_webhook_requests_total{kind=\"auth\",outcome=\"" + outcome + "\"}");
    }
    assertThat(metrics).contains("inlet_webhook_request_seconds_count{kind=\"auth\"}");
    for (String key : KEYS) {
      assertThat(metrics).doesNotContain(key);
    }
  }

  @Test
  @Order(7)
  void deniedPublishesBlockTheirHostLikeBadKeys() throws Exception {
    String lastDescription = "";
    for (int attempt = 0; attempt < 12 && !lastDescription.startsWith("Too many"); attempt++) {
      lastDescription = probe(key("deny")).description();
    }
    assertThat(lastDescription).isEqualTo("Too many refused publishes from this address; try again later.");
    int asked = REQUESTS.size();
    String allowed = key("allow-cam1");
    assertThat(probe(allowed)).isEqualTo(new PublishProbe.Status("NetStream.Publish.BadName",
        "Too many refused publishes from this address; try again later."));
    assertThat(REQUESTS.size()).as("a blocked host's publish is not sent to the backend").isEqualTo(asked);
  }

  @Test
  @Order(8)
  void noKeyAppearsInAnyLogLine() {
    List<ILoggingEvent> lines = List.copyOf(LOG.list);
    assertThat(lines).as("the log was captured").isNotEmpty();
    assertThat(lines).anyMatch(line -> line.getFormattedMessage().contains("auth webhook"));
    for (ILoggingEvent line : lines) {
      String text = line.getFormattedMessage() + (line.getThrowableProxy() == null ? "" : line.getThrowableProxy().getMessage());
      for (String key : KEYS) {
        assertThat(text).as("log line from %s", line.getLoggerName()).doesNotContain(key);
      }
    }
    assertThat(REQUESTS).allMatch(Received::signatureValid);
  }
}
