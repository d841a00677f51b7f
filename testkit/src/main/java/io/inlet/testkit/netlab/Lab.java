package io.inlet.testkit.netlab;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A network of real hosts on this machine, for tests of faults between machines: each {@link Host}
 * is a Linux network namespace with its own address on a /24, joined by a veth pair to a bridge the
 * lab creates; the test JVM (the root namespace) has {@link #rootAddress()} on that bridge and so
 * reaches every host's ports directly. Faults are firewall DROP rules inside the hosts' namespaces:
 * a partition (both ways or one way), a host isolated from others, random loss; and a delay out of a
 * host, by a userspace program in its namespace ({@link Delayer}). They never cut the test from a host.
 *
 * <p>Needs root, {@code ip} (iproute2), {@code iptables} and, for delays, {@code python3}. Names and the subnet are unique per
 * owning JVM and lab, so concurrent test JVMs each have their own lab; a new lab first removes the
 * leftovers of labs whose JVM died. {@link #close()} (also run by a shutdown hook) kills the hosts'
 * processes and removes namespaces, links and bridge.
 */
public final class Lab implements AutoCloseable {

  private static final Path LOCK = Path.of(System.getProperty("java.io.tmpdir"), "inlet-netlab.lock");
  private static final AtomicInteger LABS = new AtomicInteger();
  private static final List<Lab> OPEN = new CopyOnWriteArrayList<>();

  static {
    Runtime.getRuntime().addShutdownHook(new Thread(() -> OPEN.forEach(Lab::close), "netlab-cleanup"));
  }

  private final LabNames names;
  private final Subnet subnet;
  private final Map<String, Host> hosts = new LinkedHashMap<>();
  private final List<Process> processes = new CopyOnWriteArrayList<>();
  private final Map<Host, Delayer> delayers = new LinkedHashMap<>();
  private boolean closed;

  private Lab(LabNames names, Subnet subnet) {
    this.names = names;
    this.subnet = subnet;
  }

  /** Creates a lab: its bridge, with the test's address on it. Add hosts with {@link #addHost}. */
  public static Lab start() {
    long pid = ProcessHandle.current().pid();
    LabNames names = new LabNames(pid, (char) ('a' + LABS.getAndIncrement() % 26));
    // One lab is set up at a time on this machine, so two JVMs never pick the same free subnet.
    try (FileChannel channel = FileChannel.open(LOCK, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
         FileLock ignored = channel.lock()) {
      Leftovers.removeDeadLabs();
      Subnet subnet = Subnet.free(pid);
      Lab lab = new Lab(names, subnet);
      OPEN.add(lab);
      try {
        Shell.run("ip", "link", "add", names.bridge(), "type", "bridge");
        Shell.run("ip", "addr", "add", subnet.root() + "/24", "dev", names.bridge());
        Shell.run("ip", "link", "set", names.bridge(), "up");
      } catch (RuntimeException e) {
        lab.close();
        throw e;
      }
      return lab;
    } catch (IOException e) {
      throw new IllegalStateException("cannot lock " + LOCK + ": " + e.getMessage(), e);
    }
  }

  /** Adds a host named {@code name} (letters, digits, dashes), its network up and its firewall ready. */
  public synchronized Host addHost(String name) {
    if (!name.matches("[a-z0-9-]{1,20}") || hosts.containsKey(name)) {
      throw new IllegalArgumentException("a host name must be new and [a-z0-9-]{1,20}: " + name);
    }
    int index = hosts.size();
    Host host = new Host(this, name, names.namespace(name), subnet.host(index));
    hosts.put(name, host);
    String veth = names.veth(index);
    Shell.run("ip", "netns", "add", host.namespace());
    Shell.run("ip", "link", "add", veth, "type", "veth", "peer", "name", "eth0", "netns", host.namespace());
    Shell.run("ip", "link", "set", veth, "master", names.bridge(), "up");
    Shell.run("ip", "-n", host.namespace(), "addr", "add", host.address() + "/24", "dev", "eth0");
    Shell.run("ip", "-n", host.namespace(), "link", "set", "eth0", "up");
    Shell.run("ip", "-n", host.namespace(), "link", "set", "lo", "up");
    host.firewall().install();
    return host;
  }

  /** The test JVM's own address on the lab network (hosts reach the test here). */
  public String rootAddress() {
    return subnet.root();
  }

  String bridge() {
    return names.bridge();
  }

  public synchronized Collection<Host> hosts() {
    return List.copyOf(hosts.values());
  }

  /** Cuts {@code a} and {@code b} apart both ways. */
  public void partition(Host a, Host b) {
    cut(a, b);
    cut(b, a);
  }

  /**
   * One-way loss: every packet {@code from} sends to {@code to} is lost; packets the other way still
   * arrive. (A TCP connection needs both ways, so neither side can open one; datagrams and heartbeats
   * from {@code to} still reach {@code from}.)
   */
  public void cut(Host from, Host to) {
    to.firewall().dropFrom(from.address());
  }

  /**
   * One-way firewall: {@code from} can no longer open TCP connections to {@code to} (its requests are
   * lost), while {@code to} still connects to {@code from} and open connections go on.
   */
  public void blockConnects(Host from, Host to) {
    to.firewall().dropConnectsFrom(from.address());
  }

  /** Partitions {@code host} from each of {@code others}, both ways (the test still reaches it). */
  public void isolate(Host host, Collection<Host> others) {
    for (Host other : others) {
      if (other != host) {
        partition(host, other);
      }
    }
  }

  /** Partitions {@code host} from every other host of the lab, both ways (the test still reaches it). */
  public void isolate(Host host) {
    isolate(host, hosts());
  }

  /** Loses each packet {@code from} sends to {@code to} with {@code probability} (0 to 1). */
  public void loss(Host from, Host to, double probability) {
    if (!(probability > 0 && probability <= 1)) {
      throw new IllegalArgumentException("a loss probability is in (0, 1]: " + probability);
    }
    to.firewall().loseFrom(from.address(), probability);
  }

  /**
   * One-way delay: each packet {@code from} sends to {@code to} arrives {@code delay} later (packets
   * the other way are not held; delay both ways for a symmetric link). No {@code netem} needed: see
   * {@link Delayer}. The packets {@code from} sends to all its delayed peers share one delay.
   */
  public synchronized void delay(Host from, Host to, Duration delay) {
    Delayer delayer = delayers.get(from);
    if (delayer != null && !delayer.delay().equals(delay)) {
      throw new IllegalArgumentException(from + " already delays its packets by " + delayer.delay() + ", not " + delay);
    }
    if (delayer == null) {
      delayer = Delayer.start(from, delay);
      delayers.put(from, delayer);
    }
    delayer.add(to.address());
  }

  /** The packets {@code from}'s delay has held so far (0 when {@code from} delays nothing): proof a delay is in the path. */
  public synchronized long delayedPackets(Host from) {
    Delayer delayer = delayers.get(from);
    return delayer == null ? 0 : delayer.packets();
  }

  /** Removes every fault between {@code a} and {@code b}, both ways. */
  public void heal(Host a, Host b) {
    a.firewall().healFrom(b.address());
    b.firewall().healFrom(a.address());
    undelay(a, b);
    undelay(b, a);
  }

  /** Removes every fault of the lab. */
  public void healAll() {
    hosts().forEach(host -> host.firewall().healAll());
    stopDelayers();
  }

  private synchronized void undelay(Host from, Host to) {
    Delayer delayer = delayers.get(from);
    if (delayer != null && delayer.remove(to.address()) && !delayer.delaysAnyone()) {
      delayers.remove(from).stop();
    }
  }

  private synchronized void stopDelayers() {
    delayers.values().forEach(Delayer::stop);
    delayers.clear();
  }

  Process track(Process process) {
    processes.add(process);
    return process;
  }

  /** Kills every process started in the lab's hosts and removes the hosts, their links and the bridge. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    for (Process process : processes) {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
    }
    for (Process process : processes) {
      try {
        process.waitFor(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    List<String> namespaces = new ArrayList<>();
    hosts.values().forEach(host -> namespaces.add(host.namespace()));
    namespaces.forEach(Leftovers::removeNamespace);
    // A veth pair goes with its end inside a namespace; one left by a half-made host goes here.
    for (int index = 0; index < namespaces.size(); index++) {
      Shell.attempt("ip", "link", "del", names.veth(index));
    }
    Shell.attempt("ip", "link", "del", names.bridge());
    OPEN.remove(this);
  }
}
