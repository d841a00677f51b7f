package io.inlet.auth.verticle;

import static io.inlet.auth.verticle.AuthBus.refusal;
import static org.assertj.core.api.Assertions.assertThat;

import io.inlet.auth.service.StreamKeys;
import io.inlet.bus.Addresses;
import io.inlet.bus.RevokedKey;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.Checkpoint;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Every answer of the contract's four key addresses, over the event bus. */
@ExtendWith(VertxExtension.class)
class AuthVerticleApiTest {

  @TempDir Path dir;
  private AuthBus bus;

  @BeforeEach
  void deploy(Vertx vertx, VertxTestContext ctx) {
    bus = new AuthBus(vertx);
    bus.deploy(dir).onComplete(ctx.succeedingThenComplete());
  }

  @Test
  void createAnswersNameKeyAndCreatedAt(VertxTestContext ctx) {
    Instant before = Instant.now().minusSeconds(1);
    bus.create("cam1").onComplete(ctx.succeeding(reply -> ctx.verify(() -> {
      assertThat(reply.fieldNames()).containsExactlyInAnyOrder("name", "key", "createdAt");
      assertThat(reply.getString("name")).isEqualTo("cam1");
      assertThat(reply.getString("key")).matches("[A-Za-z0-9_-]{43}");
      assertThat(Instant.parse(reply.getString("createdAt"))).isBetween(before, Instant.now());
      ctx.completeNow();
    })));
  }

  @Test
  void createRefusesBadNamesWith400(VertxTestContext ctx) {
    List<Object> bodies = List.of(
        new JsonObject().put("name", ""), new JsonObject().put("name", "cam 1"),
        new JsonObject().put("name", "cam/1"), new JsonObject().put("name", "n".repeat(65)),
        new JsonObject().put("name", "caf\u00e9"), new JsonObject().put("name", 7),
        new JsonObject(), "cam1");
    List<Future<ReplyException>> refusals = new ArrayList<>();
    for (Object body : bodies) {
      refusals.add(refusal(bus.request(Addresses.AUTH_KEYS_CREATE, body)));
    }
    Future.all(refusals).compose(all -> bus.list()).onComplete(ctx.succeeding(list -> ctx.verify(() -> {
      for (Future<ReplyException> refused : refusals) {
        assertThat(refused.result().failureCode()).isEqualTo(400);
        assertThat(refused.result().getMessage()).endsWith(".").doesNotContain("\n");
      }
      assertThat(list.getJsonArray("keys")).isEmpty();
      ctx.completeNow();
    })));
  }

  @Test
  void createAcceptsTheWholeNameAlphabet(VertxTestContext ctx) {
    List<String> names = List.of("a", "A.b_c-9", "n".repeat(64), "...", "-");
    List<Future<JsonObject>> created = new ArrayList<>();
    names.forEach(name -> created.add(bus.create(name)));
    Future.all(created).compose(all -> bus.list()).onComplete(ctx.succeeding(list -> ctx.verify(() -> {
      assertThat(names(list)).containsExactlyInAnyOrderElementsOf(names);
      ctx.completeNow();
    })));
  }

  @Test
  void createRefusesATakenNameWith409(VertxTestContext ctx) {
    refusal(bus.create("cam1").compose(first -> bus.create("cam1")))
        .onComplete(ctx.succeeding(refused -> ctx.verify(() -> {
          assertThat(refused.failureCode()).isEqualTo(409);
          assertThat(refused.getMessage()).isEqualTo("A key named 'cam1' already exists.");
          ctx.completeNow();
        })));
  }

  @Test
  void concurrentCreatesOfOneNameGiveExactlyOneKey(VertxTestContext ctx) {
    List<Future<JsonObject>> attempts = new ArrayList<>();
    for (int i = 0; i < 25; i++) {
      attempts.add(bus.create("cam1"));
    }
    Future.join(attempts).transform(done -> bus.list()).onComplete(ctx.succeeding(list -> ctx.verify(() -> {
      assertThat(attempts.stream().filter(Future::succeeded).count()).isEqualTo(1);
      assertThat(attempts.stream().filter(Future::failed)
          .map(f -> ((ReplyException) f.cause()).failureCode())).hasSize(24).containsOnly(409);
      assertThat(names(list)).containsExactly("cam1");
      ctx.completeNow();
    })));
  }

  @Test
  void listShowsKeysByNameWithoutSecrets(VertxTestContext ctx) {
    Future.all(bus.create("b"), bus.create("a")).compose(created -> bus.list().map(list -> {
      ctx.verify(() -> {
        assertThat(names(list)).containsExactly("a", "b");
        for (Object item : list.getJsonArray("keys")) {
          JsonObject key = (JsonObject) item;
          assertThat(key.fieldNames()).containsExactlyInAnyOrder("name", "createdAt", "lastUsedAt", "live");
          assertThat(key.getValue("lastUsedAt")).isNull();
          assertThat(key.getBoolean("live")).isFalse();
          Instant.parse(key.getString("createdAt"));
        }
        String text = list.encode();
        for (int i = 0; i < 2; i++) {
          JsonObject one = created.resultAt(i);
          assertThat(text).doesNotContain(one.getString("key"))
              .doesNotContain(StreamKeys.hash(one.getString("key")));
        }
      });
      return list;
    })).onComplete(ctx.succeedingThenComplete());
  }

