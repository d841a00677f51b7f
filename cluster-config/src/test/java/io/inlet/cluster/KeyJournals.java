package io.inlet.cluster;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads an auth replica's {@code keys.journal} from outside the process, the way a replay does: each
 * name's last record wins. A name's state is "live <hash> <createdAt>" or "revoked <hash> <createdAt>
 * <revokedAt>" (a standalone "revoked" line, which clustered replicas never write, is "gone").
 */
final class KeyJournals {

  private KeyJournals() {}

  static Map<String, String> states(Path journal) throws IOException {
    Map<String, String> states = new TreeMap<>();
    for (String line : Files.readAllLines(journal)) {
      if (line.isBlank()) {
        continue;
      }
      JsonObject record = new JsonObject(line);
      String name = record.getString("name");
      switch (record.getString("op")) {
        case "created" -> states.put(name, "live " + record.getString("hash") + " " + record.getString("createdAt"));
        case "tombstone" -> states.put(name, "revoked " + record.getString("hash") + " "
            + record.getString("createdAt") + " " + record.getString("revokedAt"));
        case "revoked" -> states.put(name, "gone");
        default -> { } // "used": lastUsedAt only
      }
    }
    return states;
  }

  /** The live key names of a journal. */
  static java.util.Set<String> live(Map<String, String> states) {
    java.util.Set<String> live = new java.util.TreeSet<>();
    states.forEach((name, state) -> {
      if (state.startsWith("live ")) {
        live.add(name);
      }
    });
    return live;
  }
}
