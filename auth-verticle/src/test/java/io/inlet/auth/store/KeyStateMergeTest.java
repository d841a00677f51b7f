package io.inlet.auth.store;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.inlet.auth.service.StreamKeys;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** Clustered replicas merge {@link KeyState}s with {@link KeyStore#apply}: idempotent, revocations win. */
class KeyStateMergeTest {

  private static final Instant T0 = Instant.parse("2026-11-24T15:00:00Z");
  private static final String H1 = StreamKeys.hash("one");
  private static final String H2 = StreamKeys.hash("two");

  @TempDir Path dir;

  @Test
  void ordersStatesOfOneName() {
    KeyState first = new KeyState("cam1", H1, T0, null);
    KeyState revoked = first.revoked(T0.plusSeconds(5));
    KeyState again = new KeyState("cam1", H2, T0.plusSeconds(9), null);
    assertThat(first.supersedes(null)).isTrue();
    assertThat(revoked.supersedes(first)).as("a revocation beats the same key live").isTrue();
    assertThat(first.supersedes(revoked)).isFalse();
    assertThat(revoked.supersedes(revoked)).isFalse();
    assertThat(again.supersedes(revoked)).as("a later creation beats an older tombstone").isTrue();
    assertThat(revoked.supersedes(again)).isFalse();
    assertThat(KeyState.newer(first, again)).isEqualTo(again);
    assertThat(KeyState.fromJson(revoked.toJson())).isEqualTo(revoked);
  }

  @Test
  void ofOneKeyRevokedTwiceTheEarlierRevocationWinsOnEveryReplica() throws IOException {
    KeyState live = new KeyState("cam1", H1, T0, null);
    KeyState first = live.revoked(T0.plusSeconds(5));
    KeyState second = live.revoked(T0.plusSeconds(7));
    assertThat(first.supersedes(second)).isTrue();
    assertThat(second.supersedes(first)).isFalse();
    assertThat(KeyState.newer(second, first)).isEqualTo(first);
    assertThat(KeyState.newer(first, second)).isEqualTo(first);
    try (KeyStore store = KeyStore.open(dir)) {
      assertThat(store.apply(second)).isTrue();
      assertThat(store.apply(first)).as("the earlier tombstone replaces the later").isTrue();
      assertThat(store.apply(second)).isFalse();
      assertThat(store.state("cam1")).isEqualTo(first);
    }
    try (KeyStore reopened = KeyStore.open(dir)) {
      assertThat(reopened.state("cam1")).as("so does the journal").isEqualTo(first);
    }
  }

  @Test
  void appliesOnlyNewerStatesAndKeepsTombstonesThroughCompaction() throws IOException {
    KeyState live = new KeyState("cam1", H1, T0, null);
    KeyState revoked = live.revoked(T0.plusSeconds(5));
    try (KeyStore store = KeyStore.open(dir)) {
      assertThat(store.apply(live)).isTrue();
      assertThat(store.apply(live)).as("idempotent").isFalse();
      assertThat(store.findByHash(H1).name()).isEqualTo("cam1");
      assertThat(store.apply(revoked)).isTrue();
      assertThat(store.apply(live)).as("a stale replica's live copy does not resurrect it").isFalse();
      assertThat(store.findByHash(H1)).isNull();
      assertThat(store.state("cam1")).isEqualTo(revoked);
    }
    try (KeyStore store = KeyStore.open(dir)) {
      assertThat(store.entries()).isEmpty();
      assertThat(store.state("cam1")).as("the tombstone survives a reopen").isEqualTo(revoked);
      assertThat(store.apply(live)).isFalse();
      KeyState recreated = new KeyState("cam1", H2, T0.plusSeconds(9), null);
      assertThat(store.apply(recreated)).isTrue();
      assertThat(store.findByHash(H2).name()).isEqualTo("cam1");
    }
    try (KeyStore store = KeyStore.open(dir)) {
      assertThat(store.entries()).extracting(KeyEntry::name).containsExactly("cam1");
      assertThat(store.findByHash(H1)).isNull();
      assertThat(store.findByHash(H2)).isNotNull();
    }
  }

  @Test
  void aNewerCreationReplacesAnOlderLiveKeyOfTheSameName() throws IOException {
    ListAppender<ILoggingEvent> log = new ListAppender<>();
    Logger storeLog = (Logger) LoggerFactory.getLogger(KeyStore.class);
    log.start();
    storeLog.addAppender(log);
    try (KeyStore store = KeyStore.open(dir)) {
      store.apply(new KeyState("cam1", H1, T0, null));
      assertThat(store.apply(new KeyState("cam1", H2, T0.plusSeconds(1), null))).isTrue();
      assertThat(store.findByHash(H1)).isNull();
    } finally {
      storeLog.detachAppender(log);
    }
    // A working key stopped working (a split cluster's merge): the operator can find out why.
    assertThat(log.list).filteredOn(e -> e.getLevel() == Level.WARN).extracting(ILoggingEvent::getFormattedMessage)
        .containsExactly("Stream key 'cam1': the key created " + T0.plusSeconds(1) + " replaces the one created " + T0
            + " (revoked and created again while this replica was away, or created on both sides of a split cluster)");
    assertThat(Files.readAllLines(dir.resolve(KeyStore.JOURNAL_FILE), StandardCharsets.UTF_8))
        .as("the older key is buried before the newer is created, so replay stays strict").hasSize(3);
    try (KeyStore store = KeyStore.open(dir)) {
      assertThat(store.findByHash(H2).name()).isEqualTo("cam1");
      assertThat(store.findByHash(H1)).isNull();
    }
  }
}
