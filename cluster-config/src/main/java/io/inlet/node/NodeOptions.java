package io.inlet.node;

import io.inlet.auth.verticle.AuthOptions;
import io.inlet.decode.codec.DecodeFrames;
import io.inlet.decode.verticle.DecodeOptions;
import io.inlet.ingest.chunk.ChunkLimits;
import io.inlet.ingest.publish.TakeoverMode;
import io.inlet.ingest.server.IngestOptions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The node's options. Every option is a flag and an environment variable ({@code --rtmp-port} and
 * {@code INLET_RTMP_PORT}); the flag wins over the variable, the variable over the default.
 *
 * <p>A default is written once: a verticle's settings take theirs from its options class
 * ({@link IngestOptions}, {@link ChunkLimits}, {@link DecodeOptions}), the node's own ones are the
 * {@code DEFAULT_*} constants below; the flags, the help text and the typed options handed to each
 * verticle ({@link #ingestOptions()}, {@link #decodeOptions()}, {@link #authOptions()}) all read them.
 */
public final class NodeOptions {

  /** Every role: the embedded node runs them all. */
  public static final String DEFAULT_ROLES = Arrays.stream(Role.values())
      .map(role -> role.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(","));
  public static final int DEFAULT_HTTP_PORT = 8080;
  public static final String DEFAULT_DATA_DIR = "./data";
  public static final String DEFAULT_CLUSTER = ClusterMode.OFF.name().toLowerCase(Locale.ROOT);
  public static final String DEFAULT_CLUSTER_HOST = "127.0.0.1";
  public static final int DEFAULT_CLUSTER_PORT = 5701;
  /** The headless Service of k8s/. */
  public static final String DEFAULT_KUBERNETES_SERVICE = "inlet-cluster";
  public static final long DEFAULT_DRAIN_GRACE_MS = 10_000;
  /** The default of an option that is off, empty or generated when not given. */
  private static final String UNSET = "";

  /** One option: its flag (without dashes), default and help text. The variable is derived from the flag. */
  public record Option(String flag, String defaultValue, String help) {
    public String env() {
      return "INLET_" + flag.toUpperCase(Locale.ROOT).replace('-', '_');
    }
  }

  public static final List<Option> OPTIONS = List.of(
      option("roles", DEFAULT_ROLES, "which verticles this node runs"),
      option("bind", IngestOptions.DEFAULT_HOST, "address for the RTMP and HTTP listeners"),
      option("rtmp-port", IngestOptions.DEFAULT_PORT, "RTMP listener port"),
      option("http-port", DEFAULT_HTTP_PORT, "HTTP listener port (health, metrics, API, dashboard)"),
      option("data-dir", DEFAULT_DATA_DIR, "where the key store lives (auth role)"),
      option("admin-token", UNSET, "bearer token for the admin API (generated on first start when unset)"),
      option("cluster", DEFAULT_CLUSTER, "off | tcp | kubernetes"),
      option("members", UNSET, "host:port,... of cluster members, for --cluster tcp"),
      option("cluster-host", DEFAULT_CLUSTER_HOST, "the address this node announces to the cluster"),
      option("cluster-port", DEFAULT_CLUSTER_PORT, "Hazelcast port"),
      option("kubernetes-service", DEFAULT_KUBERNETES_SERVICE, "for --cluster kubernetes: the headless Service whose pods form the cluster"),
      option("frame-hash-dir", UNSET, "decode role: write a frame-hash file for each stream"),
      option("decode-threads", DecodeOptions.DEFAULT_WORKER_POOL_SIZE, "decode role: size of the decode worker pool (one decoder context per thread)"),
      option("decode-max-streams", DecodeOptions.DEFAULT_MAX_STREAMS, "decode role: most streams this node decodes at once; more go elsewhere"),
      option("max-decode-lag-ms", DecodeOptions.DEFAULT_MAX_LAG_MS, "decode role: when decoding falls this far behind real time it drops to the next keyframe"),
      option("decode-frames", DecodeOptions.DEFAULT_DECODE_FRAMES.optionValue(), "decode role: all | keyframes (only keyframes are decoded: for fleets that watch streams rather than consume every frame)"),
      option("hwaccel", UNSET, "decode role: cuda | vaapi | vulkan hardware decoding, when the node has the device"),
      option("rtmps-port", UNSET, "RTMPS (RTMP over TLS) listener port; off when unset"),
      option("tls-cert", UNSET, "PEM certificate chain for RTMPS"),
      option("tls-key", UNSET, "PEM private key for RTMPS"),
      option("drain-grace-ms", DEFAULT_DRAIN_GRACE_MS, "on SIGTERM, how long publishers get to reconnect elsewhere before they are closed"),
      option("reconnect-url", UNSET, "on SIGTERM, the tcUrl sent in the reconnect request (e.g. the Service's rtmp://host/live); the client's own URL when unset"),
      option("rebalance-threshold", IngestOptions.DEFAULT_REBALANCE_THRESHOLD, "move a stream to a new decoder when the busiest has this many more streams than the idlest; 0: never"),
      option("max-connections", IngestOptions.DEFAULT_MAX_CONNECTIONS, "most RTMP connections this node accepts at once"),
      option("handshake-timeout-ms", IngestOptions.DEFAULT_HANDSHAKE_TIMEOUT_MS, "an RTMP handshake must complete within this time"),
      option("idle-timeout-ms", IngestOptions.DEFAULT_IDLE_TIMEOUT_MS, "a publisher without media for this long is disconnected (its stream becomes interrupted)"),
      option("takeover-idle-ms", IngestOptions.DEFAULT_TAKEOVER_IDLE_MS, "a new publish with a live key takes over when the live session has sent no media this long"),
      option("publisher-takeover", IngestOptions.DEFAULT_PUBLISHER_TAKEOVER.optionValue(), "idle (the rule above) | always (the newest publisher wins) | never (the live one always wins)"),
      option("reconnect-grace-ms", IngestOptions.DEFAULT_RECONNECT_GRACE_MS, "how long an interrupted stream waits for its publisher; 0 ends it at once"),
      option("auth-timeout-ms", IngestOptions.DEFAULT_AUTH_TIMEOUT_MS, "how long a publish waits for the auth role before it is refused"),
      option("max-message-size", ChunkLimits.DEFAULT_MAX_MESSAGE_SIZE, "largest RTMP message accepted, in bytes"),
      option("max-chunk-size", ChunkLimits.DEFAULT_MAX_CHUNK_SIZE, "largest chunk size a client may declare, in bytes"),
      option("cache-max-packets", IngestOptions.DEFAULT_CACHE_MAX_PACKETS, "ingest role: per stream, most packets kept since the last keyframe for a decoder that takes over"),
      option("cache-max-bytes", IngestOptions.DEFAULT_CACHE_MAX_BYTES, "ingest role: per stream, most bytes kept since the last keyframe for a decoder that takes over"),
      option("cache-max-node-bytes", IngestOptions.DEFAULT_CACHE_MAX_NODE_BYTES, "ingest role: most bytes all the node's keyframe caches keep together"),
      option("max-in-flight", IngestOptions.DEFAULT_MAX_IN_FLIGHT, "ingest role: per stream, packets a decoder may be behind before frames are dropped here until it catches up"),
      option("auth-webhook", UNSET, "auth role: URL that decides every publish instead of the key store"),
      option("event-webhook", UNSET, "comma-separated http(s) URLs; every stream event is POSTed to each (by the ingest node that produced it)"),
      option("webhook-secret", UNSET, "signs every webhook request (X-Inlet-Signature: sha256=<hex HMAC-SHA256 of the body>)"),
      option("webhook-timeout-ms", AuthOptions.DEFAULT_WEBHOOK_TIMEOUT_MS, "one webhook request's limit"),
      option("webhook-ca", UNSET, "PEM file of the CA certificates that https:// webhook URLs are verified against, instead of the JVM's default CAs"));

  private static Option option(String flag, Object defaultValue, String help) {
    return new Option(flag, String.valueOf(defaultValue), help);
  }

  private final Map<String, String> values;

  private NodeOptions(Map<String, String> values) {
    this.values = values;
  }

  /** Parses command-line arguments over the environment. Throws {@link UsageException} on a mistake. */
  public static NodeOptions parse(String[] args, Map<String, String> environment) {
    Map<String, String> values = new LinkedHashMap<>();
    for (Option option : OPTIONS) {
      values.put(option.flag(), environment.getOrDefault(option.env(), option.defaultValue()));
    }
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (!arg.startsWith("--")) {
        throw new UsageException("unexpected argument '" + arg + "' (options look like --rtmp-port 1935; see --help)");
      }
      String flag = arg.substring(2);
      String value;
      int equals = flag.indexOf('=');
      if (equals >= 0) {
        value = flag.substring(equals + 1);
        flag = flag.substring(0, equals);
      } else if (i + 1 < args.length) {
        value = args[++i];
      } else {
        throw new UsageException("--" + flag + " needs a value");
      }
      if (!values.containsKey(flag)) {
        throw new UsageException("unknown option --" + flag + " (see --help)");
      }
      values.put(flag, value);
    }
    NodeOptions options = new NodeOptions(values);
    options.validate();
    return options;
  }

  /** The usage text for --help. */
  public static String usage() {
    StringBuilder text = new StringBuilder("Usage: bin/inlet [options]\n\nOptions (each also an environment variable):\n");
    for (Option option : OPTIONS) {
      text.append(String.format("  --%-22s %-28s %s (default: %s)%n", option.flag(), option.env(), option.help(),
          option.defaultValue().isEmpty() ? "unset" : option.defaultValue()));
    }
    return text.toString();
  }

  private void validate() {
    roles();
    port("rtmp-port");
    port("http-port");
    port("cluster-port");
    cluster();
    positive("max-connections");
    positive("decode-threads");
    positive("decode-max-streams");
    positive("max-decode-lag-ms");
    hwaccel();
    decodeFrames();
    positive("drain-grace-ms");
    if (rtmpsPort() >= 0) {
      for (String flag : new String[] {"tls-cert", "tls-key"}) {
        String path = values.get(flag).trim();
        if (path.isEmpty()) {
          throw new UsageException("--rtmps-port needs --" + flag);
        }
        readableFile(flag);
      }
    }
    if (unsetIsNull("webhook-ca") != null) {
      readableFile("webhook-ca");
    }
    positive("handshake-timeout-ms");
    positive("idle-timeout-ms");
    positive("takeover-idle-ms");
    publisherTakeover();
    notNegative("reconnect-grace-ms");
    positive("auth-timeout-ms");
    positive("max-message-size");
    positive("max-chunk-size");
    positive("cache-max-packets");
    positive("cache-max-bytes");
    positive("cache-max-node-bytes");
    positive("max-in-flight");
    webhookUrl("auth-webhook");
    positive("webhook-timeout-ms");
    intValue("webhook-timeout-ms");
    for (String flag : INT_OPTIONS) {
      intValue(flag);
    }
    adminTokenStrength();
    eventWebhookUrls();
  }

  /** Options whose verticle setting is an int: a larger number would silently wrap around. */
  private static final List<String> INT_OPTIONS = List.of("decode-threads", "decode-max-streams", "rebalance-threshold",
      "max-connections", "max-message-size", "max-chunk-size", "cache-max-packets");

  /** Shortest admin token accepted: a guessable token would open key management to anyone who can reach the API. */
  static final int MIN_ADMIN_TOKEN_LENGTH = 16;
  /** What k8s/admin-secret.yaml holds until a deployer replaces it. */
  static final String TEMPLATE_PLACEHOLDER = "REPLACE-ME";

  private void adminTokenStrength() {
    String token = adminToken();
    if (token == null) {
      return;
    }
    if (token.contains(TEMPLATE_PLACEHOLDER)) {
      throw new UsageException("--admin-token is still the placeholder of k8s/admin-secret.yaml;"
          + " set a long random token (openssl rand -hex 32)");
    }
    if (token.length() < MIN_ADMIN_TOKEN_LENGTH) {
      throw new UsageException("--admin-token is " + token.length() + " characters long; use at least "
          + MIN_ADMIN_TOKEN_LENGTH + " (openssl rand -hex 32)");
    }
  }

  public Set<Role> roles() {
    return Role.parseList(values.get("roles"));
  }

  public String bind() {
    return values.get("bind");
  }

  public int rtmpPort() {
    return port("rtmp-port");
  }

  public int httpPort() {
    return port("http-port");
  }

  public Path dataDir() {
    return Path.of(values.get("data-dir"));
  }

  /** The admin token given as an option, or null. */
  public String adminToken() {
    String token = values.get("admin-token");
    return token.isBlank() ? null : token;
  }

  public ClusterMode cluster() {
    return ClusterMode.parse(values.get("cluster"));
  }

  public List<String> members() {
    List<String> members = new ArrayList<>();
    for (String member : values.get("members").split(",")) {
      if (!member.isBlank()) {
        members.add(member.trim());
      }
    }
    return members;
  }

  public String clusterHost() {
    return values.get("cluster-host");
  }

  public String kubernetesService() {
    return values.get("kubernetes-service");
  }

  public int clusterPort() {
    return port("cluster-port");
  }

  /** The frame-hash directory, or null when unset. */
  public Path frameHashDir() {
    String dir = values.get("frame-hash-dir");
    return dir.isBlank() ? null : Path.of(dir);
  }

  /** The RTMPS port, or -1 when RTMPS is off. */
  public int rtmpsPort() {
    return values.get("rtmps-port").isBlank() ? -1 : port("rtmps-port");
  }

  /** A path option's value, or null when unset. */
  private String path(String flag) {
    String value = values.get(flag).trim();
    return value.isEmpty() ? null : value;
  }

  /** The hardware decoding API asked for, or null for software. */
  public TakeoverMode publisherTakeover() {
    return choice("publisher-takeover", TakeoverMode::parse);
  }

  public DecodeFrames decodeFrames() {
    return choice("decode-frames", DecodeFrames::parse);
  }

  /** A flag whose value is one of a set: {@code parse} names the set when the value is not in it. */
  private <T> T choice(String flag, java.util.function.Function<String, T> parse) {
    try {
      return parse.apply(values.get(flag));
    } catch (IllegalArgumentException e) {
      throw new UsageException("--" + flag + ": " + e.getMessage());
    }
  }

  public String hwaccel() {
    String value = values.get("hwaccel").trim();
    if (value.isEmpty()) {
      return null;
    }
    if (!java.util.Set.of("cuda", "vaapi", "vulkan").contains(value)) {
      throw new UsageException("--hwaccel: '" + value + "' is not one of cuda, vaapi, vulkan");
    }
    return value;
  }

  public long number(String flag) {
    return parseLong(flag);
  }

  public long drainGraceMs() {
    return parseLong("drain-grace-ms");
  }

  /** The event webhook's URLs; empty when it is off. */
  public List<String> eventWebhookUrls() {
    List<String> urls = new ArrayList<>();
    for (String url : values.get("event-webhook").split(",")) {
      String trimmed = url.trim();
      if (trimmed.isEmpty()) {
        continue;
      }
      if (!trimmed.startsWith("http://") && !trimmed.startsWith("https://")) {
        throw new UsageException("--event-webhook: '" + trimmed + "' is not an http:// or https:// URL");
      }
      urls.add(trimmed);
    }
    return urls;
  }

  /** The tcUrl of the reconnect request on SIGTERM, or null for the client's own. */
  public String reconnectUrl() {
    return path("reconnect-url");
  }

  /** Size of the decode worker pool: one decode verticle instance per thread. */
  public int decodeThreads() {
    return intValue("decode-threads");
  }

  /** How this node names itself to the others: its cluster address, or "local" when unclustered. */
  public String nodeId() {
    return cluster() == ClusterMode.OFF ? IngestOptions.DEFAULT_NODE_ID : clusterHost() + ":" + clusterPort();
  }

  /** The ingest verticle's settings. */
  public IngestOptions ingestOptions() {
    return new IngestOptions()
        .host(bind())
        .port(rtmpPort())
        .maxConnections(intValue("max-connections"))
        .handshakeTimeoutMs(parseLong("handshake-timeout-ms"))
        .idleTimeoutMs(parseLong("idle-timeout-ms"))
        .takeoverIdleMs(parseLong("takeover-idle-ms"))
        .publisherTakeover(publisherTakeover())
        .reconnectGraceMs(parseLong("reconnect-grace-ms"))
        .authTimeoutMs(parseLong("auth-timeout-ms"))
        .maxMessageSize(intValue("max-message-size"))
        .maxChunkSize(intValue("max-chunk-size"))
        .cacheMaxPackets(intValue("cache-max-packets"))
        .cacheMaxBytes(parseLong("cache-max-bytes"))
        .cacheMaxNodeBytes(parseLong("cache-max-node-bytes"))
        .maxInFlight(parseLong("max-in-flight"))
        .rebalanceThreshold(intValue("rebalance-threshold"))
        .tlsPort(rtmpsPort())
        .tlsCertPath(path("tls-cert"))
        .tlsKeyPath(path("tls-key"))
        .nodeId(nodeId());
  }

  /**
   * The settings of each decode verticle instance: the node's stream bound is shared out among the
   * {@link #decodeThreads()} instances, rounded up.
   */
  public DecodeOptions decodeOptions() {
    int instances = decodeThreads();
    long perInstance = Math.max(1, (parseLong("decode-max-streams") + instances - 1) / instances);
    return new DecodeOptions()
        .nodeId(nodeId())
        .frameHashDir(frameHashDir() == null ? null : frameHashDir().toString())
        .maxLagMs(parseLong("max-decode-lag-ms"))
        .maxStreams((int) perInstance)
        .hwaccel(hwaccel())
        .decodeFrames(decodeFrames());
  }

  /** The auth verticle's settings: its key store in the data dir, its webhook, the rest at their defaults. */
  public AuthOptions authOptions() {
    return new AuthOptions().dataDir(dataDir())
        .authWebhook(unsetIsNull("auth-webhook"))
        .webhookSecret(unsetIsNull("webhook-secret"))
        .webhookCa(unsetIsNull("webhook-ca"))
        .webhookTimeoutMs(parseLong("webhook-timeout-ms"));
  }

  private void readableFile(String flag) {
    String path = values.get(flag).trim();
    if (!java.nio.file.Files.isReadable(Path.of(path))) {
      throw new UsageException("--" + flag + " " + path + " is not a readable file");
    }
  }

  /** A string option's value, or null when it is unset. */
  private String unsetIsNull(String flag) {
    String value = values.get(flag).trim();
    return value.isEmpty() ? null : value;
  }

  /** A webhook option is unset or an http(s) URL. */
  private void webhookUrl(String flag) {
    String url = unsetIsNull(flag);
    if (url != null && !url.startsWith("http://") && !url.startsWith("https://")) {
      throw new UsageException("--" + flag + " must be an http:// or https:// URL");
    }
  }

  private int port(String flag) {
    long port = parseLong(flag);
    if (port < 0 || port > 65535) {
      throw new UsageException("--" + flag + ": " + port + " is not a port number (0-65535)");
    }
    return (int) port;
  }

  private int intValue(String flag) {
    long value = parseLong(flag);
    if (value > Integer.MAX_VALUE) {
      throw new UsageException("--" + flag + ": " + value + " is too large (at most " + Integer.MAX_VALUE + ")");
    }
    return (int) value;
  }

  private void notNegative(String flag) {
    if (parseLong(flag) < 0) {
      throw new UsageException("--" + flag + ": must be 0 or a positive number");
    }
  }

  private void positive(String flag) {
    if (parseLong(flag) <= 0) {
      throw new UsageException("--" + flag + ": must be a positive number");
    }
  }

  private long parseLong(String flag) {
    String text = values.get(flag).trim();
    try {
      return Long.parseLong(text);
    } catch (NumberFormatException e) {
      throw new UsageException("--" + flag + ": '" + text + "' is not a number");
    }
  }
}
