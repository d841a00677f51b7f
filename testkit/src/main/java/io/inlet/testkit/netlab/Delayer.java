package io.inlet.testkit.netlab;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

/**
 * A one-way link delay out of one host, for a kernel without {@code netem}: the packets the host
 * sends to the chosen peers are routed (policy rule "to peer: table 200", whose only route is a TUN
 * device) to a userspace program in the host's namespace, {@code delayer.py}, which holds each one for
 * the delay and sends it on unchanged through a raw socket. Its packets carry a firewall mark that a
 * higher-priority rule routes by the main table, so they leave through {@code eth0} as the original
 * would have. Every packet to a delayed peer crosses the same FIFO, so the delay holds for TCP
 * (connects, data, acknowledgements) and datagrams alike and never reorders a flow.
 *
 * <p>Reverse-path filtering is switched off in the host while delayed: replies from a delayed peer
 * arrive on {@code eth0}, while the route back to it points at the TUN device. {@link #stop()}
 * removes the rules and kills the program (its TUN device and route go with it) and restores the
 * filter.
 */
final class Delayer {

  private static final String DEVICE = "nldelay";
  private static final String TABLE = "200";
  private static final String MARK = "0x1d1";
  private static final String MARK_RULE_PREF = "100";
  private static final String PEER_RULE_PREF = "101";
  private static final List<String> RP_FILTERS = List.of("all", "default", "eth0");
  private static final Duration STARTUP = Duration.ofSeconds(20);
  private static Path script;

  private final Host host;
  private final Duration delay;
  private final Process process;
  private final Set<String> peers = new LinkedHashSet<>();
  private final List<String> rpFiltersBefore;

  private Delayer(Host host, Duration delay, Process process, List<String> rpFiltersBefore) {
    this.host = host;
    this.delay = delay;
    this.process = process;
    this.rpFiltersBefore = rpFiltersBefore;
  }

  /** Starts the delay program in {@code host} (no peer delayed yet: add them with {@link #add}). */
  static Delayer start(Host host, Duration delay) {
    if (delay.isNegative() || delay.isZero()) {
      throw new IllegalArgumentException("a delay is positive: " + delay);
    }
    Process process;
    try {
      process = host.start(new ProcessBuilder("python3", script().toString(), DEVICE, String.valueOf(delay.toMillis()), MARK)
          .redirectErrorStream(true));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the delayer in " + host, e);
    }
    awaitReady(host, process);
    List<String> rpFiltersBefore = RP_FILTERS.stream().map(device -> readRpFilter(host, device)).toList();
    Delayer delayer = new Delayer(host, delay, process, rpFiltersBefore);
    try {
      RP_FILTERS.forEach(device -> writeRpFilter(host, device, "0"));
      delayer.ip("link", "set", DEVICE, "up", "txqueuelen", "10000");
      delayer.ip("route", "add", "default", "dev", DEVICE, "table", TABLE, "src", host.address());
      delayer.ip("rule", "add", "pref", MARK_RULE_PREF, "fwmark", MARK, "lookup", "main");
    } catch (RuntimeException e) {
      delayer.stop();
      throw e;
    }
    return delayer;
  }

  Duration delay() {
    return delay;
  }

  /** Delays what the host sends to {@code peer} from now on. */
  void add(String peer) {
    if (peers.add(peer)) {
      ip("rule", "add", "pref", PEER_RULE_PREF, "to", peer + "/32", "lookup", TABLE);
    }
  }

  /** Sends to {@code peer} directly again; true if it was delayed. */
  boolean remove(String peer) {
    if (!peers.remove(peer)) {
      return false;
    }
    ip("rule", "del", "pref", PEER_RULE_PREF, "to", peer + "/32", "lookup", TABLE);
    return true;
  }

  boolean delaysAnyone() {
    return !peers.isEmpty();
  }

  /** The packets routed into the delay so far (its device's transmit count). */
  long packets() {
    return Long.parseLong(Shell.run(host.inside(List.of("cat", "/sys/class/net/" + DEVICE + "/statistics/tx_packets"))).strip());
  }

  /** Removes every rule, kills the program (its device and route vanish with it), restores the filter. */
  void stop() {
    for (String peer : List.copyOf(peers)) {
      remove(peer);
    }
    Shell.attempt(host.inside(List.of("ip", "rule", "del", "pref", MARK_RULE_PREF)));
    process.destroyForcibly();
    try {
      process.waitFor(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    for (int i = 0; i < RP_FILTERS.size(); i++) {
      writeRpFilter(host, RP_FILTERS.get(i), rpFiltersBefore.get(i));
    }
  }

  private void ip(String... args) {
    List<String> command = new ArrayList<>(List.of("ip"));
    command.addAll(List.of(args));
    Shell.run(host.inside(command));
  }

  private static void awaitReady(Host host, Process process) {
    BufferedReader output = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    CompletableFuture<String> firstLine = CompletableFuture.supplyAsync(() -> {
      try {
        return String.valueOf(output.readLine());
      } catch (IOException e) {
        return e.toString();
      }
    });
    String line;
    try {
      line = firstLine.get(STARTUP.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException | ExecutionException e) {
      line = "(no answer within " + STARTUP.toSeconds() + " s)";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      line = "(interrupted)";
    }
    if (!"ready".equals(line)) {
      process.destroyForcibly();
      String rest = output.lines().collect(Collectors.joining("\n"));
      throw new IllegalStateException("the delayer in " + host + " did not start: " + line + "\n" + rest);
    }
    // It prints nothing more; its output pipe stays open and is never read again.
  }

  private static String readRpFilter(Host host, String device) {
    return Shell.run(host.inside(List.of("cat", rpFilterPath(device)))).strip();
  }

  private static void writeRpFilter(Host host, String device, String value) {
    Shell.attempt(host.inside(List.of("bash", "-c", "echo " + value + " > " + rpFilterPath(device))));
  }

  private static String rpFilterPath(String device) {
    return "/proc/sys/net/ipv4/conf/" + device + "/rp_filter";
  }

  /** The program, copied once per JVM out of the classpath to a file python3 can run. */
  private static synchronized Path script() throws IOException {
    if (script == null) {
      Path file = Files.createTempFile("inlet-netlab-delayer", ".py");
      file.toFile().deleteOnExit();
      try (InputStream in = Delayer.class.getResourceAsStream("delayer.py")) {
        if (in == null) {
          throw new IOException("delayer.py is missing from the classpath");
        }
        Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
      }
      script = file;
    }
    return script;
  }
}
