package io.inlet.testkit.netlab;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The faults of one host: DROP rules in a chain of its own namespace's firewall ({@code NETLAB},
 * jumped to first from INPUT), so they vanish with the namespace. Faults drop what a host receives
 * from a given peer, as a switch that loses the packets would: the sender sees silence, never an
 * error. Rules name a peer's address, so the test's own address (the root namespace) is never cut.
 */
final class Firewall {

  private static final String CHAIN = "NETLAB";

  private final Host host;

  Firewall(Host host) {
    this.host = host;
  }

  void install() {
    iptables("-N", CHAIN);
    iptables("-I", "INPUT", "1", "-j", CHAIN);
  }

  /** Drops every packet {@code host} receives from {@code from}. */
  void dropFrom(String from) {
    iptables(rule("-A", from, 1.0));
  }

  /** Drops the TCP connection requests (SYN) {@code host} receives from {@code from}; all else passes. */
  void dropConnectsFrom(String from) {
    iptables("-A", CHAIN, "-s", from + "/32", "-p", "tcp", "--syn", "-j", "DROP");
  }

  /** Drops each packet {@code host} receives from {@code from} with {@code probability}. */
  void loseFrom(String from, double probability) {
    iptables(rule("-A", from, probability));
  }

  /** Removes every fault on what {@code host} receives from {@code from}; true if there was one. */
  boolean healFrom(String from) {
    boolean removed = false;
    for (String line : iptablesOutput("-S", CHAIN).split("\n")) {
      if (line.startsWith("-A " + CHAIN + " -s " + from + "/32 ")) {
        List<String> delete = new ArrayList<>(List.of(line.strip().split("\\s+")));
        delete.set(0, "-D");
        iptables(delete.toArray(String[]::new));
        removed = true;
      }
    }
    return removed;
  }

  void healAll() {
    iptables("-F", CHAIN);
  }

  private static String[] rule(String action, String from, double probability) {
    List<String> rule = new ArrayList<>(List.of(action, CHAIN, "-s", from + "/32"));
    if (probability < 1.0) {
      rule.addAll(List.of("-m", "statistic", "--mode", "random", "--probability", String.format(Locale.ROOT, "%.4f", probability)));
    }
    rule.addAll(List.of("-j", "DROP"));
    return rule.toArray(String[]::new);
  }

  private void iptables(String... args) {
    iptablesOutput(args);
  }

  private String iptablesOutput(String... args) {
    List<String> command = new ArrayList<>(List.of("iptables", "-w"));
    command.addAll(List.of(args));
    return Shell.run(host.inside(command));
  }
}
