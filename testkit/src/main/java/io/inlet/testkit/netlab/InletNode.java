package io.inlet.testkit.netlab;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * A real {@code bin/inlet} process on a lab {@link Host}: Hazelcast TCP cluster on the host's
 * address, RTMP, HTTP and Hazelcast on their default ports (every host has its own address, so they
 * never clash), one decode thread, output to {@code <dir>/<host>.log}. Built with {@link #on(Host)},
 * started with {@link Builder#start(Path)}.
 */
public final class InletNode {

  public static final int RTMP_PORT = 1935;
  public static final int HTTP_PORT = 8080;
  public static final int CLUSTER_PORT = 5701;

  private final Host host;
  private final Builder builder;
  private final Path log;
  private final Process process;

  private InletNode(Host host, Builder builder, Path log, Process process) {
    this.host = host;
    this.builder = builder;
    this.log = log;
    this.process = process;
  }

  public static Builder on(Host host) {
    return new Builder(host);
  }

  public Host host() {
    return host;
  }

  /** The node's HTTP API, called from the test JVM. */
  public NodeApi api() {
    return new NodeApi(host.address(), HTTP_PORT, builder.adminToken);
  }

  /** {@code rtmp://address:1935/live/<key>}. */
  public String rtmpUrl(String key) {
    return "rtmp://" + host.address() + ":" + RTMP_PORT + "/live/" + key;
  }

  /** How the cluster and the API name this node ({@code address:5701}), e.g. in a stream's {@code decodeNode}. */
  public String clusterAddress() {
    return host.address() + ":" + CLUSTER_PORT;
  }

  public Process process() {
    return process;
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  public Path log() {
    return log;
  }

  /** The node's output so far. */
  public String logText() {
    try {
      return Files.readString(log, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "";
    }
  }

  /** SIGKILL: the node dies without a word. */
  public void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(10, TimeUnit.SECONDS);
  }

  /** SIGTERM, then waits for the node to drain and exit (SIGKILL after 30 s). */
  public void stop() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      kill();
    }
  }

  /** Starts the node again on the same host with the same options and data dir (after a kill or stop). */
  public InletNode restart() throws IOException {
    return builder.start(log.getParent());
  }

  /** The options of a node to start. */
  public static final class Builder {

    private final Host host;
    private Path bin = Path.of("..", "bin", "inlet").toAbsolutePath().normalize();
    private String roles = "ingest,decode,auth";
    private final List<Host> members = new ArrayList<>();
    private String adminToken = "netlab-test-admin-token";
    private final List<String> flags = new ArrayList<>();
    private final Map<String, String> environment = new LinkedHashMap<>();
    private final List<String> launcher = new ArrayList<>();

    private Builder(Host host) {
      this.host = host;
    }

    /** The {@code bin/inlet} to run; default {@code ../bin/inlet} from the module's directory. */
    public Builder bin(Path bin) {
      this.bin = bin;
      return this;
    }

    public Builder roles(String roles) {
      this.roles = roles;
      return this;
    }

    /** The cluster's members ({@code --members}, their cluster ports); this node may be among them. */
    public Builder members(List<Host> members) {
      this.members.clear();
      this.members.addAll(members);
      return this;
    }

    public Builder adminToken(String adminToken) {
      this.adminToken = adminToken;
      return this;
    }

    /** More command-line flags, e.g. {@code flag("--auth-timeout-ms", "2000")}. */
    public Builder flag(String... flagAndValue) {
      flags.addAll(List.of(flagAndValue));
      return this;
    }

    /** An environment variable of the node's process (e.g. {@code LD_PRELOAD} of libfaketime). */
    public Builder env(String name, String value) {
      environment.put(name, value);
      return this;
    }

    /** A command put before {@code bin/inlet} (e.g. {@code faketime -f +5s}). */
    public Builder launcher(String... command) {
      launcher.addAll(List.of(command));
      return this;
    }

    /** Starts the node; {@code dir} holds its log ({@code <host>.log}) and data dir ({@code <host>-data}). */
    public InletNode start(Path dir) throws IOException {
      List<String> command = new ArrayList<>(launcher);
      command.addAll(List.of(bin.toString(), "--roles", roles, "--bind", host.address(),
          "--rtmp-port", String.valueOf(RTMP_PORT), "--http-port", String.valueOf(HTTP_PORT),
          "--data-dir", dir.resolve(host.name() + "-data").toString(), "--admin-token", adminToken,
          "--cluster", "tcp", "--cluster-host", host.address(), "--cluster-port", String.valueOf(CLUSTER_PORT),
          "--members", members.stream().map(member -> member.address() + ":" + CLUSTER_PORT).collect(Collectors.joining(",")),
          "--decode-threads", "1"));
      command.addAll(flags);
      Path log = dir.resolve(host.name() + ".log");
      ProcessBuilder process = new ProcessBuilder(command).redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
      process.environment().keySet().removeIf(key -> key.startsWith("INLET_"));
      process.environment().putAll(environment);
      return new InletNode(host, this, log, host.start(process));
    }
  }
}
