package io.inlet.auth.verticle;

import static org.assertj.core.api.Assertions.assertThat;

import io.inlet.auth.store.KeyEntry;
import io.inlet.auth.store.KeyStore;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** SIGKILL a JVM in the middle of a burst of creates: every acknowledged key is still there. */
class KillDuringCreatesTest {

  private static final int ACKS_BEFORE_KILL = 300;

  @TempDir Path dir;

  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void everyAcknowledgedCreateSurvivesAKill() throws Exception {
    Path data = dir.resolve("data");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
        CrashWriterMain.class.getName(), data.toString())
        .redirectError(dir.resolve("child.err").toFile())
        .start();
    List<String> acknowledged = new ArrayList<>();
    List<String> other = new ArrayList<>();
    try (BufferedReader out = new BufferedReader(
        new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = out.readLine()) != null) {
        if (line.startsWith("ACK ")) {
          acknowledged.add(line.substring(4));
          if (acknowledged.size() == ACKS_BEFORE_KILL) {
            // SIGKILL, as Process.destroyForcibly() sends, but through the handle: Process would
            // also close our end of the pipe, losing acknowledgements printed just before the kill.
            assertThat(child.toHandle().destroyForcibly()).isTrue();
          }
        } else {
          other.add(line);
        }
      }
    } finally {
      child.destroyForcibly();
      child.waitFor();
    }
    assertThat(child.exitValue()).as("killed by SIGKILL").isEqualTo(128 + 9);
    assertThat(other).as("child output besides acknowledgements").noneMatch(l -> l.startsWith("FAIL"));
    assertThat(acknowledged).hasSizeGreaterThanOrEqualTo(ACKS_BEFORE_KILL);

    try (KeyStore store = KeyStore.open(data)) {
      List<String> names = store.entries().stream().map(KeyEntry::name).toList();
      assertThat(names).containsAll(acknowledged);
    }
  }

}
