package io.inlet.cluster;

import io.inlet.testkit.netlab.InletNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * When a lab scenario fails: the last lines of each node's log on the test's output, and the whole
 * logs kept under {@code target/netlab-logs/<scenario>/} (the test's temporary directory goes).
 */
final class NodeLogs {

  private static final int LINES = 40;

  private NodeLogs() {}

  static void keep(String scenario, List<InletNode> nodes) {
    Path kept = Path.of("target", "netlab-logs", scenario);
    for (InletNode node : nodes) {
      String[] lines = node.logText().split("\n");
      System.out.printf("----- last %d lines of %s (alive: %s)%n", LINES, node.host(), node.isAlive());
      for (int i = Math.max(0, lines.length - LINES); i < lines.length; i++) {
        System.out.println(lines[i]);
      }
      try {
        Files.createDirectories(kept);
        Files.copy(node.log(), kept.resolve(node.log().getFileName()), StandardCopyOption.REPLACE_EXISTING);
      } catch (IOException e) {
        System.out.println("cannot keep " + node.log() + ": " + e);
      }
    }
    System.out.println("----- whole logs in " + kept.toAbsolutePath());
  }
}
