package io.inlet.testkit.netlab;

import java.util.OptionalLong;

/**
 * Removes what labs of dead test JVMs left behind (a JVM killed with SIGKILL runs no shutdown hook):
 * their processes, namespaces (with their firewall rules and veth ends) and bridges. A lab whose
 * owner still runs is never touched, so concurrent test JVMs keep their labs.
 */
final class Leftovers {

  private Leftovers() {}

  static void removeDeadLabs() {
    for (String line : Shell.attempt("ip", "netns", "list").stdout().split("\n")) {
      String namespace = line.strip().split("\\s+")[0];
      OptionalLong owner = LabNames.namespaceOwner(namespace);
      if (owner.isPresent() && !alive(owner.getAsLong())) {
        removeNamespace(namespace);
      }
    }
    for (String line : Shell.attempt("ip", "-o", "link", "show").stdout().split("\n")) {
      String[] fields = line.split(":\\s+");
      if (fields.length < 2) {
        continue;
      }
      String link = fields[1].split("@")[0];
      OptionalLong owner = LabNames.linkOwner(link);
      if (owner.isPresent() && !alive(owner.getAsLong())) {
        Shell.attempt("ip", "link", "del", link);
      }
    }
  }

  /** Kills whatever still runs in {@code namespace} (a namespace outlives its name while used), then deletes it. */
  static void removeNamespace(String namespace) {
    for (String pid : Shell.attempt("ip", "netns", "pids", namespace).stdout().split("\\s+")) {
      if (!pid.isBlank()) {
        ProcessHandle.of(Long.parseLong(pid)).ifPresent(ProcessHandle::destroyForcibly);
      }
    }
    Shell.attempt("ip", "netns", "del", namespace);
  }

  private static boolean alive(long pid) {
    return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
  }
}
