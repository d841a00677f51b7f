package io.inlet.testkit.netlab;

import static org.assertj.core.api.Assertions.assertThat;

import io.inlet.testkit.Await;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The network lab itself (needs root, iproute2, iptables): hosts reach each other and are reached by
 * the test; a partition stops TCP connects both ways, a one-way block one way only, heal restores
 * them, and close leaves no namespace or link behind.
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
