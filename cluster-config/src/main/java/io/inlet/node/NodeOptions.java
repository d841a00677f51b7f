package io.inlet.node;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The node's options. Every option is a flag and an environment variable ({@code --rtmp-port} and
 * {@code INLET_RTMP_PORT}); the flag wins over the variable, the variable over the default.
 */
public final class NodeOptions {

  /** One option: its flag (without dashes), default and help text. The variable is derived from the flag. */
  public record Option(String flag, String defaultValue, String help) {
    public String env() {
      return "INLET_" + flag.toUpperCase(java.util.Locale.ROOT).replace('-', '_');
    }
  }

  public static final List<Option> OPTIONS = List.of(
      new Option("roles", "ingest,decode,auth", "which verticles this node runs"),
      new Option("bind", "0.0.0.0", "address for the RTMP and HTTP listeners"),
      new Option("rtmp-port", "1935", "RTMP listener port"),
      new Option("http-port", "8080", "HTTP listener port (health, metrics, API, dashboard)"),
      new Option("data-dir", "./data", "where the key store lives (auth role)"),
      new Option("admin-token", "", "bearer token for the admin API (generated on first start when unset)"),
      new Option("cluster", "off", "off | tcp | kubernetes"),
      new Option("members", "", "host:port,... of cluster members, for --cluster tcp"),
      new Option("cluster-host", "127.0.0.1", "the address this node announces to the cluster"),
      new Option("cluster-port", "5701", "Hazelcast port"),
      new Option("kubernetes-service", "inlet-cluster", "for --cluster kubernetes: the headless Service whose pods form the cluster"),
      new Option("frame-hash-dir", "", "decode role: write a frame-hash file for each stream"),
      new Option("decode-threads", String.valueOf(Runtime.getRuntime().availableProcessors()), "decode role: size of the decode worker pool (one decoder context per thread)"),
      new Option("decode-max-streams", "64", "decode role: most streams this node decodes at once; more go elsewhere"),
      new Option("max-decode-lag-ms", "1000", "decode role: when decoding falls this far behind real time it drops to the next keyframe"),
      new Option("hwaccel", "", "decode role: cuda | vaapi | vulkan hardware decoding, when the node has the device"),
      new Option("rtmps-port", "", "RTMPS (RTMP over TLS) listener port; off when unset"),
      new Option("tls-cert", "", "PEM certificate chain for RTMPS"),
      new Option("tls-key", "", "PEM private key for RTMPS"),
      new Option("drain-grace-ms", "10000", "on SIGTERM, how long publishers get to reconnect elsewhere before they are closed"),
      new Option("reconnect-url", "", "on SIGTERM, the tcUrl sent in the reconnect request (e.g. the Service's rtmp://host/live); the client's own URL when unset"),
      new Option("rebalance-threshold", "0", "move a stream to a new decoder when the busiest has this many more streams than the idlest; 0: never"),
      new Option("max-connections", "1000", "most RTMP connections this node accepts at once"),
      new Option("handshake-timeout-ms", "10000", "an RTMP handshake must complete within this time"),
      new Option("idle-timeout-ms", "30000", "a connection without media for this long is closed"),
      new Option("auth-timeout-ms", "3000", "how long a publish waits for the auth role before it is refused"),
      new Option("max-message-size", "8388608", "largest RTMP message accepted, in bytes"),
      new Option("max-chunk-size", "16777215", "largest chunk size a client may declare, in bytes"));

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
    positive("drain-grace-ms");
    if (rtmpsPort() >= 0) {
      for (String flag : new String[] {"tls-cert", "tls-key"}) {
        String path = values.get(flag).trim();
        if (path.isEmpty()) {
          throw new UsageException("--rtmps-port needs --" + flag);
        }
        if (!java.nio.file.Files.isReadable(Path.of(path))) {
          throw new UsageException("--" + flag + " " + path + " is not a readable file");
        }
      }
    }
    positive("handshake-timeout-ms");
    positive("idle-timeout-ms");
    positive("auth-timeout-ms");
    positive("max-message-size");
    positive("max-chunk-size");
    adminTokenStrength();
  }

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
  public String path(String flag) {
    String value = values.get(flag).trim();
    return value.isEmpty() ? null : value;
  }

  /** The hardware decoding API asked for, or null for software. */
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

  private int port(String flag) {
    long port = parseLong(flag);
    if (port < 0 || port > 65535) {
      throw new UsageException("--" + flag + ": " + port + " is not a port number (0-65535)");
    }
    return (int) port;
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
