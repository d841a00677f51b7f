package io.inlet.auth.verticle;

import static io.inlet.auth.verticle.AuthBus.refusal;
import static io.inlet.auth.verticle.AuthVerticleApiTest.names;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import io.inlet.auth.store.KeyStore;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** Restarts, damaged journals, secrets kept out of files and logs, and the brute-force limit. */
@ExtendWith(VertxExtension.class)
class AuthVerticleDurabilityTest {

  @TempDir Path dir;

  @Test
  void keysSurviveARedeployOnTheSameDir(Vertx vertx, VertxTestContext ctx) {
    AuthBus bus = new AuthBus(vertx);
    List<String> keys = new ArrayList<>();
    bus.deploy(dir)
        .compose(id -> Future.all(bus.create("cam1"), bus.create("cam2"), bus.create("gone")).compose(created -> {
          for (int i = 0; i < 3; i++) {
            keys.add(created.<JsonObject>resultAt(i).getString("key"));
          }
          return bus.validate(keys.get(0), "127.0.0.1:1").compose(valid -> bus.revoke("gone"));
        }).compose(revoked -> bus.list()).compose(before -> vertx.undeploy(id).map(before)))
        .compose(before -> bus.deploy(dir).compose(id -> bus.list()).map(after -> {
          ctx.verify(() -> {
            assertThat(after).isEqualTo(before);
            assertThat(names(after)).containsExactly("cam1", "cam2");
            assertThat(after.getJsonArray("keys").getJsonObject(0).getString("lastUsedAt")).isNotNull();
          });
          return after;
        }))
        .compose(after -> bus.validate(keys.get(1), "127.0.0.1:2"))
        .compose(valid -> {
          ctx.verify(() -> assertThat(valid.getString("name")).isEqualTo("cam2"));
          return refusal(bus.validate(keys.get(2), "127.0.0.1:3"));
        })
        .onComplete(ctx.succeeding(refused -> ctx.verify(() -> {
          assertThat(refused.failureCode()).isEqualTo(403);
          ctx.completeNow();
        })));
  }

  @Test
  void aTornLastLineIsTolerated(Vertx vertx, VertxTestContext ctx) throws IOException {
    AuthBus bus = new AuthBus(vertx);
    bus.deploy(dir).compose(id -> bus.create("cam1").compose(c -> vertx.undeploy(id)))
        .compose(undeployed -> {
          append("{\"op\":\"created\",\"name\":\"cam2\",\"hash\":\"00");
          return bus.deploy(dir);
        })
        .compose(id -> bus.list())
        .onComplete(ctx.succeeding(list -> ctx.verify(() -> {
          assertThat(names(list)).containsExactly("cam1");
          ctx.completeNow();
        })));
  }

  @Test
  void aCorruptMiddleLineStopsTheDeployNamingTheFile(Vertx vertx, VertxTestContext ctx) {
    AuthBus bus = new AuthBus(vertx);
    Path journal = dir.resolve(KeyStore.JOURNAL_FILE);
    bus.deploy(dir).compose(id -> bus.create("cam1").compose(c -> vertx.undeploy(id)))
        .compose(undeployed -> {
          append("not json at all\n");
          append("{\"op\":\"revoked\",\"name\":\"cam1\",\"at\":\"2026-11-24T15:00:00Z\"}\n");
          return bus.deploy(dir);
        })
        .onComplete(ctx.failing(error -> ctx.verify(() -> {
          assertThat(error).hasMessageContaining(journal.toString()).hasMessageContaining("line 2");
          assertThat(Files.readAllLines(journal)).hasSize(3);
          ctx.completeNow();
        })));
  }

  @Test
  void aMissingDataDirStopsTheDeploy(Vertx vertx, VertxTestContext ctx) {
    new AuthBus(vertx).deploy(new JsonObject()).onComplete(ctx.failing(error -> ctx.verify(() -> {
      assertThat(error).hasMessageContaining("dataDir");
      ctx.completeNow();
    })));
  }

  @Test
  void noFileOrLogLineEverHoldsAKey(Vertx vertx, VertxTestContext ctx) {
    ListAppender<ILoggingEvent> captured = new ListAppender<>();
    Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    captured.start();
    root.addAppender(captured);
    AuthBus bus = new AuthBus(vertx);
    List<String> keys = new ArrayList<>();
    bus.deploy(dir).compose(id -> Future.all(bus.create("cam1"), bus.create("cam2")).compose(created -> {
      keys.add(created.<JsonObject>resultAt(0).getString("key"));
      keys.add(created.<JsonObject>resultAt(1).getString("key"));
      return Future.join(bus.validate(keys.get(0), "127.0.0.1:1"), bus.validate(keys.get(0) + "x", "127.0.0.1:1"),
          bus.create("cam1"), bus.revoke("cam2"), bus.validate(keys.get(1), "127.0.0.1:1"));
    }).transform(done -> vertx.undeploy(id))).onComplete(ctx.succeeding(undeployed -> ctx.verify(() -> {
      root.detachAppender(captured);
      assertThat(captured.list).extracting(ILoggingEvent::getFormattedMessage)
          .contains("Created stream key 'cam1'", "Revoked stream key 'cam2'");
      try (Stream<Path> files = Files.walk(dir)) {
        for (Path file : files.filter(Files::isRegularFile).toList()) {
          String text = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
          for (String key : keys) {
            assertThat(text).as(file.toString()).doesNotContain(key);
          }
        }
      }
      for (ILoggingEvent event : captured.list) {
        String line = event.getFormattedMessage()
            + (event.getThrowableProxy() == null ? "" : ThrowableProxyUtil.asString(event.getThrowableProxy()));
        for (String key : keys) {
          assertThat(line).doesNotContain(key);
        }
      }
      ctx.completeNow();
    })));
  }

  @Test
  void tooManyRefusalsFromOneHostGive429WhileOtherHostsWork(Vertx vertx, VertxTestContext ctx) {
    AuthBus bus = new AuthBus(vertx);
    JsonObject config = new JsonObject().put("dataDir", dir.toString()).put("maxFailuresPerAddress", 3)
        .put("failureWindowMs", 60_000).put("blockMs", 300_000);
    String bad = "A".repeat(43);
    bus.deploy(config).compose(id -> bus.create("cam1")).compose(created -> {
      String key = created.getString("key");
      return refusal(bus.validate(bad, "10.0.0.1:1000"))
          .compose(r -> refusal(bus.validate(bad, "10.0.0.1:1001")))
          .compose(r -> refusal(bus.validate(bad, "10.0.0.1:1002")))
          .compose(third -> {
            ctx.verify(() -> assertThat(third.failureCode()).isEqualTo(403));
            return refusal(bus.validate(key, "10.0.0.1:2000"));
          })
          .compose(blocked -> {
            ctx.verify(() -> {
              assertThat(blocked.failureCode()).isEqualTo(429);
              assertThat(blocked.getMessage()).startsWith("Too many refused publishes");
            });
            return refusal(bus.validate(bad, "10.0.0.1:2001"));
          })
          .compose(blocked -> {
            ctx.verify(() -> assertThat(blocked.failureCode()).isEqualTo(429));
            return bus.validate(key, "10.0.0.2:1000");
          });
    }).onComplete(ctx.succeeding(valid -> ctx.verify(() -> {
      assertThat(valid.getString("name")).isEqualTo("cam1");
      ctx.completeNow();
    })));
  }

  private void append(String text) {
    try {
      Files.writeString(dir.resolve(KeyStore.JOURNAL_FILE), text, StandardCharsets.UTF_8,
          java.nio.file.StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
