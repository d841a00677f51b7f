package io.inlet.auth.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.inlet.auth.service.StreamKeys;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeyStoreTest {

  private static final Instant T0 = Instant.parse("2026-11-24T15:00:00Z");

  @TempDir Path dir;

  @Test
  void startsEmptyAndCreatesTheJournal() throws IOException {
    try (KeyStore store = KeyStore.open(dir.resolve("sub/data"))) {
      assertThat(store.entries()).isEmpty();
    }
    assertThat(dir.resolve("sub/data/keys.journal")).exists().isEmptyFile();
  }

  @Test
  void keepsCreatesRevokesAndUsesAcrossAReopen() throws IOException {
    String camHash = StreamKeys.hash(StreamKeys.generate());
    try (KeyStore store = KeyStore.open(dir)) {
      KeyEntry cam = store.create("cam1", camHash, T0);
      assertThat(store.create("gone", StreamKeys.hash(StreamKeys.generate()), T0)).isNotNull();
      assertThat(store.create("cam1", StreamKeys.hash(StreamKeys.generate()), T0)).isNull();
      assertThat(store.revoke("gone", T0.plusSeconds(1))).isTrue();
      assertThat(store.revoke("gone", T0.plusSeconds(2))).isFalse();
      store.markUsed(cam, T0.plusSeconds(5));
      assertThat(store.flushUsage()).isEqualTo(1);
      store.markUsed(cam, T0.plusSeconds(9));
    }
    try (KeyStore store = KeyStore.open(dir)) {
      assertThat(store.entries()).extracting(KeyEntry::name).containsExactly("cam1");
      KeyEntry cam = store.findByHash(camHash);
      assertThat(cam.createdAt()).isEqualTo(T0);
      assertThat(cam.lastUsedAt()).as("flushed on close").isEqualTo(T0.plusSeconds(9));
    }
    assertThat(lines()).as("compacted on open").hasSize(1);
  }

  @Test
  void ignoresATornLastLineAndAppendsCleanlyAfterIt() throws IOException {
    try (KeyStore store = KeyStore.open(dir)) {
      store.create("cam1", StreamKeys.hash("a"), T0);
    }
    Files.writeString(journal(), "{\"op\":\"created\",\"name\":\"cam2\",\"ha", StandardOpenOption.APPEND);
    try (KeyStore store = KeyStore.open(dir)) {
      assertThat(store.entries()).extracting(KeyEntry::name).containsExactly("cam1");
      store.create("cam3", StreamKeys.hash("b"), T0);
    }
    try (KeyStore store = KeyStore.open(dir)) {
      assertThat(store.entries()).extracting(KeyEntry::name).containsExactly("cam1", "cam3");
    }
  }

  @Test
  void ignoresATerminatedLastLineThatIsNotJson() throws IOException {
    try (KeyStore store = KeyStore.open(dir)) {
      store.create("cam1", StreamKeys.hash("a"), T0);
    }
    Files.write(journal(), new byte[] {'{', '"', 'o', 'p', 0, 0, '\n'}, StandardOpenOption.APPEND);
    try (KeyStore store = KeyStore.open(dir)) {
      assertThat(store.entries()).extracting(KeyEntry::name).containsExactly("cam1");
    }
  }

  @Test
  void refusesToStartOnACorruptMiddleLine() throws IOException {
    try (KeyStore store = KeyStore.open(dir)) {
      store.create("cam1", StreamKeys.hash("a"), T0);
      store.create("cam2", StreamKeys.hash("b"), T0);
      store.create("cam3", StreamKeys.hash("c"), T0);
    }
    List<String> lines = lines();
    Files.write(journal(), List.of(lines.get(0), "garbage", lines.get(2)), StandardCharsets.UTF_8);
    byte[] before = Files.readAllBytes(journal());

    assertThatThrownBy(() -> KeyStore.open(dir))
        .isInstanceOf(KeyStoreException.class)
        .hasMessageContaining(journal().toString())
        .hasMessageContaining("line 2");
    assertThat(Files.readAllBytes(journal())).as("left as it was").isEqualTo(before);
  }

  @Test
  void refusesRecordsThatDoNotFit() throws IOException {
    String created = "{\"op\":\"created\",\"name\":\"cam1\",\"hash\":\"" + StreamKeys.hash("a")
        + "\",\"createdAt\":\"2026-11-24T15:00:00Z\"}";
    assertCorrupt(List.of("{\"op\":\"revoked\",\"name\":\"cam1\",\"at\":\"2026-11-24T15:00:00Z\"}", created),
        "line 1");
    assertCorrupt(List.of(created, created, created), "line 2");
    assertCorrupt(List.of(created.replace("cam1", "bad name"), created), "line 1");
    assertCorrupt(List.of(created.replace("\"op\":\"created\"", "\"op\":\"renamed\""), created), "line 1");
    assertCorrupt(List.of(created.replace("2026-11-24T15:00:00Z", "yesterday"), created), "line 1");
    assertCorrupt(List.of(created, "", created.replace("cam1", "cam2")), "line 2");
  }

  @Test
  void refusesAJournalItCannotRead() throws IOException {
    Files.createDirectories(journal());
    assertThatThrownBy(() -> KeyStore.open(dir))
        .isInstanceOf(KeyStoreException.class)
        .hasMessageContaining(journal().toString());
  }

  @Test
  void refusesADataDirInUse() throws IOException {
    try (KeyStore store = KeyStore.open(dir)) {
      assertThatThrownBy(() -> KeyStore.open(dir))
          .isInstanceOf(KeyStoreException.class)
          .hasMessageContaining("already in use");
    }
    KeyStore.open(dir).close();
  }

  @Test
  void refusesChangesOnceClosed() throws IOException {
    KeyStore store = KeyStore.open(dir);
    store.close();
    assertThatThrownBy(() -> store.create("cam1", StreamKeys.hash("a"), T0))
        .isInstanceOf(KeyStoreException.class);
  }

  private void assertCorrupt(List<String> lines, String where) throws IOException {
    Files.write(journal(), lines, StandardCharsets.UTF_8);
    assertThatThrownBy(() -> KeyStore.open(dir))
        .isInstanceOf(KeyStoreException.class)
        .hasMessageContaining(journal().toString())
        .hasMessageContaining(where);
  }

  private Path journal() {
    return dir.resolve(KeyStore.JOURNAL_FILE);
  }

  private List<String> lines() throws IOException {
    return Files.readAllLines(journal(), StandardCharsets.UTF_8);
  }
}
