package io.inlet.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.inlet.auth.verticle.AuthOptions;
import io.inlet.decode.verticle.DecodeOptions;
import io.inlet.ingest.chunk.ChunkLimits;
import io.inlet.ingest.server.IngestOptions;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NodeOptionsTest {

  @Test
  void defaultsAreTheEmbeddedNode() {
    NodeOptions options = NodeOptions.parse(new String[0], Map.of());
    assertThat(options.roles()).isEqualTo(Set.of(Role.INGEST, Role.DECODE, Role.AUTH));
    assertThat(options.bind()).isEqualTo("0.0.0.0");
    assertThat(options.rtmpPort()).isEqualTo(1935);
    assertThat(options.httpPort()).isEqualTo(8080);
    assertThat(options.dataDir().toString()).isEqualTo("./data");
    assertThat(options.cluster()).isEqualTo(ClusterMode.OFF);
    assertThat(options.clusterHost()).isEqualTo("127.0.0.1");
    assertThat(options.clusterPort()).isEqualTo(5701);
    assertThat(options.adminToken()).isNull();
    assertThat(options.frameHashDir()).isNull();
  }

  @Test
  void environmentSetsAndTheFlagWins() {
    Map<String, String> env = Map.of("INLET_RTMP_PORT", "1936", "INLET_HTTP_PORT", "8081", "INLET_ROLES", "decode");
    NodeOptions options = NodeOptions.parse(new String[] {"--http-port", "9000"}, env);
    assertThat(options.rtmpPort()).isEqualTo(1936);
    assertThat(options.httpPort()).isEqualTo(9000);
    assertThat(options.roles()).containsExactly(Role.DECODE);
  }

  @Test
  void everyOptionHasItsEnvironmentVariable() {
    for (NodeOptions.Option option : NodeOptions.OPTIONS) {
      assertThat(option.env()).startsWith("INLET_").doesNotContain("-");
    }
    assertThat(NodeOptions.OPTIONS).extracting(NodeOptions.Option::env)
        .contains("INLET_ROLES", "INLET_BIND", "INLET_RTMP_PORT", "INLET_HTTP_PORT", "INLET_DATA_DIR", "INLET_ADMIN_TOKEN",
            "INLET_CLUSTER", "INLET_MEMBERS", "INLET_CLUSTER_HOST", "INLET_CLUSTER_PORT", "INLET_FRAME_HASH_DIR");
  }

  @Test
  void equalsFormAndMembersList() {
    NodeOptions options = NodeOptions.parse(new String[] {"--cluster=tcp", "--members", "10.0.0.1:5701, 10.0.0.2:5701"}, Map.of());
    assertThat(options.cluster()).isEqualTo(ClusterMode.TCP);
    assertThat(options.members()).containsExactly("10.0.0.1:5701", "10.0.0.2:5701");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "--rtmp-port|70000|--rtmp-port: 70000 is not a port number (0-65535)",
      "--rtmp-port|abc|--rtmp-port: 'abc' is not a number",
      "--roles|ingest,mixer|--roles: unknown role 'mixer' (expected ingest, decode, auth)",
      "--cluster|multicast|--cluster: 'multicast' is not one of off, tcp, kubernetes",
      "--nonsense|1|unknown option --nonsense (see --help)",
      "--hwaccel|dxva|--hwaccel: 'dxva' is not one of cuda, vaapi, vulkan",
      "--max-connections|0|--max-connections: must be a positive number",
      "--cache-max-packets|0|--cache-max-packets: must be a positive number",
      "--cache-max-bytes|-1|--cache-max-bytes: must be a positive number",
      "--cache-max-node-bytes|0|--cache-max-node-bytes: must be a positive number",
      "--max-in-flight|0|--max-in-flight: must be a positive number",
      "--max-in-flight|many|--max-in-flight: 'many' is not a number",
      "--cache-max-packets|3000000000|--cache-max-packets: 3000000000 is too large (at most 2147483647)"})
  void mistakesNameTheProblem(String flag, String value, String message) {
    assertThatThrownBy(() -> NodeOptions.parse(new String[] {flag, value}, Map.of()))
        .isInstanceOf(UsageException.class).hasMessage(message);
  }

  @Test
  void aFlagWithoutValueIsAMistake() {
    assertThatThrownBy(() -> NodeOptions.parse(new String[] {"--rtmp-port"}, Map.of()))
        .isInstanceOf(UsageException.class).hasMessage("--rtmp-port needs a value");
  }

  @Test
  void aWeakOrTemplateAdminTokenIsRefused() {
    assertThatThrownBy(() -> NodeOptions.parse(new String[0], Map.of("INLET_ADMIN_TOKEN", "REPLACE-ME-with-a-long-random-token")))
        .isInstanceOf(UsageException.class)
        .hasMessage("--admin-token is still the placeholder of k8s/admin-secret.yaml; set a long random token (openssl rand -hex 32)");
    assertThatThrownBy(() -> NodeOptions.parse(new String[] {"--admin-token", "secret"}, Map.of()))
        .isInstanceOf(UsageException.class)
        .hasMessage("--admin-token is 6 characters long; use at least 16 (openssl rand -hex 32)");
    assertThat(NodeOptions.parse(new String[] {"--admin-token", "0123456789abcdef"}, Map.of()).adminToken())
        .isEqualTo("0123456789abcdef");
  }

  /** Each flag's default, as the constant it must come from. */
  private static Map<String, Object> defaultConstants() {
    Map<String, Object> constants = new LinkedHashMap<>();
    constants.put("roles", NodeOptions.DEFAULT_ROLES);
    constants.put("bind", IngestOptions.DEFAULT_HOST);
    constants.put("rtmp-port", IngestOptions.DEFAULT_PORT);
    constants.put("http-port", NodeOptions.DEFAULT_HTTP_PORT);
    constants.put("data-dir", NodeOptions.DEFAULT_DATA_DIR);
    constants.put("cluster", NodeOptions.DEFAULT_CLUSTER);
    constants.put("cluster-host", NodeOptions.DEFAULT_CLUSTER_HOST);
    constants.put("cluster-port", NodeOptions.DEFAULT_CLUSTER_PORT);
    constants.put("kubernetes-service", NodeOptions.DEFAULT_KUBERNETES_SERVICE);
    constants.put("decode-threads", DecodeOptions.DEFAULT_WORKER_POOL_SIZE);
    constants.put("decode-max-streams", DecodeOptions.DEFAULT_MAX_STREAMS);
    constants.put("max-decode-lag-ms", DecodeOptions.DEFAULT_MAX_LAG_MS);
    constants.put("decode-frames", DecodeOptions.DEFAULT_DECODE_FRAMES.optionValue());
    constants.put("drain-grace-ms", NodeOptions.DEFAULT_DRAIN_GRACE_MS);
    constants.put("rebalance-threshold", IngestOptions.DEFAULT_REBALANCE_THRESHOLD);
    constants.put("max-connections", IngestOptions.DEFAULT_MAX_CONNECTIONS);
    constants.put("handshake-timeout-ms", IngestOptions.DEFAULT_HANDSHAKE_TIMEOUT_MS);
    constants.put("idle-timeout-ms", IngestOptions.DEFAULT_IDLE_TIMEOUT_MS);
    constants.put("takeover-idle-ms", IngestOptions.DEFAULT_TAKEOVER_IDLE_MS);
    constants.put("publisher-takeover", IngestOptions.DEFAULT_PUBLISHER_TAKEOVER.optionValue());
    constants.put("reconnect-grace-ms", IngestOptions.DEFAULT_RECONNECT_GRACE_MS);
    constants.put("auth-timeout-ms", IngestOptions.DEFAULT_AUTH_TIMEOUT_MS);
    constants.put("max-message-size", ChunkLimits.DEFAULT_MAX_MESSAGE_SIZE);
    constants.put("max-chunk-size", ChunkLimits.DEFAULT_MAX_CHUNK_SIZE);
    constants.put("cache-max-packets", IngestOptions.DEFAULT_CACHE_MAX_PACKETS);
    constants.put("cache-max-bytes", IngestOptions.DEFAULT_CACHE_MAX_BYTES);
    constants.put("cache-max-node-bytes", IngestOptions.DEFAULT_CACHE_MAX_NODE_BYTES);
    constants.put("max-in-flight", IngestOptions.DEFAULT_MAX_IN_FLIGHT);
    constants.put("auth-webhook", "");
    constants.put("webhook-secret", "");
    constants.put("webhook-timeout-ms", AuthOptions.DEFAULT_WEBHOOK_TIMEOUT_MS);
    for (String unset : new String[] {"admin-token", "members", "frame-hash-dir", "hwaccel", "rtmps-port", "tls-cert",
        "tls-key", "reconnect-url", "event-webhook", "webhook-ca"}) {
      constants.put(unset, "");
    }
    return constants;
  }

  @Test
  void everyFlagDefaultsToItsConstantAndTheHelpSaysSo() {
    Map<String, Object> constants = defaultConstants();
    assertThat(NodeOptions.OPTIONS).extracting(NodeOptions.Option::flag).containsExactlyInAnyOrderElementsOf(constants.keySet());
    String usage = NodeOptions.usage();
    for (NodeOptions.Option option : NodeOptions.OPTIONS) {
      String expected = String.valueOf(constants.get(option.flag()));
      assertThat(option.defaultValue()).as("--%s", option.flag()).isEqualTo(expected);
      assertThat(usage).as("--help for --%s", option.flag())
          .containsPattern("--" + option.flag() + " +" + option.env() + " .*\\(default: "
              + java.util.regex.Pattern.quote(expected.isEmpty() ? "unset" : expected) + "\\)");
    }
  }

  @Test
  void withoutOptionsEachVerticleGetsItsOwnDefaults() {
    NodeOptions options = NodeOptions.parse(new String[0], Map.of());
    assertThat(options.ingestOptions().toJson()).isEqualTo(new IngestOptions().toJson());
    assertThat(options.authOptions().toJson()).isEqualTo(new AuthOptions().dataDir(Path.of("./data")).toJson());
    int threads = DecodeOptions.DEFAULT_WORKER_POOL_SIZE;
    assertThat(options.decodeThreads()).isEqualTo(threads);
    assertThat(options.decodeOptions().toJson()).isEqualTo(new DecodeOptions()
        .maxStreams((DecodeOptions.DEFAULT_MAX_STREAMS + threads - 1) / threads).toJson());
    assertThat(options.drainGraceMs()).isEqualTo(NodeOptions.DEFAULT_DRAIN_GRACE_MS);
    assertThat(options.reconnectUrl()).isNull();
  }

  @Test
  void environmentAndFlagsReachTheIngestOptions() {
    Map<String, String> env = new HashMap<>();
    env.put("INLET_CACHE_MAX_PACKETS", "10");
    env.put("INLET_CACHE_MAX_BYTES", "4096");
    env.put("INLET_CACHE_MAX_NODE_BYTES", "65536");
    env.put("INLET_MAX_IN_FLIGHT", "5");
    env.put("INLET_IDLE_TIMEOUT_MS", "1234");
    env.put("INLET_CLUSTER", "tcp");
    env.put("INLET_CLUSTER_HOST", "10.0.0.5");
    IngestOptions ingest = NodeOptions.parse(new String[] {"--max-in-flight", "7", "--cluster-port=5702",
        "--bind", "127.0.0.1", "--rtmp-port", "1936", "--max-connections", "3", "--handshake-timeout-ms", "11",
        "--auth-timeout-ms", "12", "--max-message-size", "1000", "--max-chunk-size", "4096",
        "--rebalance-threshold", "2"}, env).ingestOptions();
    assertThat(ingest.cacheMaxPackets()).isEqualTo(10);
    assertThat(ingest.cacheMaxBytes()).isEqualTo(4096);
    assertThat(ingest.cacheMaxNodeBytes()).isEqualTo(65536);
    assertThat(ingest.maxInFlight()).as("the flag wins").isEqualTo(7);
    assertThat(ingest.idleTimeoutMs()).isEqualTo(1234);
    assertThat(ingest.nodeId()).isEqualTo("10.0.0.5:5702");
    assertThat(ingest.host()).isEqualTo("127.0.0.1");
    assertThat(ingest.port()).isEqualTo(1936);
    assertThat(ingest.maxConnections()).isEqualTo(3);
    assertThat(ingest.handshakeTimeoutMs()).isEqualTo(11);
    assertThat(ingest.authTimeoutMs()).isEqualTo(12);
    assertThat(ingest.chunkLimits()).isEqualTo(new ChunkLimits(4096, 1000, ChunkLimits.DEFAULT_MAX_CHUNK_STREAMS,
        ChunkLimits.DEFAULT_MAX_PENDING_BYTES));
    assertThat(ingest.rebalanceThreshold()).isEqualTo(2);
    assertThat(ingest.tlsPort()).isEqualTo(IngestOptions.DEFAULT_TLS_PORT);
  }

  @Test
  void environmentAndFlagsReachTheDecodeAndAuthOptions() {
    Map<String, String> env = Map.of("INLET_DECODE_THREADS", "3", "INLET_DECODE_MAX_STREAMS", "10",
        "INLET_HWACCEL", "cuda", "INLET_DATA_DIR", "/var/lib/inlet");
    NodeOptions options = NodeOptions.parse(new String[] {"--max-decode-lag-ms", "250", "--frame-hash-dir", "/tmp/hashes"}, env);
    DecodeOptions decode = options.decodeOptions();
    assertThat(options.decodeThreads()).isEqualTo(3);
    assertThat(decode.maxStreams()).as("10 streams over 3 instances, rounded up").isEqualTo(4);
    assertThat(decode.maxLagMs()).isEqualTo(250);
    assertThat(decode.hwaccel()).isEqualTo("cuda");
    assertThat(decode.frameHashDir()).isEqualTo("/tmp/hashes");
    assertThat(decode.nodeId()).isEqualTo(DecodeOptions.DEFAULT_NODE_ID);
    assertThat(options.authOptions().dataDir()).isEqualTo(Path.of("/var/lib/inlet"));
  }

  @Test
  void theWebhookOptionsReachTheAuthOptions() {
    NodeOptions options = NodeOptions.parse(new String[] {"--auth-webhook", "https://backend.example/inlet/auth",
        "--webhook-timeout-ms", "750"}, Map.of("INLET_WEBHOOK_SECRET", "s3cret"));
    AuthOptions auth = options.authOptions();
    assertThat(auth.authWebhook()).isEqualTo("https://backend.example/inlet/auth");
    assertThat(auth.webhookSecret()).isEqualTo("s3cret");
    assertThat(auth.webhookTimeoutMs()).isEqualTo(750);
    AuthOptions unset = NodeOptions.parse(new String[0], Map.of()).authOptions();
    assertThat(unset.authWebhook()).isNull();
    assertThat(unset.webhookSecret()).isNull();
    assertThat(unset.webhookTimeoutMs()).isEqualTo(AuthOptions.DEFAULT_WEBHOOK_TIMEOUT_MS);
    assertThatThrownBy(() -> NodeOptions.parse(new String[] {"--auth-webhook", "backend:8000/auth"}, Map.of()))
        .hasMessageContaining("--auth-webhook");
    assertThatThrownBy(() -> NodeOptions.parse(new String[] {"--webhook-timeout-ms", "0"}, Map.of()))
        .hasMessageContaining("--webhook-timeout-ms");
    assertThat(unset.webhookCa()).isNull();
    assertThat(NodeOptions.parse(new String[] {"--webhook-ca", "pom.xml"}, Map.of()).authOptions().webhookCa())
        .isEqualTo("pom.xml");
    assertThatThrownBy(() -> NodeOptions.parse(new String[] {"--webhook-ca", "/nonexistent/ca.pem"}, Map.of()))
        .hasMessage("--webhook-ca /nonexistent/ca.pem is not a readable file");
  }

  @Test
  void drainOptionsAreTyped() {
    NodeOptions options = NodeOptions.parse(new String[] {"--drain-grace-ms", "2500"},
        Map.of("INLET_RECONNECT_URL", "rtmp://inlet.example/live"));
    assertThat(options.drainGraceMs()).isEqualTo(2500);
    assertThat(options.reconnectUrl()).isEqualTo("rtmp://inlet.example/live");
  }

  @Test
  void eventWebhookIsAListOfHttpUrlsAndOffWhenUnset() {
    assertThat(NodeOptions.parse(new String[0], Map.of()).eventWebhookUrls()).isEmpty();
    NodeOptions options = NodeOptions.parse(new String[0],
        Map.of("INLET_EVENT_WEBHOOK", "https://backend.example/inlet/events, http://10.0.0.5:9000/hook"));
    assertThat(options.eventWebhookUrls()).containsExactly("https://backend.example/inlet/events", "http://10.0.0.5:9000/hook");
    assertThatThrownBy(() -> NodeOptions.parse(new String[] {"--event-webhook", "backend.example/hook"}, Map.of()))
        .isInstanceOf(UsageException.class).hasMessageContaining("--event-webhook");
  }
}