  @Test
  void validateAnswersTheNameAndSetsLastUsedAt(VertxTestContext ctx) {
    Instant before = Instant.now().minusSeconds(1);
    bus.create("cam1")
        .compose(created -> bus.validate(created.getString("key"), "127.0.0.1:50312"))
        .compose(valid -> {
          ctx.verify(() -> assertThat(valid).isEqualTo(new JsonObject().put("name", "cam1")));
          return bus.list();
        })
        .onComplete(ctx.succeeding(list -> ctx.verify(() -> {
          Instant used = Instant.parse(list.getJsonArray("keys").getJsonObject(0).getString("lastUsedAt"));
          assertThat(used).isBetween(before, Instant.now());
          ctx.completeNow();
        })));
  }

  @Test
  void validateRefusesUnknownKeysWith403(VertxTestContext ctx) {
    List<Future<ReplyException>> refusals = List.of(
        refusal(bus.validate(StreamKeys.generate(), "127.0.0.1:1")),
        refusal(bus.validate("not a key", "127.0.0.1:2")),
        refusal(bus.validate(null, null)),
        refusal(bus.request(Addresses.AUTH_VALIDATE, new JsonObject().put("app", "live"))));
    Future.all(refusals).onComplete(ctx.succeeding(all -> ctx.verify(() -> {
      for (Future<ReplyException> refused : refusals) {
        assertThat(refused.result().failureCode()).isEqualTo(403);
        assertThat(refused.result().getMessage()).isEqualTo("Unknown or revoked stream key.");
      }
      ctx.completeNow();
    })));
  }

  @Test
  void revokeAnswersThePublishesAndRefusesTheKeyAfterwards(Vertx vertx, VertxTestContext ctx) {
    Checkpoint published = ctx.checkpoint();
    Checkpoint answered = ctx.checkpoint();
    vertx.eventBus().<RevokedKey>consumer(Addresses.KEY_REVOKED, event -> ctx.verify(() -> {
      assertThat(event.body()).isEqualTo(new RevokedKey("cam1"));
      published.flag();
    })).completion()
        .compose(registered -> bus.create("cam1"))
        .compose(created -> bus.revoke("cam1").compose(revoked -> {
          ctx.verify(() -> assertThat(revoked).isEqualTo(new JsonObject().put("name", "cam1")));
          return refusal(bus.validate(created.getString("key"), "127.0.0.1:1"));
        }))
        .compose(refused -> {
          ctx.verify(() -> assertThat(refused.failureCode()).isEqualTo(403));
          return bus.list();
        })
        .onComplete(ctx.succeeding(list -> ctx.verify(() -> {
          assertThat(names(list)).isEmpty();
          answered.flag();
        })));
  }

  @Test
  void revokeRefusesUnknownNamesWith404(VertxTestContext ctx) {
    List<Future<ReplyException>> refusals = List.of(
        refusal(bus.revoke("nobody")), refusal(bus.revoke("bad name")), refusal(bus.revoke(null)),
        refusal(bus.create("cam1").compose(c -> bus.revoke("cam1")).compose(r -> bus.revoke("cam1"))));
    Future.all(refusals).onComplete(ctx.succeeding(all -> ctx.verify(() -> {
      for (Future<ReplyException> refused : refusals) {
        assertThat(refused.result().failureCode()).isEqualTo(404);
      }
      assertThat(refusals.get(0).result().getMessage()).isEqualTo("No key named 'nobody' exists.");
      ctx.completeNow();
    })));
  }

  @Test
  void listFollowsStreamEvents(Vertx vertx, VertxTestContext ctx) {
    bus.create("cam1").compose(created -> bus.create("cam2")).compose(created -> {
      vertx.eventBus().publish(Addresses.STREAM_EVENTS,
          new JsonObject().put("type", "started").put("name", "cam1").put("app", "live"));
      return bus.listUntil(list -> live(list, "cam1"));
    }).compose(list -> {
      ctx.verify(() -> assertThat(live(list, "cam2")).isFalse());
      vertx.eventBus().publish(Addresses.STREAM_EVENTS, new JsonObject().put("type", "ended").put("name", "cam1"));
      return bus.listUntil(l -> !live(l, "cam1"));
    }).onComplete(ctx.succeedingThenComplete());
  }

  static List<String> names(JsonObject list) {
    List<String> names = new ArrayList<>();
    list.getJsonArray("keys").forEach(key -> names.add(((JsonObject) key).getString("name")));
    return names;
  }

  private static boolean live(JsonObject list, String name) {
    JsonArray keys = list.getJsonArray("keys");
    return keys.stream().map(JsonObject.class::cast)
        .anyMatch(key -> key.getString("name").equals(name) && key.getBoolean("live"));
  }
}
