package io.inlet.testkit.netlab;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One machine of a {@link Lab}: a network namespace with its own address on the lab's /24, reached
 * from the bridge through a veth pair (its end inside is {@code eth0}). Processes started here see
 * only this host's network: loopback and the lab.
 */
public final class Host {

  private final Lab lab;
  private final String name;
  private final String namespace;
  private final String address;
  private final Firewall firewall;

  Host(Lab lab, String name, String namespace, String address) {
    this.lab = lab;
    this.name = name;
    this.namespace = namespace;
    this.address = address;
    this.firewall = new Firewall(this);
  }

  /** The name the test gave this host (e.g. {@code decode-a}). */
  public String name() {
    return name;
  }

  /** This host's IPv4 address on the lab's network. */
  public String address() {
    return address;
  }

  /** The kernel's name of this host's network namespace. */
  public String namespace() {
    return namespace;
  }

  /** {@code command} as run inside this host's namespace ({@code ip netns exec}). */
  public List<String> inside(List<String> command) {
    List<String> inside = new ArrayList<>(List.of("ip", "netns", "exec", namespace));
    inside.addAll(command);
    return inside;
  }

  /**
   * Starts {@code builder}'s command inside this host (its environment, directory and redirects kept;
   * {@code ip netns exec} execs the command, so the process is the command itself). The lab kills it
   * on close if it still runs.
   */
  public Process start(ProcessBuilder builder) throws IOException {
    builder.command(inside(builder.command()));
    return lab.track(builder.start());
  }

  /**
   * Whether a TCP connection from this host to {@code address:port} is established within
   * {@code timeout} (the lab's faults drop packets silently, so a cut connect times out).
   */
  public boolean canConnect(String address, int port, Duration timeout) {
    String seconds = String.format(Locale.ROOT, "%.3f", timeout.toMillis() / 1000.0);
    return Shell.attempt(inside(List.of("timeout", seconds, "bash", "-c", "exec 3<>/dev/tcp/" + address + "/" + port))).ok();
  }

  public boolean canConnect(Host other, int port, Duration timeout) {
    return canConnect(other.address(), port, timeout);
  }

  /**
   * TCP segments this host retransmitted since it was made (the kernel's {@code RetransSegs} of its
   * namespace): what a lossy or slow link costs its connections, seen from the sender.
   */
  public long tcpRetransmittedSegments() {
    String[] lines = Shell.run(inside(List.of("cat", "/proc/net/snmp"))).split("\n");
    for (int i = 0; i + 1 < lines.length; i++) {
      if (lines[i].startsWith("Tcp:") && lines[i + 1].startsWith("Tcp:")) {
        List<String> names = List.of(lines[i].strip().split("\\s+"));
        return Long.parseLong(lines[i + 1].strip().split("\\s+")[names.indexOf("RetransSegs")]);
      }
    }
    throw new IllegalStateException("no TCP counters in /proc/net/snmp of " + this);
  }

  Firewall firewall() {
    return firewall;
  }

  @Override
  public String toString() {
    return name + "(" + address + ")";
  }
}
