package io.inlet.testkit.netlab;

import java.util.Locale;

/**
 * A lab's IPv4 /24 inside 10.213.0.0/16: the root namespace (the test) is {@code .1}, host n is
 * {@code .(10+n)}. Chosen (under the lab lock) as the first /24 from the owner's pid on that no
 * interface of this machine uses yet.
 */
record Subnet(int octet) {

  static Subnet free(long pid) {
    String used = Shell.run("ip", "-4", "-o", "addr", "show");
    for (int i = 0; i < 250; i++) {
      Subnet candidate = new Subnet((int) ((pid + i) % 250) + 1);
      if (!used.contains(" " + candidate.prefix())) {
        return candidate;
      }
    }
    throw new IllegalStateException("no free /24 left in 10.213.0.0/16 for a network lab");
  }

  /** The address the test JVM has on the lab's bridge. */
  String root() {
    return prefix() + "1";
  }

  String host(int index) {
    return prefix() + (10 + index);
  }

  private String prefix() {
    return String.format(Locale.ROOT, "10.213.%d.", octet);
  }
}
