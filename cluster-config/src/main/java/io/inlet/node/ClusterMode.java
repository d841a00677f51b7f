package io.inlet.node;

import java.util.Locale;

/** How a node meets the others. */
public enum ClusterMode {
  /** One JVM, local event bus, no Hazelcast. */
  OFF,
  /** Hazelcast TCP/IP join with an explicit member list. */
  TCP,
  /** Hazelcast Kubernetes discovery. */
  KUBERNETES;

  static ClusterMode parse(String text) {
    try {
      return valueOf(text.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new UsageException("--cluster: '" + text + "' is not one of off, tcp, kubernetes");
    }
  }
}
