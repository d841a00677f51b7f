package io.inlet.testkit.netlab;

import static org.assertj.core.api.Assertions.assertThat;

import io.inlet.testkit.Await;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The network lab itself (needs root, iproute2, iptables): hosts reach each other and are reached by
 * the test; a partition stops TCP connects both ways, a one-way block one way only, heal restores
 * them, a delay holds packets one way and goes with the heal, and close leaves no namespace, link or
 * process behind.
 */
class LabTest {

  private static final int PORT = 7000;
  private static final Duration CONNECT = Duration.ofMillis(700);

  @TempDir
  Path dir;

  @Test
  void partitionsAndHealsBetweenTwoHostsAndLeavesNothingBehind() throws Exception {
    List<String> namespaces;
    String bridge;
    try (Lab lab = Lab.start()) {
      Host a = lab.addHost("a");
      Host b = lab.addHost("b");
      listen(a);
      listen(b);
      namespaces = List.of(a.namespace(), b.namespace());
      bridge = Shell.run("ip", "-o", "link", "show", "master", lab.bridge());
      assertThat(a.canConnect(b, PORT, CONNECT)).as("a reaches b").isTrue();
      assertThat(b.canConnect(a, PORT, CONNECT)).as("b reaches a").isTrue();

      lab.partition(a, b);
      assertThat(a.canConnect(b, PORT, CONNECT)).as("partitioned: a cannot reach b").isFalse();
      assertThat(b.canConnect(a, PORT, CONNECT)).as("partitioned: b cannot reach a").isFalse();
      assertThat(testReaches(a) && testReaches(b)).as("the test still reaches both hosts").isTrue();

      lab.heal(a, b);
      assertThat(a.canConnect(b, PORT, CONNECT)).as("healed: a reaches b").isTrue();
      assertThat(b.canConnect(a, PORT, CONNECT)).as("healed: b reaches a").isTrue();

      lab.blockConnects(a, b);
      assertThat(a.canConnect(b, PORT, CONNECT)).as("one-way: a cannot connect to b").isFalse();
      assertThat(b.canConnect(a, PORT, CONNECT)).as("one-way: b still connects to a").isTrue();
      lab.healAll();
      assertThat(a.canConnect(b, PORT, CONNECT)).as("healed again: a reaches b").isTrue();

      lab.isolate(a);
      assertThat(b.canConnect(a, PORT, CONNECT)).as("isolated: b cannot reach a").isFalse();
      assertThat(testReaches(a)).as("isolated: the test still reaches a").isTrue();
      lab.healAll();
      assertThat(b.canConnect(a, PORT, CONNECT)).as("healed: b reaches a").isTrue();
    }
    String namespacesLeft = Shell.run("ip", "netns", "list");
    String linksLeft = Shell.run("ip", "-o", "link", "show");
    for (String namespace : namespaces) {
      assertThat(namespacesLeft).as("namespace removed").doesNotContain(namespace);
    }
    assertThat(bridge).as("both veths were on the bridge").contains("state UP");
    assertThat(linksLeft).as("no link of the lab left").doesNotContain("nl" + ProcessHandle.current().pid());
  }

  @Test
  void delaysPacketsOneWayByTheDelayAndSendsThemDirectlyAgainOnHeal() throws Exception {
    ProcessHandle delayer;
    String namespace;
    try (Lab lab = Lab.start()) {
      Host a = lab.addHost("a");
      Host b = lab.addHost("b");
      Host c = lab.addHost("c");
      listen(b);
      listen(c);
      namespace = a.namespace();
      double before = connectMillis(a, b);

      lab.delay(a, b, Duration.ofMillis(40));
      double delayed = connectMillis(a, b);
      double other = connectMillis(a, c);
      long held = lab.delayedPackets(a);
      delayer = delayerOf(a);
      String routed = Shell.run(a.inside(List.of("ip", "rule", "show")));

      lab.heal(a, b);
      double healed = connectMillis(a, b);
      System.out.printf("netlab delay: a->b TCP connect %.1f ms before, %.1f ms with 40 ms on a->b (a->c %.1f ms), %.1f ms after the heal%n",
          before, delayed, other, healed);
      assertThat(held).as("the delayer held the SYNs and ACKs of 10 connects").isGreaterThanOrEqualTo(20);
      assertThat(routed).as("packets to b go to the delayer").contains("to " + b.address() + " lookup 200");
      // A connect waits for the SYN to get there and the SYN-ACK back: the SYN is held 40 ms.
      assertThat(delayed).as("a->b connect with the delay (ms)").isBetween(40.0, 40.0 + 150.0);
      assertThat(other).as("a->c is not delayed (ms)").isLessThan(30.0);
      assertThat(healed).as("healed: a->b direct again (ms)").isLessThan(30.0);
      assertThat(delayer.isAlive()).as("the heal stopped the delayer").isFalse();
      assertThat(Shell.attempt(a.inside(List.of("ip", "link", "show", "nldelay"))).ok()).as("its device is gone").isFalse();
      assertThat(Shell.run(a.inside(List.of("ip", "rule", "show")))).as("no delay rule left").doesNotContain("lookup 200")
          .doesNotContain("fwmark");

      lab.delay(a, c, Duration.ofMillis(40));
      delayer = delayerOf(a);
      assertThat(connectMillis(a, c)).as("a->c delayed (ms)").isGreaterThanOrEqualTo(40.0);
    }
    assertThat(delayer.isAlive()).as("close stopped a delayer still running").isFalse();
    assertThat(Shell.run("ip", "netns", "list")).as("namespace removed").doesNotContain(namespace);
  }

  /** The median of 10 TCP connects from {@code from} to {@code to}'s listener, timed inside {@code from}. */
  private static double connectMillis(Host from, Host to) {
    String program = "import socket, statistics, sys, time\n"
        + "times = []\n"
        + "for _ in range(10):\n"
        + "    start = time.monotonic()\n"
        + "    socket.create_connection((sys.argv[1], int(sys.argv[2])), timeout=5).close()\n"
        + "    times.append((time.monotonic() - start) * 1000)\n"
        + "print(statistics.median(times))\n";
    return Double.parseDouble(Shell.run(from.inside(List.of("python3", "-c", program, to.address(), String.valueOf(PORT)))).strip());
  }

  /** The delayer program running in {@code host}. */
  private static ProcessHandle delayerOf(Host host) {
    String pids = Shell.run("ip", "netns", "pids", host.namespace());
    return Arrays.stream(pids.split("\\s+")).filter(pid -> !pid.isBlank()).map(Long::parseLong)
        .map(ProcessHandle::of).flatMap(Optional::stream)
        .filter(handle -> handle.info().commandLine().orElse("").contains("delayer"))
        .findFirst().orElseThrow(() -> new AssertionError("no delayer runs in " + host));
  }

  /** A listener on {@link #PORT} inside {@code host}, waited for from the test JVM. */
  private void listen(Host host) throws IOException, InterruptedException {
    ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), TcpListener.class.getName(), String.valueOf(PORT))
        .redirectErrorStream(true).redirectOutput(dir.resolve(host.name() + ".log").toFile());
    host.start(builder);
    Await.until("a listener on " + host, Duration.ofSeconds(20), () -> testReaches(host));
  }

  private static boolean testReaches(Host host) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(host.address(), PORT), (int) CONNECT.toMillis());
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
