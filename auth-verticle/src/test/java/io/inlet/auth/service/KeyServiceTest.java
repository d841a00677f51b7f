package io.inlet.auth.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.inlet.auth.store.KeyStore;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The service without Vert.x: blocking work is held back until the test lets it run. */
class KeyServiceTest {

  /** Queues blocking tasks; {@link #runAll()} runs them in order, as executeBlocking would. */
  static final class HeldRunner implements BlockingRunner {
    private final Queue<Runnable> held = new ArrayDeque<>();

    @Override
    public <T> Future<T> run(Callable<T> task) {
      Promise<T> promise = Promise.promise();
      held.add(() -> {
        try {
          promise.complete(task.call());
        } catch (Exception e) {
          promise.fail(e);
        }
      });
      return promise.future();
    }

    void runAll() {
      while (!held.isEmpty()) {
        held.poll().run();
      }
    }
  }

  @TempDir Path dir;
  private final HeldRunner io = new HeldRunner();
  private final Clock clock = Clock.fixed(Instant.parse("2026-11-24T15:00:00.123456Z"), ZoneOffset.UTC);
  private KeyStore store;
  private KeyService service;

  @BeforeEach
  void open() throws IOException {
    store = KeyStore.open(dir);
    service = new KeyService(store, io, new FailureLimiter(2, 60_000, 60_000, 10, clock::millis), clock);
  }

  @AfterEach
  void close() throws IOException {
    store.close();
  }

  @Test
  void aCreateInFlightReservesItsName() {
    Future<KeyService.CreatedKey> first = service.create("cam1");
    Future<KeyService.CreatedKey> second = service.create("cam1");
    assertThat(first.isComplete()).as("waits for the disk").isFalse();
    assertThat(store.contains("cam1")).isFalse();
    assertThat(((KeyException) second.cause()).code()).isEqualTo(409);

    io.runAll();
    assertThat(first.result().name()).isEqualTo("cam1");
    assertThat(first.result().createdAt()).isEqualTo(Instant.parse("2026-11-24T15:00:00.123Z"));
    assertThat(first.result().toString()).doesNotContain(first.result().key());
    assertThat(store.contains("cam1")).isTrue();
    assertThat(service.validate(first.result().key(), "10.0.0.1:1")).isEqualTo("cam1");
  }

  @Test
  void aFailedWriteReleasesTheNameAndAnswers503() throws IOException {
    Future<KeyService.CreatedKey> create = service.create("cam1");
    store.close();
    io.runAll();
    KeyException refused = (KeyException) create.cause();
    assertThat(refused.code()).isEqualTo(503);
    assertThat(refused.getMessage()).isEqualTo(KeyService.STORE_FAILED);
    Future<KeyService.CreatedKey> again = service.create("cam1");
    io.runAll();
    assertThat(((KeyException) again.cause()).code()).as("not 409: the name was released").isEqualTo(503);
  }

  @Test
  void listMarksLiveStreams() {
    service.create("cam1");
    service.create("cam2");
    io.runAll();
    service.streamStarted("cam2");
    assertThat(service.list()).extracting(KeyService.KeyView::live).containsExactly(false, true);
    service.streamEnded("cam2");
    assertThat(service.list()).extracting(KeyService.KeyView::live).containsExactly(false, false);
  }
}
